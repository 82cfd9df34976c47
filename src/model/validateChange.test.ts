/**
 * Validating a merge by what it changed agrees with validating the whole result: for random patches
 * merged into the shipped data as an import merges them (firms, supply relations, link states, links,
 * edges, sources; valid and invalid alike: dangling references, unknown sources, bad credit codes,
 * unknown fields, repeated ids), `validateChange` refuses exactly what `validateDataset` refuses, and
 * what it keeps is exactly what whole validation keeps.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shippedDataset } from './testing';
import type { DatasetPatch } from '../io/types';
import { datasetRecords, diffDatasets, sameValue } from './editRecords';
import { applyPatch } from './patch';
import type { Dataset } from './types';
import { validateDataset } from './validate';
import { recordCount, validateChange } from './validateChange';

const shipped = shippedDataset();
const chain = shipped.chains[0]!;
const region = shipped.regions[0]!;
const linkIds = chain.links.map((l) => l.id);
const sourceIds = shipped.sources.map((s) => s.id);
const firmIds = region.enterprises.map((e) => e.id);

const aLink = fc.oneof({ weight: 30, arbitrary: fc.constantFrom(...linkIds) }, fc.constant('no_such_link'));
const aSource = fc.oneof(
  { weight: 30, arbitrary: fc.constantFrom(...sourceIds) },
  { weight: 2, arbitrary: fc.constant('src-new') },
  { weight: 1, arbitrary: fc.constant('no-such-source') },
);
const citations = fc.array(
  aSource.map((sourceId) => ({ sourceId, locator: '¶1' })),
  { minLength: 1, maxLength: 2 },
);
const aFirm = fc.oneof(
  { weight: 20, arbitrary: fc.constantFrom(...firmIds) },
  { weight: 4, arbitrary: fc.constantFrom('f-new-1', 'f-new-2') },
  { weight: 1, arbitrary: fc.constant('no-such-firm') },
);
const aRegion = fc.oneof({ weight: 30, arbitrary: fc.constant(region.id) }, fc.constant('no-such-region'));

const enterprise = fc
  .record({
    id: fc.oneof(
      { weight: 10, arbitrary: fc.constantFrom(...firmIds) },
      { weight: 10, arbitrary: fc.constantFrom('f-new-1', 'f-new-2') },
      { weight: 1, arbitrary: fc.constant('bad id!') },
    ),
    links: fc.array(aLink, { maxLength: 2 }),
    sources: citations,
    code: fc.constantFrom(undefined, undefined, undefined, undefined, 'short'),
    extra: fc.boolean(),
    named: fc.constantFrom(true, true, true, true, false),
  })
  .map((x) => ({
    id: x.id,
    name: x.named ? { zh: `企业${x.id}`, en: `Firm ${x.id}` } : { zh: '', en: '' },
    linkIds: x.links,
    sources: x.sources,
    ...(x.code ? { creditCode: x.code } : {}),
    ...(x.extra ? { extra: 1 } : {}),
  }));

const relation = fc
  .record({
    id: fc.constantFrom('x-1', 'x-2', 'x-3'),
    supplier: fc.record({ regionId: aRegion, enterpriseId: aFirm }),
    buyer: aFirm,
    link: aLink,
    sources: citations,
    volume: fc.constantFrom(undefined, undefined, { value: 30, unit: 't/a' }, { value: -1, unit: 't/a' }),
  })
  .map((x) => ({
    id: x.id,
    supplier: x.supplier,
    buyer: { regionId: region.id, enterpriseId: x.buyer },
    linkId: x.link,
    sources: x.sources,
    ...(x.volume ? { volume: x.volume } : {}),
  }));

const status = fc.constantFrom('strong', 'present', 'attracting', 'missing', 'strong', 'present', 'bogus');
const linkState = fc
  .record({ linkId: aLink, status, sources: citations })
  .map((x) => ({ linkId: x.linkId, status: x.status, asOf: '2025', sources: x.sources }));

const link = fc
  .record({ id: fc.oneof(fc.constantFrom(...linkIds), fc.constant('new_link')), sources: citations })
  .map((x) => ({
    id: x.id,
    name: { zh: '环节', en: 'Link' },
    subChain: chain.subChains[0]!.id,
    stage: 'intermediate',
    sources: x.sources,
  }));
const edge = fc
  .record({ from: aLink, to: aLink, sources: citations })
  .map((x) => ({ from: x.from, to: x.to, sources: x.sources }));

const source = fc
  .record({ id: fc.constantFrom('src-new', ...sourceIds.slice(0, 2)), dated: fc.constantFrom(true, true, true, false) })
  .map((x) => ({ id: x.id, title: '来源', publisher: 'P', date: x.dated ? '2025-02' : 'someday' }));

/** Patches as the readers give them (and some no reader gives: the check must hold anyway). */
const patch: fc.Arbitrary<DatasetPatch> = fc
  .record({
    sources: fc.option(fc.array(source, { maxLength: 2 }), { nil: undefined }),
    links: fc.option(fc.array(link, { maxLength: 2 }), { nil: undefined }),
    edges: fc.option(fc.array(edge, { maxLength: 2 }), { nil: undefined }),
    states: fc.option(fc.array(linkState, { maxLength: 3 }), { nil: undefined }),
    firms: fc.option(fc.array(enterprise, { maxLength: 3 }), { nil: undefined }),
    relations: fc.option(fc.array(relation, { maxLength: 3 }), { nil: undefined }),
  })
  .map((x) => ({
    ...(x.sources && { sources: x.sources }),
    ...((x.links || x.edges) && {
      chain: { id: chain.id, ...(x.links && { links: x.links }), ...(x.edges && { edges: x.edges }) },
    }),
    ...(x.states && { region: { id: region.id, linkStates: x.states } }),
    ...((x.firms || x.relations) && {
      firms: [
        { id: region.id, ...(x.firms && { enterprises: x.firms }), ...(x.relations && { relations: x.relations }) },
      ],
    }),
  })) as fc.Arbitrary<DatasetPatch>;

