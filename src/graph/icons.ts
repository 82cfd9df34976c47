/**
 * Status icons, drawn as small SVGs that the legend and the panels show, and as the same shapes in
 * text (`STATUS_GLYPH`) at the head of each link's label on the canvas. They carry the status without colour (greyscale print, colour-blind
 * readers). Inline data, so nothing is fetched.
 */
import type { LinkStatus } from '../model/types';
import { STATUS_LOOK } from './palette';

const SHAPES: Readonly<Record<LinkStatus, (c: string) => string>> = {
  strong: (c) => `<path d="M7 .8l1.9 4 4.3.5-3.2 3 .9 4.3L7 10.4 3.1 12.6 4 8.3.8 5.3l4.3-.5z" fill="${c}"/>`,
  present: (c) => `<circle cx="7" cy="7" r="5.2" fill="${c}"/>`,
  building: (c) =>
    `<circle cx="7" cy="7" r="5" fill="none" stroke="${c}" stroke-width="1.6"/><path d="M7 2a5 5 0 0 1 0 10z" fill="${c}"/>`,
  attracting: (c) =>
    `<circle cx="7" cy="7" r="5.2" fill="none" stroke="${c}" stroke-width="1.5" stroke-dasharray="2.2 1.6"/><circle cx="7" cy="7" r="2.2" fill="${c}"/>`,
  missing: (c) => `<path d="M2.5 2.5l9 9m0-9l-9 9" stroke="${c}" stroke-width="2.4" stroke-linecap="round"/>`,
  unknown: (c) =>
    `<path d="M4.6 5a2.5 2.5 0 1 1 3.4 2.3c-.7.3-1 .8-1 1.5v.6" fill="none" stroke="${c}" stroke-width="1.7" stroke-linecap="round"/><circle cx="7" cy="12" r="1.05" fill="${c}"/>`,
};

/**
 * The status icon as a character, drawn in the label's colour before the name on the canvas: a glyph
 * costs nothing beyond the text the label draws anyway, where a background image per node cost about a
 * tenth of drawing a 5,000-link chain; and it moves with the label when the level of detail enlarges it.
 * The same shapes as `SHAPES`.
 */
export const STATUS_GLYPH: Readonly<Record<LinkStatus, string>> = {
  strong: '★',
  present: '●',
  building: '◐',
  attracting: '◎',
  missing: '✕',
  unknown: '?',
};

/** The SVG markup of a status icon, 14×14, in `colour` (the status's text colour by default). */
export function statusIconSvg(status: LinkStatus, colour = STATUS_LOOK[status].text): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="14" height="14" viewBox="0 0 14 14">${SHAPES[status](colour)}</svg>`;
}

const uris = new Map<string, string>();

/** The icon as a data URI, for a Cytoscape background image or an `<img>` (made once per status and colour). */
export function statusIconUri(status: LinkStatus, colour?: string): string {
  const key = `${status} ${colour ?? ''}`;
  let uri = uris.get(key);
  if (uri === undefined) {
    uri = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(statusIconSvg(status, colour))}`;
    uris.set(key, uri);
  }
  return uri;
}

/** The size of the firm-count badge on a link's corner, in pixels. */
export const FIRM_BADGE = { width: 26, height: 14 } as const;

const badges = new Map<string, string>();

/** The count written on a badge: up to 9999 as it is, then in thousands (`12k`). */
export const firmBadgeText = (count: number): string =>
  count <= 9999 ? String(count) : `${Math.min(99, Math.floor(count / 1000))}k`;

/**
 * The firm-count badge as a data URI: a white pill with a grey rim and the count in dark grey, quieter
 * than the status colours. Drawn at twice its size so it stays sharp when zoomed in.
 */
export function firmBadgeUri(count: number): string {
  const text = firmBadgeText(count);
  let uri = badges.get(text);
  if (uri === undefined) {
    const { width: w, height: h } = FIRM_BADGE;
    const size = text.length > 3 ? 9 : 10;
    const svg =
      `<svg xmlns="http://www.w3.org/2000/svg" width="${2 * w}" height="${2 * h}" viewBox="0 0 ${w} ${h}">` +
      `<rect x=".5" y=".5" width="${w - 1}" height="${h - 1}" rx="${(h - 1) / 2}" fill="#ffffff" stroke="#6b7483"/>` +
      `<text x="${w / 2}" y="${h / 2 + size * 0.36}" text-anchor="middle" font-family="system-ui, sans-serif" ` +
      `font-size="${size}" font-weight="600" fill="#39404a">${text}</text></svg>`;
    uri = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
    badges.set(text, uri);
  }
  return uri;
}
