/**
 * Status icons, drawn as small SVGs: the graph paints them as node background images, the legend and
 * the panels show the same pictures. They carry the status without colour (greyscale print, colour-blind
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
