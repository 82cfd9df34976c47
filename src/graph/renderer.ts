import type { BoundingBox12, Core, SingularElementReturnValue } from 'cytoscape';
import { readPref, writePref } from '../state/prefs';
import { estimateText, type TextMeasurer } from './elements';

/**
 * Choosing Cytoscape's renderer: WebGL only on a real GPU. Software WebGL (SwiftShader, llvmpipe) is
 * slower than the canvas renderer, so it counts as no GPU.
 */
const SOFTWARE = /swiftshader|llvmpipe|software|basic render|microsoft basic/i;

/** Where the answer of the WebGL probe is kept, with the browser it was found in. */
export const WEBGL_PROBE_KEY = 'chainatlas:webgl';

/** The probe's answer in this page, where storage keeps none (blocked). */
let known: boolean | undefined;

/**
 * Whether this browser has a hardware WebGL2 context worth using for the graph. Asking means creating
 * a WebGL context (8–10 ms on a 2-core machine without a GPU, more where a GPU process must start), so
 * the answer is kept in localStorage for this browser and version (its user agent). Until it is known
 * (this browser's first start of the app, or its first after an update) the answer is no, and the
 * probe runs once the page is idle (`later`): the first chain is drawn by the canvas renderer, which
 * draws the shipped chain as well, without that cost in its first frame; graphs made after the probe
 * use its answer.
 */
export function hasHardwareWebgl(
  probe: () => boolean = probeWebgl,
  later: (task: () => void) => void = whenIdle,
): boolean {
  const agent = typeof navigator === 'undefined' ? '' : navigator.userAgent;
  const kept = readPref(WEBGL_PROBE_KEY);
  if (kept !== null && kept.slice(2) === agent && (kept[0] === '1' || kept[0] === '0')) return kept[0] === '1';
  if (known !== undefined) return known;
  later(() => {
    if (known !== undefined) return;
    known = probe();
    writePref(WEBGL_PROBE_KEY, `${known ? 1 : 0} ${agent}`);
  });
  return false;
}

/** Runs `task` when the page has nothing else to do (soon after the first draw). */
function whenIdle(task: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(() => task(), { timeout: 5000 });
  else setTimeout(task, 1000);
}

/** Forgets the answer found in this page (tests). */
export function forgetWebglProbe(): void {
  known = undefined;
}

/** Creates a WebGL2 context and asks for its renderer: a hardware one, not software. */
function probeWebgl(): boolean {
  try {
    const canvas = document.createElement('canvas');
    const gl = canvas.getContext('webgl2');
    if (!gl) return false;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const name = info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : String(gl.getParameter(gl.RENDERER));
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return !SOFTWARE.test(name);
  } catch {
    return false;
  }
}

/** The parts of Cytoscape's canvas renderer that `drawFirstFrameDirectly` uses (not in its typings). */
interface CanvasRendererParts {
  data?: { lyrTxrCache?: { firstGet: boolean } };
  drawLayeredElements?: (
    context: CanvasRenderingContext2D,
    eles: SingularElementReturnValue[],
    pxRatio: number,
    extent?: BoundingBox12,
  ) => void;
  drawElement?: (context: CanvasRenderingContext2D, ele: SingularElementReturnValue) => void;
}

/** Up to how many elements a first frame is drawn directly (`drawFirstFrameDirectly`). */
const DIRECT_FIRST_FRAME_MAX = 2000;

/**
 * Has the canvas renderer draw the first frame that has elements straight onto the screen, and build
 * its caches afterwards. Cytoscape draws each element into a texture, the textures into layer canvases
 * and those onto the screen, and on its first frame it builds all of them at once. Without a GPU every
 * one of those copies is costly: drawn directly, the shipped chain's first frame came about 100 ms
 * sooner on a first visit and 50 ms sooner on a later one (A/B, 15 and 11 visits, English). The frames
 * after it use the caches as before; the layers are built lazily, as after any change. A first frame
 * of more than `DIRECT_FIRST_FRAME_MAX` elements is drawn Cytoscape's way: drawn directly, the
 * 5,000-link chain of the drawing bench took longer (1.27–1.37× plain Cytoscape, against 1.19×).
 * Does nothing where the renderer is not the canvas renderer these parts belong to (WebGL, another
 * version).
 */
export function drawFirstFrameDirectly(cy: Core): void {
  const renderer = (cy as unknown as { renderer(): CanvasRendererParts | undefined }).renderer();
  const layers = renderer?.data?.lyrTxrCache;
  const draw = renderer?.drawElement;
  if (!renderer || !layers || !draw || typeof renderer.drawLayeredElements !== 'function') return;
  renderer.drawLayeredElements = (context, eles, pxRatio, extent) => {
    if (!eles.length) return;
    // From here on, frames are drawn through the caches again (the prototype's way).
    delete renderer.drawLayeredElements;
    if (eles.length > DIRECT_FIRST_FRAME_MAX) return renderer.drawLayeredElements!(context, eles, pxRatio, extent);
    // Layers are then built lazily by later frames, not all at once by the next.
    layers.firstGet = false;
    for (const ele of eles) {
      const bb = ele.boundingBox();
      if (bb.w === 0 || bb.h === 0 || !ele.visible()) continue;
      if (extent && (bb.x1 > extent.x2 || bb.x2 < extent.x1 || bb.y1 > extent.y2 || bb.y2 < extent.y1)) continue;
      draw.call(renderer, context, ele);
    }
  };
}

/**
 * Measures text as the canvas renderer will draw it (same font stack), so link boxes fit their labels
 * exactly. Falls back to the estimate where there is no canvas.
 */
export function canvasTextMeasurer(fontFamily: string): TextMeasurer {
  const ctx = typeof document !== 'undefined' ? document.createElement('canvas').getContext('2d') : null;
  if (!ctx) return estimateText;
  const cache = new Map<string, number>();
  return (text, fontSize) => {
    const key = `${fontSize}|${text}`;
    let width = cache.get(key);
    if (width === undefined) {
      ctx.font = `${fontSize}px ${fontFamily}`;
      width = ctx.measureText(text.replaceAll('\u200b', '')).width;
      cache.set(key, width);
    }
    return width;
  };
}
