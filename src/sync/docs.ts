/**
 * Records as CouchDB documents, and back. Pure: no PouchDB here (that is `engine.ts`, a lazy chunk).
 *
 * One document per record, with an id made from the record's name (`linkState:jinchang:cathode`), so
 * two planners who change the same record write the same document and CouchDB sees the conflict. A
 * removed record is a document whose `value` is null (not a CouchDB deletion), so a removal that
 * conflicts with a change still shows both sides with who and when. Each change also leaves a
 * history document (`history:<record doc id>:<time>:<user>`), written once and never changed, which
 * is where "who changed this link, and when" is read from.
 */
import {
  describeRef,
  getRecord,
  sameValue,
  type DatasetEdit,
  type EditKind,
  type RecordChange,
  type RecordRef,
} from '../model/editRecords';
import type { Dataset, Localized } from '../model/types';

/** A record's document as stored in CouchDB (and in the local PouchDB replica). */
export interface RecordDoc {
  readonly _id: string;
  readonly _rev?: string;
  readonly _conflicts?: readonly string[];
  readonly type: 'record';
  readonly ref: RecordRef;
  /** The record's value; null when it was removed. */
  readonly value: unknown;
  /** The CouchDB user who wrote this revision, and when (ISO time). */
  readonly by: string;
  readonly at: string;
  /** What the user did (the undo label of the edit). */
  readonly label?: Localized;
}

/** One change of one record, kept for the History list. */
export interface HistoryDoc {
  readonly _id: string;
  readonly type: 'history';
  readonly record: string;
  readonly by: string;
  readonly at: string;
  readonly label: Localized;
  readonly removed: boolean;
}

/** The kinds in the order a dataset needs them: owners before what they own. */
const ORDER: readonly EditKind[] = [
  'source',
  'chain',
  'region',
  'link',
  'edge',
  'linkState',
  'enterprise',
  'relation',
  'project',
  'indicator',
];

const part = (s: string) => encodeURIComponent(s);

/** The document id of a record: its kind, then its owner and key, each escaped. */
export function docId(ref: RecordRef): string {
  switch (ref.kind) {
    case 'link':
      return `link:${part(ref.chainId)}:${part(ref.id)}`;
    case 'edge':
      return `edge:${part(ref.chainId)}:${part(ref.from)}:${part(ref.to)}`;
    case 'linkState':
      return `linkState:${part(ref.regionId)}:${part(ref.linkId)}`;
    case 'enterprise':
    case 'relation':
    case 'project':
    case 'indicator':
      return `${ref.kind}:${part(ref.regionId)}:${part(ref.id)}`;
    default:
      return `${ref.kind}:${part(ref.id)}`;
  }
}

/** The id prefix of the history documents of one record. */
export const historyPrefix = (recordId: string): string => `history:${recordId}:`;

/** Who wrote a change, when, and what they did. */
export interface Signature {
  readonly by: string;
  readonly at: string;
  readonly label: Localized;
}

/** The documents a stored edit writes: each record's last value, and a history entry per record. */
export function docsOfEdit(edit: DatasetEdit, sig: Signature): { records: RecordDoc[]; history: HistoryDoc[] } {
  const last = new Map<string, RecordChange>();
  for (const change of edit.changes) last.set(docId(change), change);
  const records: RecordDoc[] = [];
  const history: HistoryDoc[] = [];
  for (const [id, change] of last) {
    const { before: _b, after, index: _i, ...ref } = change;
    records.push({ _id: id, type: 'record', ref: ref as RecordRef, value: after ?? null, ...sig });
    history.push(historyDoc(id, sig, after === undefined));
  }
  return { records, history };
}

/** The history entry of one change of one record. */
export const historyDoc = (record: string, sig: Signature, removed: boolean): HistoryDoc => ({
  _id: `${historyPrefix(record)}${sig.at}:${part(sig.by)}`,
  type: 'history',
  record,
  by: sig.by,
  at: sig.at,
  label: sig.label,
  removed,
});

/** Whether a document from the replica is a record document this version understands. */
export function isRecordDoc(doc: unknown): doc is RecordDoc {
  if (!doc || typeof doc !== 'object') return false;
  const d = doc as Partial<RecordDoc>;
  return (
    d.type === 'record' &&
    typeof d._id === 'string' &&
    !!d.ref &&
    ORDER.includes(d.ref.kind) &&
    docId(d.ref) === d._id &&
    (d.value === null || typeof d.value === 'object')
  );
}

/** What applying remote documents to a dataset gives: the edit, and the documents left out with why. */
export interface RemoteEdit {
  readonly edit: DatasetEdit | undefined;
  readonly skipped: readonly { readonly id: string; readonly reason: string }[];
}

