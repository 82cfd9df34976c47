/**
 * The view model of the chain graph: dataset records -> Cytoscape element definitions. Pure, so it is
 * tested without a browser; the adapter in `chainGraph.ts` only diffs and draws what this returns.
 */
import type { Lang } from '../i18n';
import { statesByLink, statusOf } from '../model/dataset';
import { feedbackEdges, indexChain, type ChainIndex } from '../model/graph';
import type { ChainTemplate, LinkStatus, Region } from '../model/types';

/** Statuses that mean the region makes the link itself. */
export const LOCAL_STATUSES: ReadonlySet<LinkStatus> = new Set(['strong', 'present']);

/** A glyph per status: the cue that survives greyscale print and colour-blind eyes. */
export const STATUS_GLYPH: Readonly<Record<LinkStatus, string>> = {
  strong: '★',
  present: '●',
  building: '◐',
  attracting: '◎',
  missing: '✕',
  unknown: '?',
};

export const LINK_FONT_SIZE = 13;
const MAX_LABEL_WIDTH = 124;
const PAD_X = 12;
const PAD_Y = 8;
const LINE_HEIGHT = 1.25;

export interface LinkNodeData {
  readonly id: string;
  readonly kind: 'link';
  readonly parent: string;
  readonly label: string;
  readonly status: LinkStatus;
  readonly subChain: string;
  readonly stage: string;
  readonly width: number;
  readonly height: number;
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

/** Rough width of a character at `fontSize`: full width for CJK, about half for Latin. */
function charWidth(ch: string, fontSize: number): number {
  return /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/.test(ch) ? fontSize : fontSize * 0.58;
}

/**
 * Estimates the box a label needs when wrapped at `maxWidth`, so the layout can reserve room before
 * anything is drawn. Wraps at spaces and between CJK characters, like the canvas renderer.
 */
export function measureLabel(text: string, fontSize: number, maxWidth: number): { width: number; lines: number } {
  const tokens =
    text.match(/[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]|[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]+|\s+/g) ?? [];
  let lines = 1;
  let line = 0;
  let widest = 0;
  for (const token of tokens) {
    const w = [...token].reduce((sum, ch) => sum + charWidth(ch, fontSize), 0);
    if (/^\s+$/.test(token)) {
      line += w;
      continue;
    }
    if (line > 0 && line + w > maxWidth) {
      widest = Math.max(widest, line);
      lines++;
      line = 0;
    }
    line += w;
  }
  widest = Math.max(widest, line);
  return { width: Math.min(Math.ceil(widest), maxWidth), lines };
}

/** The label drawn on a link: its status glyph, then its name. */
export function linkLabel(name: string, status: LinkStatus): string {
  return `${STATUS_GLYPH[status]} ${name}`;
}

/**
 * Builds the graph elements for a region on its chain, in the given language.
 *
 * @example
 * const els = buildChainElements(indexChain(chain), region, 'zh');
 * els.links.find((l) => l.id === 'ni_metal')?.status; // 'strong'
 */
export function buildChainElements(index: ChainIndex, region: Region | undefined, lang: Lang): ChainElements {
  const chain = index.template;
  const states = region ? statesByLink(region) : new Map();
  const status = (id: string) => statusOf(states, id);
  const usedGroups = new Set(chain.links.map((l) => l.subChain));
  const groups = [...chain.subChains]
    .sort((a, b) => a.order - b.order)
    .filter((s) => usedGroups.has(s.id))
    .map((s): GroupNodeData => ({ id: groupId(s.id), kind: 'group', label: s.name[lang], subChain: s.id }));
  const links = chain.links.map((l): LinkNodeData => {
    const label = linkLabel(l.name[lang], status(l.id));
    // Sized for the longer of the two languages, so switching language never moves the chain.
    const sizes = [l.name.zh, l.name.en].map((n) =>
      measureLabel(linkLabel(n, 'unknown'), LINK_FONT_SIZE, MAX_LABEL_WIDTH),
    );
    const size = { width: Math.max(...sizes.map((s) => s.width)), lines: Math.max(...sizes.map((s) => s.lines)) };
    return {
      id: l.id,
      kind: 'link',
      parent: groupId(l.subChain),
      label,
      status: status(l.id),
      subChain: l.subChain,
      stage: l.stage,
      width: size.width + 2 * PAD_X,
      height: Math.ceil(size.lines * LINK_FONT_SIZE * LINE_HEIGHT) + 2 * PAD_Y,
    };
  });
  const back = new Set(feedbackEdges(index).map((e) => edgeId(e.from, e.to)));
  const edges = chain.edges.map((e): EdgeData => {
    const id = edgeId(e.from, e.to);
    return {
      id,
      source: e.from,
      target: e.to,
      local: LOCAL_STATUSES.has(status(e.from)) && LOCAL_STATUSES.has(status(e.to)),
      feedback: back.has(id),
    };
  });
  return { groups, links, edges };
}

/** Convenience for callers that hold only the template. */
export function chainElements(chain: ChainTemplate, region: Region | undefined, lang: Lang): ChainElements {
  return buildChainElements(indexChain(chain), region, lang);
}
