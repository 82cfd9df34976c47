/**
 * Pictures of the chain for paper and slides, made in the browser without any network: PNG of the
 * view, SVG of the whole chain, and the A3 poster as PDF (the poster SVG drawn to a canvas with the
 * system's fonts, then wrapped in a one-page PDF).
 */
import type { GraphSnapshot } from '../../graph/chainGraph';
import { POSTER, posterSvg, type PosterInput } from '../../graph/poster';
import { chainSvg } from '../../graph/svgExport';
import type { TextMeasurer } from '../../graph/elements';
import { A3_LANDSCAPE, imagePdf } from '../../io/pdf';

/** Draws an SVG document onto a canvas `scale` times its size. */
async function rasterize(svg: string, width: number, height: number, scale: number): Promise<HTMLCanvasElement> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const ctx = canvas.getContext('2d')!;
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return canvas;
  } finally {
    URL.revokeObjectURL(url);
  }
}

function canvasBytes(
  canvas: HTMLCanvasElement,
  type: 'image/jpeg' | 'image/png',
  quality?: number,
): Promise<Uint8Array> {
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) =>
        blob
          ? blob.arrayBuffer().then((b) => resolve(new Uint8Array(b)), reject)
          : reject(new Error('the canvas could not be encoded')),
      type,
      quality,
    ),
  );
}

/** The whole chain as an SVG document. */
export function chainSvgFile(snapshot: GraphSnapshot, measure: TextMeasurer): Uint8Array {
  return new TextEncoder().encode(chainSvg(snapshot, { measure }));
}

/**
 * The poster as a one-page A3 landscape PDF, drawn at 2× (about 190 dpi on A3): sharp enough to read
 * the chain's labels on paper, small enough to mail.
 */
export async function posterPdf(input: PosterInput, title: string): Promise<Uint8Array> {
  const canvas = await rasterize(posterSvg(input), POSTER.width, POSTER.height, 2);
  const jpeg = await canvasBytes(canvas, 'image/jpeg', 0.92);
  return imagePdf({ ...A3_LANDSCAPE, jpeg, imageWidth: canvas.width, imageHeight: canvas.height, title });
}
