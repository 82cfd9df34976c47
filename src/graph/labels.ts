/**
 * Level of detail for link labels, the way map tools and Gephi Lite do it: a label is never drawn
 * smaller than `READABLE_PX` on screen. At and above the zoom where labels inside their boxes are that
 * large, every label is drawn as laid out. Below it, labels are drawn at a constant `LOD_PX` on screen
 * (over their box, which they cover like a larger chip), chosen greedily by priority so that no two
 * overlap (a label that does not fit at `LOD_PX` is tried at `READABLE_PX`); the others are hidden (their box still shows the status). Pure: the Cytoscape adapter
 * (`chainGraph.ts`) hands it positions, sizes and priorities and applies the answer as classes.
 */

/** The smallest a label is drawn on screen, in CSS pixels (readable from 3 m on a projector). */
export const READABLE_PX = 11;
/** The size labels are drawn at, on screen, when the zoom would make them smaller than `READABLE_PX`. */
export const LOD_PX = 12;
/** The size sub-chain box titles are drawn at, on screen, at least. */
export const TITLE_PX = 14;
/** Room kept free around a scaled label, on screen (its background padding and a hair of air). */
export const LOD_PAD_PX = 2;
const GAP_PX = 1;

/** What to draw first: lower comes first. Titles are always drawn. */
export const LabelPriority = {
  title: -1,
  /** The selected link. */
  focus: 0,
  /** What the view is about: its subject, a trace, the selection's neighbours. */
  subject: 1,
  /** Links the view marks: on the gap list, changed by a what-if, in a sync conflict. */
  marked: 2,
  /** A link whose status is known (strong, present, building, attracting, missing). */
  known: 3,
  /** The rest. */
  rest: 4,
  /** Links the view dims (a filter leaves them out). */
  dimmed: 5,
} as const;

export interface LabelItem {
  readonly id: string;
  /** The centre of the label, in layout coordinates. */
  readonly x: number;
  readonly y: number;
  /** The label's size in layout coordinates at the size it is laid out with (`LabelView.baseFontSize`). */
  readonly width: number;
  readonly height: number;
  /** `LabelPriority`: lower is placed first; a title (< 0) is always placed and is never scaled. */
  readonly priority: number;
}

export interface LabelView {
  readonly zoom: number;
  readonly pan: { readonly x: number; readonly y: number };
  /** The canvas in CSS pixels. */
  readonly width: number;
  readonly height: number;
  /** The font size labels are laid out with, in layout units. */
  readonly baseFontSize: number;
}

export type LabelChoice =
  /** Every label as laid out: the zoom makes them readable. */
  | { readonly scaled: false }
  | {
      readonly scaled: true;
      /** The font size of a drawn label, in layout units (`LOD_PX` on screen). */
      readonly fontSize: number;
      /** How much larger than laid out a drawn label is. */
      readonly scale: number;
      /** The labels drawn (titles not included). */
      readonly shown: ReadonlySet<string>;
      /** Those of `shown` drawn at `READABLE_PX` rather than `LOD_PX`, for lack of room. */
      readonly small: ReadonlySet<string>;
      /** The font size and scale of those, as `fontSize` and `scale` are for the others. */
      readonly smallFontSize: number;
      readonly smallScale: number;
    };

/** The zoom at and above which labels as laid out are readable. */
export const readableZoom = (baseFontSize: number): number => READABLE_PX / baseFontSize;

interface Rect {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  /** The label it belongs to. */
  id: string;
}

/** Cell size of the grid that keeps the overlap test cheap at thousands of labels. */
const CELL = 96;

