/**
 * Layouts of the shipped chain made at build time, so a first visit draws at once instead of loading
 * ELK (1.5 MB) and laying out in a worker. The build measures labels without a browser, so it reserves
 * room generously (`reservingMeasurer`); a layout is used when the chain has the same structure and
 * every link, as this browser measures it, fits in the room the build reserved. Otherwise (other
 * fonts, an edited chain) the worker lays it out as before.
 */
import type { Lang } from '../i18n';
import { estimateText, linkHeight, maxLinkWidth, type TextMeasurer } from './elements';
import type { LayoutInput, Positions } from './layout';

/** A layout made at build time: for which structure, the room each link got, and where each stands. */
export interface ShippedLayout {
  readonly structure: string;
  readonly sizes: Readonly<Record<string, readonly [number, number]>>;
  readonly positions: Positions;
}

/** What a layout depends on besides the links' sizes: groups, links and their stages, edges. */
export function structureKey(input: LayoutInput): string {
  return JSON.stringify({
    groups: input.groups,
    links: input.links.map((l) => [l.id, l.group, l.stage]),
    edges: input.edges,
  });
}

/** A build-time layout's record of what it was made for. */
export function describeLayout(input: LayoutInput, positions: Positions): ShippedLayout {
  return {
    structure: structureKey(input),
    sizes: Object.fromEntries(input.links.map((l) => [l.id, [l.width, l.height] as const])),
    positions,
  };
}

/** The positions of the first layout made for this structure in which every link fits, if any. */
export function fittingLayout(input: LayoutInput, layouts: readonly ShippedLayout[]): Positions | undefined {
  const structure = structureKey(input);
  return layouts.find(
    (layout) =>
      layout.structure === structure &&
      input.links.every((l) => {
        const room = layout.sizes[l.id];
        return room !== undefined && l.width <= room[0] && l.height <= room[1];
      }),
  )?.positions;
}

/**
 * The layout input the build lays out: measured generously, and a label that wraps gets the widest box
 * (a browser may wrap it at other words, into lines as wide as the wrap width allows).
 */
export function reserveRoom(input: LayoutInput, lang: Lang): LayoutInput {
  const oneLine = linkHeight(1);
  return {
    ...input,
    links: input.links.map((l) => (l.height > oneLine ? { ...l, width: Math.max(l.width, maxLinkWidth(lang)) } : l)),
  };
}

/**
 * A measurer for the build: wider than any common font draws Latin text (0.62 em a character against
 * about 0.55), and CJK at a full em plus a little, so that labels measured by a browser fit.
 */
export const reservingMeasurer: TextMeasurer = (text, fontSize) => estimateText(text, fontSize) * 1.08 + 2;
