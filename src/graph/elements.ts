/**
 * The view model of the chain graph: dataset records -> Cytoscape element definitions. Pure, so it is
 * tested without a browser; the adapter in `chainGraph.ts` only diffs and draws what this returns.
 */
import type { Lang } from '../i18n';
import { statesByLink, statusOf } from '../model/dataset';
import { feedbackEdges, type ChainIndex } from '../model/graph';
import { firmCounts } from '../model/firms';
import { edgeKey } from '../model/order';
import { LOCAL_STATUSES, type LinkStatus, type Region, type Stage } from '../model/types';

export const LINK_FONT_SIZE = 13;
/** Labels wrap at this width: Chinese names are short, English ones get a little more room. */
export const MAX_LABEL_WIDTH: Readonly<Record<Lang, number>> = { zh: 98, en: 116 };
/** Room around a link label inside its box, in layout units. */
export const PAD_X = 7;
export const PAD_Y = 6;
/** Room in a link for its status glyph (drawn before the name; exports draw an icon there). */
export const ICON_SPACE = 17;
const LINE_HEIGHT = 1.25;

export interface LinkNodeData {
  readonly id: string;
  readonly kind: 'link';
  /** The id of the sub-chain box it stands in (drawn behind it, not a Cytoscape compound parent). */
  readonly box: string;
  readonly label: string;
  readonly status: LinkStatus;
  readonly subChain: string;
  readonly stage: Stage;
  readonly width: number;
  readonly height: number;
  /** Where the label wraps, in pixels. */
  readonly wrapWidth: number;
  /** How many of the region's firms serve the link (drawn as a small count on its corner when > 0). */
  readonly firms: number;
}

export interface GroupNodeData {
  readonly id: string;
  readonly kind: 'group';
  readonly label: string;
  readonly subChain: string;
}

export interface EdgeData {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  /** Both ends are made in the region: a local supply relation. */
  readonly local: boolean;
  /** Runs against the flow (recycling back to salts). */
  readonly feedback: boolean;
  /** Runs between two sub-chain boxes: faded on the panorama until one of its ends is chosen. */
  readonly crossBox: boolean;
}

export interface ChainElements {
  readonly groups: readonly GroupNodeData[];
  readonly links: readonly LinkNodeData[];
  readonly edges: readonly EdgeData[];
}

/** The id of the compound node that holds a sub-chain's links. */
export const groupId = (subChain: string) => `group:${subChain}`;
/** The id of the edge element for a supply edge. */
export const edgeId = (from: string, to: string) => `edge:${from}>${to}`;

const CJK = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/;
const ZWSP = '\u200b';

/** Measures the width of a text at a font size (canvas metrics in the browser, an estimate elsewhere). */
export type TextMeasurer = (text: string, fontSize: number) => number;

/** A measurer that needs no browser: full width for CJK, a little over half for Latin. */
export const estimateText: TextMeasurer = (text, fontSize) =>
  [...text].reduce((sum, ch) => sum + (CJK.test(ch) ? fontSize : ch === ZWSP ? 0 : fontSize * 0.58), 0);

/**
 * A label the canvas renderer can wrap: it breaks only at whitespace or zero-width spaces, so one goes
 * between CJK characters and after a slash.
 */
export function wrappableLabel(text: string): string {
  return [...text]
    .map((ch, i, all) => {
      const next = all[i + 1];
      if (next === undefined) return ch;
      const breakAfter =
        (CJK.test(ch) && !/[)）、,，]/.test(next)) || ch === '/' || (CJK.test(next) && /[^\s(（]/.test(ch));
      return breakAfter ? ch + ZWSP : ch;
    })
    .join('');
}

/**
 * The box a label needs when wrapped at `maxWidth` (wider only for a word that is longer), wrapping where the renderer does (whitespace and
 * zero-width spaces), so the layout can reserve room before anything is drawn.
 */
