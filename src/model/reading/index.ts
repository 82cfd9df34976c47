/**
 * Reading a source (issue 13): proposed facts from an article's text, each with its quote and place.
 * Pure and framework-free: plain data in, plain data out, so a dialog or a Web Worker can use it.
 *
 * - `readSource` (with `readingInputFor`) reads a text into proposals;
 * - `compareProposals` and `groupByLink` set them beside the stored data;
 * - `acceptProposals` turns the accepted ones into one edit citing the new source;
 * - `readingSummary` records what was added and skipped, to export with the source.
 */
export { readSource, readingInputFor, type ReadingInput } from './read';
export {
  compareProposals,
  groupByLink,
  type ComparedProposal,
  type ProposalGroup,
  type StoredRecord,
  type Verdict,
} from './compare';
export { acceptProposals, newSourceId, type SourceMeta } from './accept';
export { readingNote, readingSummary, type ReadingSummary, type ReadingSummaryRow } from './summary';
export { RULES, type RuleId } from './rules';
export { MAX_READING_LENGTH } from './text';
export type * from './types';
