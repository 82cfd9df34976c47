import { estimateText, type TextMeasurer } from './elements';

/**
 * Choosing Cytoscape's renderer: WebGL only on a real GPU. Software WebGL (SwiftShader, llvmpipe) is
 * slower than the canvas renderer, so it counts as no GPU.
 */
const SOFTWARE = /swiftshader|llvmpipe|software|basic render|microsoft basic/i;

/** Whether this browser has a hardware WebGL2 context worth using for the graph. */
export function hasHardwareWebgl(): boolean {
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
