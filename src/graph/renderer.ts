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
