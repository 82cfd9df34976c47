/**
 * Imports: the preview counts what would change and refuses what would not validate; the write
 * replaces everything at once, can be undone and redone, and fails without a trace.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { DatasetPatch, ImportResult } from '../io/types';
import { tinyDataset } from '../model/testing';
import type { Dataset } from '../model/types';
import { FORMAT_VERSION } from '../model/types';
import type { ChainAtlasDB } from './db';
import { readDataset } from './datasetRepository';
import { ConflictError, historyState, redo, undo } from './editRepository';
import type { ImportCounts } from './importRepository';
import { commitImport, countChanges, describeStorageError, previewImport, previewImports } from './importRepository';
import { ensureSeeded, loadShippedDataset } from './seed';
import { freshName, openDb, putLinkState } from './testing';
import { addView, putBriefing } from './viewRepository';
import { putLayout } from './layoutRepository';
import { readStoredExtras } from './savedWork';
import { saveScenario } from './scenarioRepository';
import { validateDataset } from '../model/validate';
import { applyPatch } from '../model/patch';

const cite = [{ sourceId: 'src', locator: '¶4' }];
const patch = (p: DatasetPatch): ImportResult => ({ ok: true, kind: 'patch', patch: p, issues: [] });
const whole = (dataset: Dataset): ImportResult => ({ ok: true, kind: 'dataset', dataset, issues: [] });
const label = { zh: '导入 data.json', en: 'Import data.json' };

/** Counts with only the kinds named non-zero. */
function counts(nonZero: Partial<ImportCounts>): ImportCounts {
  const zero = { added: 0, changed: 0, removed: 0 };
  const kinds = [
    ...['links', 'edges', 'states', 'enterprises', 'projects', 'indicators', 'relations', 'sources', 'chains'],
    'regions',
    ...['views', 'briefings', 'scenarios', 'layouts'],
  ];
  return { ...(Object.fromEntries(kinds.map((k) => [k, zero])) as unknown as ImportCounts), ...nonZero };
}

async function seeded(data: Dataset = tinyDataset(), name = freshName()): Promise<ChainAtlasDB> {
  const db = openDb(name);
  await ensureSeeded(db, async () => data);
  return db;
}

describe('previewImports (several files as one)', () => {
  const tiny = tinyDataset();
  const link = { id: 'd', name: { zh: '丁', en: 'D' }, subChain: 'main', stage: 'product' as const, sources: cite };
  const addLink = patch({ chain: { id: 'chain', links: [link] } });
  const edgeToIt = patch({ chain: { id: 'chain', edges: [{ from: 'c', to: 'd', sources: cite }] } });

  it('merges every file, so one refers to what another adds, and counts them together', () => {
    const preview = previewImports(tiny, [addLink, edgeToIt]);
    expect(preview.ok && preview.counts).toEqual(
      counts({ links: { added: 1, changed: 0, removed: 0 }, edges: { added: 1, changed: 0, removed: 0 } }),
    );
    // Without the file that adds the link it names, the edge breaks a reference.
    expect(previewImports(tiny, [edgeToIt]).ok).toBe(false);
  });

  it('is refused as a whole when any file was refused, with that file’s problems', () => {
    const issue = { severity: 'error' as const, code: 'empty-file', file: 'b.csv', params: {}, message: 'empty' };
    expect(previewImports(tiny, [addLink, { ok: false, issues: [issue] }])).toEqual({
      ok: false,
      issues: [],
      importIssues: [issue],
    });
  });
});