/** Rectangles on screen, bucketed in a grid of `CELL` pixels so a test looks only at its neighbours. */
class RectGrid {
  readonly #cells = new Map<number, Rect[]>();
  readonly #cols: number;
  readonly #rows: number;
  constructor(width: number, height: number) {
    this.#cols = Math.ceil(width / CELL) + 1;
    this.#rows = Math.ceil(height / CELL) + 1;
  }
  #visit(r: Rect, visit: (key: number) => boolean | void): boolean {
    const c1 = Math.max(0, Math.floor(r.x1 / CELL));
    const c2 = Math.min(this.#cols - 1, Math.floor(r.x2 / CELL));
    const r1 = Math.max(0, Math.floor(r.y1 / CELL));
    const r2 = Math.min(this.#rows - 1, Math.floor(r.y2 / CELL));
    for (let row = r1; row <= r2; row++)
      for (let col = c1; col <= c2; col++) if (visit(row * this.#cols + col)) return true;
    return false;
  }
  /** Whether `r` overlaps a rectangle of another label (not one of `ignored`). */
  hits(r: Rect, ignored?: ReadonlySet<string>): boolean {
    return this.#visit(r, (key) =>
      this.#cells
        .get(key)
        ?.some((o) => o.id !== r.id && r.x1 < o.x2 && o.x1 < r.x2 && r.y1 < o.y2 && o.y1 < r.y2 && !ignored?.has(o.id)),
    );
  }
  add(r: Rect): void {
    this.#visit(r, (key) => {
      const cell = this.#cells.get(key);
      if (cell) cell.push(r);
      else this.#cells.set(key, [r]);
    });
  }
}

/**
 * Which labels to draw at this zoom. Items are placed in order of priority (then as given), each where
 * it stands, at `LOD_PX` or else at `READABLE_PX`, unless its rectangle on screen overlaps one placed
 * before or lies off screen. The view's subject goes first and keeps room for each of its labels at
 * `READABLE_PX`, so one subject label drawn large never pushes out another.
 *
 * @example
 * chooseLabels(items, { zoom: 0.6, pan: { x: 0, y: 0 }, width: 1366, height: 600, baseFontSize: 13 });
 * // { scaled: true, fontSize: 20, scale: 1.54, shown: Set { … }, small: Set { … }, … }
 */
export function chooseLabels(items: readonly LabelItem[], view: LabelView): LabelChoice {
  const { zoom, pan, baseFontSize } = view;
  if (baseFontSize * zoom >= READABLE_PX - 1e-9) return { scaled: false };
  const scale = LOD_PX / (baseFontSize * zoom);
  const smallScale = READABLE_PX / (baseFontSize * zoom);
  const placed = new RectGrid(view.width, view.height);
  const reserved = new RectGrid(view.width, view.height);
  const shown = new Set<string>();
  const small = new Set<string>();
  /** The item's rectangle on screen, drawn `s` times its laid-out size, with `pad` around. */
  const rect = (item: LabelItem, s: number, pad: number): Rect => {
    const cx = item.x * zoom + pan.x;
    const cy = item.y * zoom + pan.y;
    const halfW = (item.width * s) / 2 + pad;
    const halfH = (item.height * s) / 2 + pad;
    return { x1: cx - halfW, y1: cy - halfH, x2: cx + halfW, y2: cy + halfH, id: item.id };
  };
  const onScreen = (r: Rect) => r.x2 > 0 && r.y2 > 0 && r.x1 < view.width && r.y1 < view.height;
  /** Subject labels that found no room: their reservation no longer holds. */
  const dropped = new Set<string>();
  const free = (r: Rect) => onScreen(r) && !placed.hits(r) && !reserved.hits(r, dropped);
  const order = items.map((item, i) => ({ item, i }));
  order.sort((a, b) => a.item.priority - b.item.priority || a.i - b.i);
  // What the view is about may let its background touch another's, as long as the text stays clear.
  for (const { item } of order)
    if (item.priority >= 0 && item.priority <= LabelPriority.subject)
      reserved.add(rect(item, zoom * smallScale, -GAP_PX));
  for (const { item } of order) {
    if (item.priority < 0) {
      const r = rect(item, zoom, GAP_PX);
      if (onScreen(r)) placed.add(r);
      continue;
    }
    const pad = LOD_PAD_PX + GAP_PX;
    const subject = item.priority <= LabelPriority.subject;
    const tries = [rect(item, zoom * scale, pad), rect(item, zoom * smallScale, pad)];
    let fit = tries.findIndex(free);
    if (fit < 0 && subject) {
      // Last, the text alone against what is drawn: the first of two subject labels that clash wins.
      const tight = rect(item, zoom * smallScale, -GAP_PX);
      if (onScreen(tight) && !placed.hits(tight)) fit = tries.push(tight) - 1;
    }
    if (fit < 0) {
      dropped.add(item.id);
      continue;
    }
    placed.add(tries[fit]!);
    shown.add(item.id);
    if (fit > 0) small.add(item.id);
  }
  return { scaled: true, fontSize: LOD_PX / zoom, scale, shown, small, smallFontSize: READABLE_PX / zoom, smallScale };
}