/**
 * The edit that brings `dataset` to what the documents say: each record's value replaced by the
 * document's (removed when it is null), owners first and removals last; documents that already match
 * are left out. The edit's `before` values are the dataset's, so it applies (and is checked) like any
 * other. A document whose owner (chain or region) is missing is skipped with its reason.
 */
export function editFromDocs(dataset: Dataset, docs: readonly RecordDoc[], label: Localized): RemoteEdit {
  const latest = new Map<string, RecordDoc>();
  for (const doc of docs) latest.set(doc._id, doc);
  const sorted = [...latest.values()].sort((a, b) => {
    const removal = Number(a.value === null) - Number(b.value === null);
    if (removal) return removal;
    const order = ORDER.indexOf(a.ref.kind) - ORDER.indexOf(b.ref.kind);
    return a.value === null ? -order : order;
  });
  const changes: RecordChange[] = [];
  const skipped: { id: string; reason: string }[] = [];
  // Owners added by this same batch count as present.
  const chains = new Set(dataset.chains.map((c) => c.id));
  const regions = new Set(dataset.regions.map((r) => r.id));
  for (const doc of sorted) {
    const ref = doc.ref;
    if (doc.value !== null) {
      if (ref.kind === 'chain') chains.add(ref.id);
      if (ref.kind === 'region') regions.add(ref.id);
    }
    if ('chainId' in ref && !chains.has(ref.chainId)) {
      skipped.push({ id: doc._id, reason: `${describeRef(ref)}: its chain is not in this atlas` });
      continue;
    }
    if ('regionId' in ref && !regions.has(ref.regionId)) {
      skipped.push({ id: doc._id, reason: `${describeRef(ref)}: its region is not in this atlas` });
      continue;
    }
    const before = getRecord(dataset, ref);
    const after = doc.value ?? undefined;
    if (sameValue(before, after)) continue;
    changes.push({ ...ref, before, after } as RecordChange);
  }
  return { edit: changes.length ? { label, changes } : undefined, skipped };
}

/**
 * What to send of the records a browser held before sync was switched on (`held`: its data against
 * the shipped data), once it holds the team's documents (`team`: the replica's document of each id,
 * or undefined when the server never had that record):
 * - `fresh`: records the team never had, sent as ordinary documents;
 * - `apart`: records the team holds at another value; sent as a second revision beside the team's, so
 *   CouchDB keeps both as a conflict that a planner resolves (never one silently overwriting the other);
 * - `same`: how many the team already holds at this browser's value (nothing to send).
 */
export function heldDocs(
  held: DatasetEdit,
  team: ReadonlyMap<string, RecordDoc | undefined>,
  sig: Signature,
): { fresh: RecordDoc[]; apart: RecordDoc[]; history: HistoryDoc[]; same: number } {
  const { records, history } = docsOfEdit(held, sig);
  const fresh: RecordDoc[] = [];
  const apart: RecordDoc[] = [];
  const sent = new Set<string>();
  let same = 0;
  for (const doc of records) {
    const theirs = team.get(doc._id);
    if (!theirs) fresh.push(doc);
    else if (sameValue(theirs.value ?? undefined, doc.value ?? undefined)) {
      same++;
      continue;
    } else apart.push(doc);
    sent.add(doc._id);
  }
  return { fresh, apart, history: history.filter((h) => sent.has(h.record)), same };
}

/** The winning revision first, then the others; what the conflict view shows side by side. */
export interface ConflictSides {
  readonly id: string;
  readonly ref: RecordRef;
  readonly sides: readonly RecordDoc[];
}

/**
 * The document that resolves a conflict: the value kept (one side's, or a merge), signed by the user
 * who resolved it, written on top of the winning revision; the other revisions are deleted beside it.
 */
export function resolution(
  winner: RecordDoc,
  value: unknown,
  sig: Signature,
): { keep: RecordDoc; drop: (rev: string) => { _id: string; _rev: string; _deleted: true } } {
  const { _conflicts: _c, ...rest } = winner;
  return {
    keep: { ...rest, value: value ?? null, ...sig },
    drop: (rev) => ({ _id: winner._id, _rev: rev, _deleted: true }),
  };
}

/** The links of a region and chain whose state or definition is in conflict. */
export function conflictedLinks(
  conflicts: readonly ConflictSides[],
  regionId: string | undefined,
  chainId: string | undefined,
): ReadonlySet<string> {
  const ids = new Set<string>();
  for (const c of conflicts) {
    if (c.ref.kind === 'linkState' && c.ref.regionId === regionId) ids.add(c.ref.linkId);
    if (c.ref.kind === 'link' && c.ref.chainId === chainId) ids.add(c.ref.id);
  }
  return ids;
}
