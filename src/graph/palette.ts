/**
 * Status colours and border styles, shared by the graph and the legend. Colours follow the
 * Okabe–Ito colour-blind-safe set; the border style and glyph carry the status too, so the chain reads
 * in greyscale.
 */
import type { LinkStatus } from '../model/types';

export interface StatusLook {
  readonly fill: string;
  readonly text: string;
  readonly border: string;
  readonly borderStyle: 'solid' | 'dashed' | 'dotted' | 'double';
  readonly borderWidth: number;
}

/** The dash of a legend swatch's border, by border style (empty: a solid line). */
export const SWATCH_DASH: Readonly<Record<StatusLook['borderStyle'], readonly number[]>> = {
  solid: [],
  double: [],
  dashed: [3, 2],
  dotted: [1.5, 1.5],
};

export const STATUS_LOOK: Readonly<Record<LinkStatus, StatusLook>> = {
  strong: { fill: '#00694a', text: '#ffffff', border: '#00402d', borderStyle: 'double', borderWidth: 5 },
  present: { fill: '#b6e3cf', text: '#0b2e21', border: '#00694a', borderStyle: 'solid', borderWidth: 2 },
  building: { fill: '#fbd986', text: '#3d2a00', border: '#a86b00', borderStyle: 'dashed', borderWidth: 2.5 },
  attracting: { fill: '#cfe6f8', text: '#0a2a44', border: '#0067a5', borderStyle: 'dotted', borderWidth: 3 },
  missing: { fill: '#ffe1d1', text: '#5a1e00', border: '#c44f00', borderStyle: 'solid', borderWidth: 3.5 },
  unknown: { fill: '#f4f4f2', text: '#4a4a48', border: '#a3a3a0', borderStyle: 'solid', borderWidth: 1 },
};

/** Sub-chain box colours (light, so link colours stay the loudest thing on screen). */
export const GROUP_FILL = '#f7f8fa';
export const GROUP_BORDER = '#c9ced6';
export const EDGE_LOCAL = '#2f6f57';
export const EDGE_OTHER = '#a9b0ba';
export const EDGE_FEEDBACK = '#8a6fb0';
export const HIGHLIGHT = '#1f4fd1';

/** Halo colours of gap kinds in the gap view (vermillion, sky blue, purple, amber from the same safe set). */
export const GAP_HALO = { gap: '#d55e00', verify: '#56b4e9', extension: '#9b59b6', weak: '#e69f00' } as const;

/** The kinds on the gap list, which wear a halo in the gap view. */
export type HaloKind = keyof typeof GAP_HALO;
