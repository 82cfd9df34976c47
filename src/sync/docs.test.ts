import { describe, expect, it } from 'vitest';
import { addEnterprise, applyEdit, getRecord, removeEnterprise, setLinkState } from '../model/edits';
import { ok, tinyDataset } from '../model/testing';
import { diffDatasets } from '../model/editRecords';
import { docId, docsOfEdit, editFromDocs, heldDocs, isRecordDoc, resolution, type RecordDoc } from './docs';

const sig = { by: 'anna', at: '2026-12-06T01:00:00.000Z', label: { zh: '改', en: 'Change' } };
const label = { zh: '同步', en: 'Sync' };
const cite = [{ sourceId: 'src', locator: '¶2' }];

describe('record documents', () => {
  it('name each record the same way in every browser, escaping what could clash', () => {
    expect(docId({ kind: 'linkState', regionId: 'jinchang', linkId: 'separator' })).toBe(
      'linkState:jinchang:separator',
    );
    expect(docId({ kind: 'edge', chainId: 'c', from: 'a', to: 'b' })).toBe('edge:c:a:b');
    expect(docId({ kind: 'enterprise', regionId: 'r:1', id: 'e/1' })).toBe('enterprise:r%3A1:e%2F1');
    expect(docId({ kind: 'source', id: 's1' })).toBe('source:s1');
  });

  it('carry an edit’s last value per record, signed, with one history entry each; a removal is a null value', () => {
    const ds = tinyDataset();
    const set = ok(setLinkState(ds, 'r1', 'b', { status: 'building', asOf: '2025', sources: cite }));
    const { records, history } = docsOfEdit(set.edit, sig);
    expect(records).toEqual([
      {
        _id: 'linkState:r1:b',
        type: 'record',
        ref: { kind: 'linkState', regionId: 'r1', linkId: 'b' },
        value: { linkId: 'b', status: 'building', asOf: '2025', sources: cite },
        ...sig,
      },
    ]);
    expect(history.map((h) => [h._id, h.record, h.by, h.removed])).toEqual([
      ['history:linkState:r1:b:2026-12-06T01:00:00.000Z:anna', 'linkState:r1:b', 'anna', false],
    ]);
    const removed = docsOfEdit(ok(removeEnterprise(ds, 'r1', 'e1')).edit, sig);
    const firm = removed.records.find((r) => r._id === 'enterprise:r1:e1');
    expect(firm?.value).toBeNull();
    expect(removed.history.find((h) => h.record === 'enterprise:r1:e1')?.removed).toBe(true);
    expect(records.every(isRecordDoc)).toBe(true);
    expect(isRecordDoc({ ...records[0], _id: 'linkState:r1:other' })).toBe(false);
    expect(isRecordDoc({ _id: '_design/x' })).toBe(false);
  });

  it('turn into an edit that brings another browser’s data to the same records, leaving out what already matches', () => {
    const ds = tinyDataset();
    const firm = { id: 'e2', name: { zh: '新', en: 'New firm' }, linkIds: ['b'], sources: cite };
    const made = ok(addEnterprise(ds, 'r1', firm));
    const state = ok(setLinkState(made.dataset, 'r1', 'a', undefined));
    const docs = [...docsOfEdit(made.edit, sig).records, ...docsOfEdit(state.edit, sig).records];
    const { edit, skipped } = editFromDocs(ds, docs, label);
    expect(skipped).toEqual([]);
    const after = applyEdit(ds, edit!);
    expect(getRecord(after, { kind: 'enterprise', regionId: 'r1', id: 'e2' })).toEqual(firm);
    expect(getRecord(after, { kind: 'linkState', regionId: 'r1', linkId: 'a' })).toBeUndefined();
    // The same documents again change nothing.
    expect(editFromDocs(after, docs, label).edit).toBeUndefined();
  });

  it('skip a record whose region this atlas does not have, and say why', () => {
    const doc: RecordDoc = {
      _id: 'enterprise:elsewhere:e9',
      type: 'record',
      ref: { kind: 'enterprise', regionId: 'elsewhere', id: 'e9' },
      value: { id: 'e9', name: { zh: '外', en: 'Far' }, linkIds: [], sources: [] },
      ...sig,
    };
    const { edit, skipped } = editFromDocs(tinyDataset(), [doc], label);
    expect(edit).toBeUndefined();
    expect(skipped).toEqual([
      { id: doc._id, reason: 'enterprise "e9" in region "elsewhere": its region is not in this atlas' },
    ]);
  });

  it('resolve a conflict with the kept value on the winning revision, signed by who resolved it, and delete the others', () => {
    const winner: RecordDoc = {
      _id: 'linkState:r1:a',
      _rev: '2-aaa',
      _conflicts: ['2-bbb'],
      type: 'record',
      ref: { kind: 'linkState', regionId: 'r1', linkId: 'a' },
      value: { linkId: 'a', status: 'present', asOf: '2024', sources: [] },
      ...sig,
    };
    const kept = { linkId: 'a', status: 'missing', asOf: '2025', sources: [] };
    const resolver = { by: 'bo', at: '2026-12-06T02:00:00.000Z', label };
    const { keep, drop } = resolution(winner, kept, resolver);
    expect(keep).toEqual({ ...winner, _conflicts: undefined, value: kept, ...resolver });
    expect('_conflicts' in keep).toBe(false);
    expect(keep._rev).toBe('2-aaa');
    expect(drop('2-bbb')).toEqual({ _id: 'linkState:r1:a', _rev: '2-bbb', _deleted: true });
  });

  it('name a supply relation with its region, and take it in like any record', () => {
    const ref = { kind: 'relation', regionId: 'r1', id: 'x1' } as const;
    expect(docId(ref)).toBe('relation:r1:x1');
    expect(isRecordDoc({ _id: 'relation:r1:x1', type: 'record', ref, value: null, by: 'a', at: 'now' })).toBe(true);
  });

  it('send of what a browser held before sync only what the team lacks, and keep both where the team differs', () => {
    const shipped = tinyDataset();
    const building = ok(setLinkState(shipped, 'r1', 'a', { status: 'building', asOf: '2025', sources: cite }));
    const local = ok(
      setLinkState(building.dataset, 'r1', 'b', { status: 'missing', asOf: '2025', sources: cite }),
    ).dataset;
    const held = diffDatasets(shipped, local, label);
    const [a, b] = docsOfEdit(held, sig).records.sort((x, y) => x._id.localeCompare(y._id));
    // The team never had a; it holds b at another value.
    const teamB: RecordDoc = { ...b!, _rev: '3-abc', value: { ...(b!.value as object), status: 'present' }, by: 'bo' };
    const out = heldDocs(held, new Map([[b!._id, teamB]]), sig);
    expect(out.fresh.map((d) => d._id)).toEqual([a!._id]);
    expect(out.apart.map((d) => [d._id, (d.value as { status: string }).status])).toEqual([[b!._id, 'missing']]);
    expect(out.history.map((h) => h.record).sort()).toEqual([a!._id, b!._id]);
    // The team already holds both at this browser's values: nothing to send.
    const same = heldDocs(
      held,
      new Map([
        [a!._id, a!],
        [b!._id, b!],
      ]),
      sig,
    );
    expect([same.fresh, same.apart, same.history, same.same]).toEqual([[], [], [], 2]);
    // A browser still on the shipped data holds nothing to send.
    expect(diffDatasets(shipped, shipped, label).changes).toEqual([]);
  });
});
