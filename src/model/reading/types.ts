/**
 * What reading a source produces: proposed facts, each with the words it stands on. Plain data only
 * (no classes, functions or maps), so a reading can cross to and from a Web Worker by structured clone
 * and be exported as JSON as it is.
 */
import type { Localized, LinkStatus, PartialDate, ProjectDates, ProjectStatus, Quantity } from '../types';
import type { RuleId } from './rules';

/** A paragraph as the data format numbers them: `n` counts the text's non-empty blocks from 1. */
export interface Paragraph {
  readonly n: number;
  /** Offsets of the trimmed block in the text (`text.slice(start, end)`). */
  readonly start: number;
  readonly end: number;
}

/** The words a fact stands on: where they are and what they say, verbatim. */
export interface Evidence {
  /** `¶n`, the paragraph locator a citation carries. */
  readonly locator: string;
  readonly paragraph: number;
  /** The part of the sentence that states the fact (its clauses), verbatim: what a citation quotes. */
  readonly quote: string;
  /** The whole sentence, verbatim, for context. */
  readonly sentence: string;
  /** Offsets of `quote` in the text, to show it in place. */
  readonly start: number;
  readonly end: number;
}

/** Why a proposal was made: the rule and its explanation in both languages. */
export interface RuleUse {
  readonly rule: RuleId;
  readonly why: Localized;
}

/** A link's status in the region, as the text states it. */
export interface ProposedLinkState {
  readonly kind: 'linkState';
  readonly linkId: string;
  readonly status: LinkStatus;
  readonly capacity?: Quantity;
  /** The date it holds for: the sentence's date, else the source's date; absent when neither is known. */
  readonly asOf?: PartialDate;
}

/** An enterprise named in the text and the links the text places it on. */
export interface ProposedEnterprise {
  readonly kind: 'enterprise';
  readonly name: string;
  readonly linkIds: readonly string[];
}

/** A project: what, by whom, how far along, how large. Enterprises are named, not yet ids. */
export interface ProposedProject {
  readonly kind: 'project';
  readonly name: string;
  readonly status: ProjectStatus;
  readonly linkIds: readonly string[];
  readonly enterprises: readonly string[];
  readonly capacity?: Quantity;
  readonly investment?: Quantity;
  readonly dates?: ProjectDates;
}

/** A figure the text reports. A `target` is a figure the text sets as a goal, not a result. */
export interface ProposedIndicator {
  readonly kind: 'indicator';
  readonly name: string;
  readonly value: Quantity;
  /** Absent when the text gives no date and the source's date is unknown: the planner fills it in. */
  readonly period?: PartialDate;
  readonly changePercent?: number;
  readonly outOf?: number;
  /** Who the figure is about when not the whole region (a development zone). */
  readonly subject?: string;
  readonly linkIds: readonly string[];
  readonly target?: boolean;
}

export type ProposedFact = ProposedLinkState | ProposedEnterprise | ProposedProject | ProposedIndicator;
export type FactKind = ProposedFact['kind'];

/** One candidate fact: the record it proposes, the links it concerns, its evidence and its rules. */
export interface Proposal {
  /** Stable within one reading (`f1`, `f2`, ...), in the order of the text. */
  readonly id: string;
  readonly fact: ProposedFact;
  /** The links the fact concerns (for grouping); empty for region-wide figures. */
  readonly linkIds: readonly string[];
  /** Where the text says it; the first is the main place. Never empty. */
  readonly evidence: readonly Evidence[];
  /** The rules that produced it, in the order they applied. */
  readonly rules: readonly RuleUse[];
}

/** A place the text names a link: for highlighting the text and for the "links it concerns". */
export interface LinkMention {
  readonly linkIds: readonly string[];
  readonly paragraph: number;
  readonly start: number;
  readonly end: number;
}

/** The outcome of reading one text. */
export interface Reading {
  readonly paragraphs: readonly Paragraph[];
  readonly proposals: readonly Proposal[];
  readonly mentions: readonly LinkMention[];
  /** The text's main language, from its characters. */
  readonly language: 'zh' | 'en';
}

/** Why a text cannot be read. `code` is for translation; `message` is English. */
export interface ReadingError {
  readonly code: 'empty' | 'too-large' | 'binary';
  readonly message: string;
  readonly params: Readonly<Record<string, number>>;
}

export type ReadingOutcome =
  { readonly ok: true; readonly reading: Reading } | { readonly ok: false; readonly error: ReadingError };
