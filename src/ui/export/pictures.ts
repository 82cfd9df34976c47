/**
 * Pictures of the chain for paper and slides, made in the browser without any network: PNG of the
 * view, SVG of the whole chain, and the A3 poster as PDF (the poster SVG drawn to a canvas with the
 * system's fonts, then wrapped in a one-page PDF).
 */
import type { GraphSnapshot } from '../../graph/chainGraph';
import { POSTER, posterSvg, type PosterInput } from '../../graph/poster';
import { chainSvg, type SvgCaption } from '../../graph/svgExport';
import type { TextMeasurer } from '../../graph/elements';
import { A3_LANDSCAPE, imagePdf } from '../../io/syntax/pdf';
import { STATUS_LOOK, SWATCH_DASH } from '../../graph/palette';
import { GRAPH_FONT } from '../../graph/style';

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

/** The whole chain as an SVG document, with a caption under it when one is given. */
export function chainSvgFile(snapshot: GraphSnapshot, measure: TextMeasurer, caption?: SvgCaption): Uint8Array {
  return new TextEncoder().encode(chainSvg(snapshot, { measure, ...(caption ? { caption } : {}) }));
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

/** The height, in CSS pixels, of the caption band under a PNG of the view. */
const CAPTION_HEIGHT = 52;

/**
 * The view's PNG with a caption band under it (title, source, dates and the status legend), so a
 * picture pasted into a report still says what it shows and where its figures come from. The width stays
 * `scale` times the view's; the band adds `CAPTION_HEIGHT × scale` pixels of height.
 */
export async function captionedPng(image: Blob, scale: number, caption: SvgCaption): Promise<Uint8Array> {
  const bitmap = await createImageBitmap(image);
  const viewHeight = bitmap.height;
  const canvas = document.createElement('canvas');
  canvas.width = bitmap.width;
  canvas.height = viewHeight + Math.round(CAPTION_HEIGHT * scale);
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(bitmap, 0, 0);
  bitmap.close();
  ctx.fillStyle = '#c9ced6';
  ctx.fillRect(0, viewHeight, canvas.width, Math.max(1, Math.round(scale)));
  ctx.scale(scale, scale);
  const top = viewHeight / scale;
  const width = canvas.width / scale;
  const font = (weight: number, size: number) => `${weight} ${size}px ${GRAPH_FONT}`;

  // The legend, right-aligned on the first line: a swatch in each status's look, its name and count.
  ctx.font = font(400, 12);
  let x = width - 12;
  for (const item of [...caption.legend].reverse()) {
    const text = `${item.label} ${item.count}`;
    x -= ctx.measureText(text).width;
    ctx.fillStyle = '#4a5260';
    ctx.fillText(text, x, top + 21);
    x -= 18;
    const look = STATUS_LOOK[item.status];
    ctx.fillStyle = look.fill;
    ctx.strokeStyle = look.border;
    ctx.lineWidth = 1.5;
    ctx.setLineDash([...SWATCH_DASH[look.borderStyle]]);
    ctx.fillRect(x, top + 11, 13, 12);
    ctx.strokeRect(x, top + 11, 13, 12);
    ctx.setLineDash([]);
    x -= 12;
  }
  const clip = (text: string, room: number) => {
    if (ctx.measureText(text).width <= room) return text;
    let cut = text;
    while (cut.length > 1 && ctx.measureText(`${cut}…`).width > room) cut = cut.slice(0, -1);
    return `${cut}…`;
  };
  ctx.fillStyle = '#1d2330';
  ctx.font = font(600, 14);
  ctx.fillText(clip(caption.title, Math.max(40, x - 24)), 12, top + 22);
  ctx.fillStyle = '#4a5260';
  ctx.font = font(400, 12);
  ctx.fillText(clip(`${caption.subtitle} · ${caption.dateLine}`, width - 24), 12, top + 42);
  return canvasBytes(canvas, 'image/png');
}