describe('previewImport', () => {
  const tiny = tinyDataset();

  it('merges a patch and counts what it adds and changes', () => {
    const preview = previewImport(
      tiny,
      patch({
        chain: {
          id: 'chain',
          links: [
            { id: 'b', name: { zh: '乙', en: 'B' }, subChain: 'main', stage: 'component', sources: cite },
            { id: 'd', name: { zh: '丁', en: 'D' }, subChain: 'main', stage: 'product', sources: cite },
          ],
          edges: [{ from: 'c', to: 'd', sources: cite }],
        },
        region: {
          id: 'r1',
          linkStates: [
            { linkId: 'a', status: 'strong', asOf: '2025', sources: cite },
            { linkId: 'd', status: 'missing', asOf: '2025', sources: cite },
          ],
        },
      }),
      'merge',
    );
    if (!preview.ok) throw new Error('refused');
    expect(preview.counts).toEqual(
      counts({
        links: { added: 1, changed: 1, removed: 0 },
        edges: { added: 1, changed: 0, removed: 0 },
        states: { added: 1, changed: 1, removed: 0 },
      }),
    );
    expect(preview.dataset.chains[0]!.links.map((l) => l.id)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('replaces a patch’s tables, counting removals, and refuses what breaks references', () => {
    const replaced = previewImport(tiny, patch({ region: { id: 'r1', indicators: [] } }), 'replace');
    expect(replaced.ok && replaced.counts).toEqual(counts({ indicators: { added: 0, changed: 0, removed: 1 } }));

    const broken = previewImport(tiny, patch({ region: { id: 'r1', enterprises: [] } }), 'replace');
    expect(broken.ok).toBe(false);
    expect(!broken.ok && broken.issues.map((i) => `${i.code}@${i.path}`)).toEqual([
      'unknown-ref@regions[0].projects[0].enterpriseIds[0]',
    ]);
    const dangling = previewImport(
      tiny,
      patch({ chain: { id: 'chain', edges: [{ from: 'a', to: 'x', sources: cite }] } }),
      'merge',
    );
    expect(!dangling.ok && dangling.issues.map((i) => `${i.code}@${i.path}`)).toEqual([
      'unknown-ref@chains[0].edges[2].to',
    ]);
  });

  it('takes a whole dataset as it is, or merges it into the stored one by key', () => {
    const other: Dataset = {
      ...tiny,
      regions: [{ ...tiny.regions[0]!, enterprises: [], projects: [], linkStates: [] }],
    };
    const replaced = previewImport(tiny, whole(other), 'replace');
    expect(replaced.ok && replaced.counts).toEqual(
      counts({
        states: { added: 0, changed: 0, removed: 1 },
        enterprises: { added: 0, changed: 0, removed: 1 },
        projects: { added: 0, changed: 0, removed: 1 },
      }),
    );
    // Merging keeps what the file does not hold.
    const merged = previewImport(tiny, whole(other), 'merge');
    expect(merged.ok && merged.counts).toEqual(counts({}));
    expect(merged.ok && merged.dataset).toEqual(tiny);
  });

  it('counts everything as added into an empty store, and passes a failed read on', () => {
    const preview = previewImport(undefined, whole(tiny), 'merge');
    expect(preview.ok && preview.counts).toEqual(
      counts({
        links: { added: 3, changed: 0, removed: 0 },
        edges: { added: 2, changed: 0, removed: 0 },
        states: { added: 1, changed: 0, removed: 0 },
        enterprises: { added: 1, changed: 0, removed: 0 },
        projects: { added: 1, changed: 0, removed: 0 },
        indicators: { added: 1, changed: 0, removed: 0 },
        sources: { added: 1, changed: 0, removed: 0 },
        chains: { added: 1, changed: 0, removed: 0 },
        regions: { added: 1, changed: 0, removed: 0 },
      }),
    );
    const issue = { severity: 'error' as const, code: 'empty-file', file: 'x.csv', params: {}, message: 'empty' };
    expect(previewImport(tiny, { ok: false, issues: [issue] }, 'merge')).toEqual({
      ok: false,
      issues: [],
      importIssues: [issue],
    });
  });

  it('says when an import would remove most of what is stored', () => {
    const oneLink: Dataset = {
      ...tiny,
      chains: [{ ...tiny.chains[0]!, links: [tiny.chains[0]!.links[0]!], edges: [] }],
      regions: [],
    };
    const replaced = previewImport(tiny, whole(oneLink), 'replace');
    expect(replaced.ok && replaced.loss).toEqual({ removed: 9, stored: 12 });
    // Merging removes nothing.
    const merged = previewImport(tiny, whole(oneLink), 'merge');
    expect(merged.ok && merged.loss).toBeUndefined();
    // Removing a few records is not most.
    const fewer = previewImport(tiny, patch({ region: { id: 'r1', indicators: [] } }), 'replace');
    expect(fewer.ok && fewer.loss).toBeUndefined();
  });

  it('checks a merge by what it changes, and gives the same answer as checking everything', () => {
    const firm = { id: 'e-new', name: { zh: '新企业', en: 'New firm' }, linkIds: ['b'], sources: cite };
    const added = previewImport(
      tiny,
      patch({ firms: [{ id: 'r1', enterprises: [{ ...firm, extra: 1 } as never] }] }),
      'merge',
    );
    expect(added.ok && added.checked).toBe('change');
    // What it stores is what whole validation keeps (known fields only), and the change it lists is the firm.
    const kept = validateDataset(applyPatch(tiny, { firms: [{ id: 'r1', enterprises: [firm] }] }, 'merge'));
    expect(added.ok && kept.ok && added.dataset).toEqual(kept.ok && kept.dataset);
    expect(added.ok && added.changes).toEqual([{ kind: 'enterprise', regionId: 'r1', id: 'e-new', after: firm }]);
    expect(added.ok && added.counts).toEqual(counts({ enterprises: { added: 1, changed: 0, removed: 0 } }));

    const wrong = previewImport(
      tiny,
      patch({ firms: [{ id: 'r1', enterprises: [{ ...firm, linkIds: ['x'] }] }] }),
      'merge',
    );
    expect(!wrong.ok && wrong.issues.map((i) => `${i.code}@${i.path}`)).toEqual([
      'unknown-ref@regions[0].enterprises[1].linkIds[0]',
    ]);
    // A file taken as it is was validated whole by its reader.
    expect(previewImport(tiny, whole(tiny), 'replace')).toMatchObject({ ok: true, checked: 'whole' });
  });

  it('counts a chain or region by its own fields only', () => {
    const renamed = { ...tiny, regions: [{ ...tiny.regions[0]!, name: { zh: '新区', en: 'New' } }] };
    expect(countChanges(tiny, renamed)).toEqual(counts({ regions: { added: 0, changed: 1, removed: 0 } }));
  });
});

describe('commitImport', () => {
  it('replaces everything, and can be undone and redone, also after a reload', async () => {
    const shipped = await loadShippedDataset();
    const name = freshName();
    let db = await seeded(tinyDataset(), name);
    await commitImport(db, shipped, label);
    expect(await readDataset(db)).toEqual(shipped);
    expect(await historyState(db)).toMatchObject({ canUndo: true, undoLabel: label, count: 1 });
    expect((await db.meta.get('lastEditAt'))?.value).toEqual(expect.any(String));

    expect((await undo(db))?.label).toEqual(label);
    expect(await readDataset(db)).toEqual(tinyDataset());
    db.close();
    db = openDb(name);
    await redo(db);
    expect(await readDataset(db)).toEqual(shipped);
    await undo(db);
    expect(await readDataset(db)).toEqual(tinyDataset());
  });

  it('refuses when the data changed since the preview, or before an undo', async () => {
    const db = await seeded();
    const base = (await readDataset(db))!;
    await putLinkState(db, 'r1', { linkId: 'c', status: 'missing', asOf: '2025', sources: cite });
    const changed = await readDataset(db);
    const next = { ...tinyDataset(), sources: [...tinyDataset().sources, { id: 's2', title: 'T', publisher: 'P' }] };
    await expect(commitImport(db, next, label, { base })).rejects.toBeInstanceOf(ConflictError);
    expect(await readDataset(db)).toEqual(changed);

    await commitImport(db, next, label, { base: changed });
    await putLinkState(db, 'r1', { linkId: 'b', status: 'missing', asOf: '2025', sources: cite });
    const edited = await readDataset(db);
    await expect(undo(db)).rejects.toBeInstanceOf(ConflictError);
    expect(await readDataset(db)).toEqual(edited);
  });

  it('can be undone after views were saved, and keeps them', async () => {
    const shipped = await loadShippedDataset();
    const db = await seeded();
    await addView(db, { id: 'before', title: 'Before', route: '#/', createdAt: '2026-11-26T08:00:00Z' });
    await commitImport(db, shipped, label);
    await addView(db, { id: 'after', title: 'After', route: '#/gaps', createdAt: '2026-11-26T09:00:00Z' });
    await putBriefing(db, { id: 'b1', title: 'Board', viewIds: ['after'], createdAt: '2026' });

    await undo(db);
    const undone = (await readDataset(db))!;
    expect({ ...undone, views: undefined, briefings: undefined }).toEqual({
      ...tinyDataset(),
      views: undefined,
      briefings: undefined,
    });
    // The view the import replaced is back, and the one saved since stays.
    expect(undone.views?.map((v) => v.id)).toEqual(['before', 'after']);
    expect(undone.briefings?.map((b) => b.id)).toEqual(['b1']);
    expect(validateDataset(undone).ok).toBe(true);

    // Redone, the import replaces the views it replaced again; what was saved since still stays.
    await redo(db);
    const redone = (await readDataset(db))!;
    expect(redone.chains).toEqual(shipped.chains);
    expect(redone.views?.map((v) => v.id)).toEqual(['after']);
    expect(redone.briefings?.map((b) => b.id)).toEqual(['b1']);
  });

  it('refuses a dataset with no chain, which would empty the store, and writes nothing', async () => {
    const db = await seeded();
    const empty: Dataset = { format: FORMAT_VERSION, sources: [], chains: [], regions: [] };
    await expect(commitImport(db, empty, label)).rejects.toThrow(/holds no chain/);
    expect(await readDataset(db)).toEqual(tinyDataset());
    expect((await historyState(db)).count).toBe(0);
  });

  it('restores a backup’s scenarios and layouts with its data, and its undo puts back exactly the previous ones', async () => {
    const shipped = await loadShippedDataset();
    const db = await seeded();
    const mine = { id: 's1', regionId: 'r1', name: 'Mine', changes: [], savedAt: '2026-01-01T00:00:00Z' };
    await saveScenario(db, mine);
    await putLayout(db, 'custom1', { a: { x: 1, y: 2 } }, true);
    await putLayout(db, 'computed', { a: { x: 0, y: 0 } }, false);
    const before = await readStoredExtras(db);

    const restored = {
      id: 's1',
      regionId: 'jinchang',
      name: 'From the backup',
      changes: [{ kind: 'link' as const, linkId: 'electrolyte', action: 'build' as const }],
      savedAt: '2025-06-01T00:00:00Z',
    };
    const layout = { key: 'custom2', positions: { cu: { x: 5, y: 6 } }, savedAt: '2025-06-01T00:00:00Z' };
    const backup: Dataset = { ...shipped, scenarios: [restored], layouts: [layout] };
    await commitImport(db, backup, label);
    expect(await readStoredExtras(db)).toEqual({ scenarios: [restored], layouts: [layout] });
    expect(await db.layouts.get('computed')).toMatchObject({ custom: false });

    // Saved after the import: kept by the undo.
    const later = { id: 's2', regionId: 'r1', name: 'Later', changes: [], savedAt: '2026-12-01T00:00:00Z' };
    await saveScenario(db, later);
    expect((await undo(db))?.label).toEqual(label);
    expect(await readDataset(db)).toEqual(tinyDataset());
    expect(await readStoredExtras(db)).toEqual({ scenarios: [...before.scenarios, later], layouts: before.layouts });
    expect(await db.layouts.get('computed')).toMatchObject({ custom: false });

    await redo(db);
    expect(await readDataset(db)).toEqual(shipped);
    expect(await readStoredExtras(db)).toEqual({ scenarios: [restored, later], layouts: [layout] });
  });

  it('merges a file’s saved work by id, and counts it in the preview', async () => {
    const tiny = tinyDataset();
    const stored = {
      scenarios: [{ id: 's1', regionId: 'r1', name: 'Mine', changes: [], savedAt: '2026' }],
      layouts: [{ key: 'k1', positions: { a: { x: 1, y: 1 } }, savedAt: '2026' }],
    };
    const file: Dataset = {
      ...tiny,
      scenarios: [{ id: 's2', regionId: 'r1', name: 'Theirs', changes: [], savedAt: '2026' }],
      layouts: [{ key: 'k1', positions: { a: { x: 9, y: 9 } }, savedAt: '2026' }],
    };
    const merged = previewImport(tiny, whole(file), 'merge', stored);
    if (!merged.ok) throw new Error('refused');
    expect(merged.dataset.scenarios?.map((x) => x.id)).toEqual(['s1', 's2']);
    expect(merged.dataset.layouts).toEqual(file.layouts);
    expect(merged.counts).toEqual(
      counts({ scenarios: { added: 1, changed: 0, removed: 0 }, layouts: { added: 0, changed: 1, removed: 0 } }),
    );
    const replaced = previewImport(tiny, whole(file), 'replace', stored);
    expect(replaced.ok && replaced.counts).toEqual(
      counts({ scenarios: { added: 1, changed: 0, removed: 1 }, layouts: { added: 0, changed: 1, removed: 0 } }),
    );
  });

  it('writes a merge checked by what it changes without reading it whole, only onto the data it was checked on', async () => {
    const db = await seeded();
    const base = (await readDataset(db))!;
    const preview = previewImport(base, patch({ sources: [{ id: 's2', title: 'T', publisher: 'P' }] }), 'merge');
    if (!preview.ok) throw new Error('the preview failed');
    await putLinkState(db, 'r1', { linkId: 'c', status: 'missing', asOf: '2025', sources: cite });
    const changed = await readDataset(db);
    // The store moved on: what was checked against the old data is not written over the new.
    await expect(commitImport(db, preview.dataset, label, { base, checkedOnBase: true })).rejects.toBeInstanceOf(
      ConflictError,
    );
    expect(await readDataset(db)).toEqual(changed);
    const again = previewImport(changed, patch({ sources: [{ id: 's2', title: 'T', publisher: 'P' }] }), 'merge');
    if (!again.ok) throw new Error('the preview failed');
    await commitImport(db, again.dataset, label, { base: changed, checkedOnBase: true });
    expect((await readDataset(db))!.sources.map((s) => s.id)).toEqual(['src', 's2']);
  });

  it('refuses an invalid dataset before writing', async () => {
    const db = await seeded();
    const broken = { ...tinyDataset(), regions: [{ ...tinyDataset().regions[0]!, chainId: 'nope' }] };
    await expect(commitImport(db, broken, label)).rejects.toThrow(/chain "nope" is not in the dataset/);
    expect(await readDataset(db)).toEqual(tinyDataset());
  });

  it('leaves the database exactly as it was when the disk fills part way', async () => {
    const shipped = await loadShippedDataset();
    const db = await seeded();
    const before = await readDataset(db);
    const meta = await db.meta.toArray();
    let calls = 0;
    const original = db.linkStates.bulkAdd.bind(db.linkStates);
    // Sources, chains, links, edges and regions are written by then; the states find no room.
    db.linkStates.bulkAdd = ((...args: Parameters<typeof original>) => {
      calls++;
      return calls === 1
        ? Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'))
        : original(...args);
    }) as typeof original;
    const error = await commitImport(db, shipped, label).catch((e: unknown) => e);
    expect(calls).toBe(1);
    expect(describeStorageError(error)).toEqual({ code: 'quota', message: expect.stringMatching(/no room left/) });
    expect(await readDataset(db)).toEqual(before);
    expect(await db.meta.toArray()).toEqual(meta);
    expect((await historyState(db)).count).toBe(0);
  });
});

describe('describeStorageError', () => {
  it('sorts quota, blocked and other failures, looking inside wrapped errors', () => {
    const dexieLike = Object.assign(new Error('AbortError'), {
      name: 'AbortError',
      inner: { name: 'QuotaExceededError' },
    });
    expect(describeStorageError(dexieLike).code).toBe('quota');
    expect(describeStorageError(Object.assign(new Error('closed'), { name: 'DatabaseClosedError' })).code).toBe(
      'blocked',
    );
    expect(describeStorageError(new DOMException('no', 'InvalidStateError')).code).toBe('blocked');
    expect(describeStorageError(new Error('boom'))).toEqual({
      code: 'unknown',
      message: 'saving failed (boom), so nothing was saved',
    });
    expect(describeStorageError('text').code).toBe('unknown');
  });
});
