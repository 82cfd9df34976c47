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