describe('validating a merge by what it changed', () => {
  it('refuses exactly what whole validation refuses, and keeps exactly what it keeps', () => {
    const runs = Number(process.env.FUZZ_RUNS ?? 400);
    let refused = 0;
    fc.assert(
      fc.property(patch, (p) => {
        const merged = applyPatch(shipped, p, 'merge', '2026-12-06');
        const whole = validateDataset(merged);
        // Record by record, and (when most records changed) by one whole pass that keeps the changes.
        const partial = validateChange(shipped, merged, { wholeAbove: Infinity });
        const many = validateChange(shipped, merged, { wholeAbove: 0 });
        expect(partial.ok).toBe(whole.ok);
        expect(many.ok).toBe(whole.ok);
        if (many.ok && whole.ok) {
          expect(sameValue(many.dataset, whole.dataset)).toBe(true);
          expect(sameValue(many.changes, partial.ok ? partial.changes : undefined)).toBe(true);
        }
        if (!partial.ok || !whole.ok) {
          refused++;
          // Every error it reports, whole validation reports too (same place and reason).
          if (!partial.ok) {
            const wholeErrors = new Set(whole.issues.map((i) => `${i.code} ${i.path}`));
            for (const issue of partial.issues) expect(wholeErrors).toContain(`${issue.code} ${issue.path}`);
          }
          return;
        }
        expect(sameValue(partial.dataset, whole.dataset)).toBe(true);
        // The changes it gives back are what differs between the stored and the checked data.
        const diff = diffDatasets(shipped, whole.dataset, { zh: '', en: '' }).changes;
        expect(partial.changes.length).toBe(diff.length);
      }),
      { numRuns: runs, seed: 20261206 },
    );
    // The generator makes both kinds: a check that refused nothing (or everything) would prove little.
    expect(refused).toBeGreaterThan(runs * 0.05);
    expect(refused).toBeLessThan(runs * 0.95);
  });

  it('reads the whole dataset only when a chain or region head changed', () => {
    const renamed: Dataset = applyPatch(shipped, { region: { id: region.id, name: { zh: '新', en: 'New' } } }, 'merge');
    expect(validateChange(shipped, renamed)).toMatchObject({ ok: true, whole: true });
    const firm = {
      id: 'f-new-1',
      name: { zh: '甲公司', en: 'A Ltd' },
      linkIds: [linkIds[0]!],
      sources: [{ sourceId: sourceIds[0]!, locator: '¶1' }],
    };
    const added = applyPatch(shipped, { firms: [{ id: region.id, enterprises: [firm] }] }, 'merge');
    const result = validateChange(shipped, added);
    expect(result).toMatchObject({ ok: true, whole: false });
    expect(result.ok && result.changes).toEqual([
      { kind: 'enterprise', regionId: region.id, id: 'f-new-1', after: firm },
    ]);
  });

  it('counts the records a dataset holds as datasetRecords lists them', () => {
    expect(recordCount(shipped)).toBe([...datasetRecords(shipped)].length);
  });

  it('names the record and field an import breaks, as whole validation does', () => {
    const firm = { id: 'f-new-1', name: { zh: '甲', en: 'A' }, linkIds: ['no_such_link'], sources: [] };
    const broken = applyPatch(shipped, { firms: [{ id: region.id, enterprises: [firm] }] }, 'merge');
    const result = validateChange(shipped, broken);
    expect(result.ok).toBe(false);
    const whole = validateDataset(broken);
    expect(!result.ok && result.issues.map((i) => [i.code, i.path])).toEqual(
      !whole.ok && whole.issues.filter((i) => i.severity === 'error').map((i) => [i.code, i.path]),
    );
  });
});