export function measureLabel(
  text: string,
  fontSize: number,
  maxWidth: number,
  measure: TextMeasurer = estimateText,
): { width: number; lines: number } {
  const lines = wrapLabel(text, fontSize, maxWidth, measure);
  const widest = Math.max(...lines.map((l) => measure(l, fontSize)));
  // A word longer than `maxWidth` cannot wrap: the box grows to hold it rather than let it overflow.
  return { width: Math.ceil(widest), lines: lines.length };
}

/** The lines a label wraps into at `maxWidth` (without the zero-width spaces), as the renderer breaks it. */
export function wrapLabel(
  text: string,
  fontSize: number,
  maxWidth: number,
  measure: TextMeasurer = estimateText,
): string[] {
  const words = text.split(/([\s\u200b]+)/).filter((w) => w !== '');
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    if (/^[\s\u200b]+$/.test(word)) {
      line += word;
      continue;
    }
    const candidate = line + word;
    if (line.trim() !== '' && measure(candidate, fontSize) > maxWidth) {
      lines.push(line);
      line = word;
    } else line = candidate;
  }
  lines.push(line);
  return lines.map((l) => l.replaceAll(ZWSP, '').trim());
}

/** The height of a link's box whose label runs to `lines` lines. */
export const linkHeight = (lines: number): number => Math.ceil(lines * LINK_FONT_SIZE * LINE_HEIGHT) + 2 * PAD_Y;

/** The widest a link's box grows in a language: its label wraps at `MAX_LABEL_WIDTH`. */
export const maxLinkWidth = (lang: Lang): number => MAX_LABEL_WIDTH[lang] + 2 * PAD_X + ICON_SPACE;

/**
 * Builds the graph elements for a region on its chain, in the given language.
 *
 * @example
 * const els = buildChainElements(indexChain(chain), region, 'zh');
 * els.links.find((l) => l.id === 'ni_metal')?.status; // 'strong'
 */
export function buildChainElements(
  index: ChainIndex,
  region: Region | undefined,
  lang: Lang,
  measure: TextMeasurer = estimateText,
): ChainElements {
  const chain = index.template;
  const states = region ? statesByLink(region) : new Map();
  const status = (id: string) => statusOf(states, id);
  const firms = firmCounts(region);
  const usedGroups = new Set(chain.links.map((l) => l.subChain));
  const groups = [...chain.subChains]
    .sort((a, b) => a.order - b.order)
    .filter((s) => usedGroups.has(s.id))
    .map((s): GroupNodeData => ({ id: groupId(s.id), kind: 'group', label: s.name[lang], subChain: s.id }));
  const links = chain.links.map((l): LinkNodeData => {
    // Sized for the current language: Chinese names are short and sit on one line.
    const label = wrappableLabel(l.name[lang]);
    const size = measureLabel(label, LINK_FONT_SIZE, MAX_LABEL_WIDTH[lang], measure);
    return {
      id: l.id,
      kind: 'link',
      box: groupId(l.subChain),
      label,
      status: status(l.id),
      subChain: l.subChain,
      stage: l.stage,
      width: size.width + 2 * PAD_X + ICON_SPACE,
      wrapWidth: Math.max(MAX_LABEL_WIDTH[lang], size.width),
      height: linkHeight(size.lines),
      firms: firms.get(l.id) ?? 0,
    };
  });
  const back = feedbackEdges(index).keys;
  const edges = chain.edges.map((e): EdgeData => {
    const id = edgeId(e.from, e.to);
    return {
      id,
      source: e.from,
      target: e.to,
      local: LOCAL_STATUSES.has(status(e.from)) && LOCAL_STATUSES.has(status(e.to)),
      feedback: back.has(edgeKey(e.from, e.to)),
      crossBox: index.links.get(e.from)?.subChain !== index.links.get(e.to)?.subChain,
    };
  });
  return { groups, links, edges };
}
