/**
 * Checking an edit by the records it touches agrees with validating the whole result: for random
 * edits on the shipped data, valid and invalid alike (dangling references, self-loops, removed sources
 * still cited, bad fields), `buildEdit` refuses exactly the edits whole validation would, and what it
 * keeps is exactly what whole validation keeps.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shippedDataset } from '../testing';
import { getRecord, refOf, sameValue } from '../editRecords';
import { buildEdit, type Draft } from '../editBuild';
import type { Dataset } from '../types';
import { validateDataset } from '../validate';

const shipped = shippedDataset();
const chain = shipped.chains[0]!;
const region = shipped.regions[0]!;
const linkIds = chain.links.map((l) => l.id);
const sourceIds = shipped.sources.map((s) => s.id);

const aLink = fc.oneof(fc.constantFrom(...linkIds), fc.constant('no_such_link'));
const aSource = fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...sourceIds) }, fc.constant('no-such-source'));
const citation = aSource.map((sourceId) => ({ sourceId, locator: '¶1' }));
const citations = fc.array(citation, { minLength: 0, maxLength: 2 });
const name = fc.constantFrom({ zh: '甲', en: 'A' }, { zh: '', en: 'B' });
const status = fc.constantFrom('strong', 'present', 'building', 'attracting', 'missing', 'unknown', 'bogus');
const capacity = fc.option(
  fc.record({ value: fc.constantFrom(-1, 0, 30), unit: fc.constantFrom('t/a', 'GWh/a', 'furlongs') }),
  { nil: undefined },
);
const enterpriseIds = region.enterprises.map((e) => e.id);
const anEnterprise = fc.oneof(fc.constantFrom(...enterpriseIds), fc.constant('e-new'), fc.constant('no-such-firm'));

/** Raw drafts of every kind, as an operation (or a careless one) would write them. */
const draft: fc.Arbitrary<Draft> = fc.oneof(
  fc.record({ linkId: aLink, status, capacity, sources: citations }).map(({ linkId, status, capacity, sources }) => ({
    kind: 'linkState' as const,
    regionId: region.id,
    linkId,
    after: { linkId, status, asOf: '2025', sources, ...(capacity && { capacity }) } as never,
  })),
  aLink.map((linkId) => ({ kind: 'linkState' as const, regionId: region.id, linkId })),
  fc.record({ from: aLink, to: aLink, sources: citations }).map(({ from, to, sources }) => ({
    kind: 'edge' as const,
    chainId: chain.id,
    from,
    to,
    after: { from, to, sources },
  })),
  fc.constantFrom(...chain.edges).map((e) => ({ kind: 'edge' as const, chainId: chain.id, from: e.from, to: e.to })),
  fc.record({ id: aLink, name, sources: citations, sub: fc.constantFrom('cathode', 'nowhere') }).map((x) => ({
    kind: 'link' as const,
    chainId: chain.id,
    id: x.id,
    after: { id: x.id, name: x.name, subChain: x.sub, stage: 'intermediate', sources: x.sources } as never,
  })),
  aLink.map((id) => ({ kind: 'link' as const, chainId: chain.id, id })),
  fc.record({ id: anEnterprise, links: fc.array(aLink, { maxLength: 2 }), sources: citations }).map((x) => ({
    kind: 'enterprise' as const,
    regionId: region.id,
    id: x.id,
    after: { id: x.id, name: { zh: '企', en: 'Firm' }, linkIds: x.links, sources: x.sources, extra: 1 } as never,
  })),
  anEnterprise.map((id) => ({ kind: 'enterprise' as const, regionId: region.id, id })),
  fc
    .record({ links: fc.array(aLink, { maxLength: 2 }), firms: fc.array(anEnterprise, { maxLength: 2 }), capacity })
    .map((x) => ({
      kind: 'project' as const,
      regionId: region.id,
      id: 'p-new',
      after: {
        id: 'p-new',
        name: { zh: '项目', en: 'Project' },
        status: 'building',
        linkIds: x.links,
        enterpriseIds: x.firms,
        sources: [{ sourceId: sourceIds[0]!, locator: '¶1' }],
        ...(x.capacity && { capacity: x.capacity }),
      } as never,
    })),
  fc.constantFrom(...sourceIds, 'src-new').map((id) => ({ kind: 'source' as const, id })),
  fc.constant({
    kind: 'source' as const,
    id: 'src-new',
    after: { id: 'src-new', title: 'T', publisher: 'P', date: '2025-02' },
  }),
);

/** The drafts applied as they stand, with no check at all, for whole validation to judge. */
function applyRaw(ds: Dataset, drafts: readonly Draft[]): Dataset | undefined {
  // buildEdit applies the same way; an edit it refuses for a missing owner cannot arise here.
  let out = ds;
  for (const d of drafts) {
    const result = buildEditUnchecked(out, d);
    if (!result) return undefined;
    out = result;
  }
  return out;
}

/** One draft applied without checks: the record replaced, removed or added at the end of its list. */
function buildEditUnchecked(ds: Dataset, d: Draft): Dataset | undefined {
  const put = <T>(list: readonly T[], match: (x: T) => boolean): T[] => {
    const at = list.findIndex(match);
    if (d.after === undefined) return list.filter((_, i) => i !== at);
    if (at >= 0) return list.map((x, i) => (i === at ? (d.after as T) : x));
    return [...list, d.after as T];
  };
  const byId = (x: { id: string }) => x.id === (d as { id: string }).id;
  switch (d.kind) {
    case 'source':
      return { ...ds, sources: put(ds.sources, byId) };
    case 'link':
      return { ...ds, chains: [{ ...chain, ...ds.chains[0]!, links: put(ds.chains[0]!.links, byId) }] };
    case 'edge':
      return {
        ...ds,
        chains: [{ ...ds.chains[0]!, edges: put(ds.chains[0]!.edges, (e) => e.from === d.from && e.to === d.to) }],
      };
    case 'linkState':
      return {
        ...ds,
        regions: [{ ...ds.regions[0]!, linkStates: put(ds.regions[0]!.linkStates, (s) => s.linkId === d.linkId) }],
      };
    case 'enterprise':
      return { ...ds, regions: [{ ...ds.regions[0]!, enterprises: put(ds.regions[0]!.enterprises, byId) }] };
    case 'project':
      return { ...ds, regions: [{ ...ds.regions[0]!, projects: put(ds.regions[0]!.projects, byId) }] };
    default:
      return undefined;
  }
}

describe('checking an edit by the records it touches', () => {
  it('refuses exactly what whole validation refuses, and keeps exactly what it keeps', () => {
    fc.assert(
      fc.property(fc.array(draft, { minLength: 1, maxLength: 4 }), (drafts) => {
        const raw = applyRaw(shipped, drafts);
        if (!raw) return;
        const whole = validateDataset(raw);
        const built = buildEdit(shipped, { zh: '测', en: 'Test' }, drafts);
        expect(built.ok).toBe(whole.ok);
        if (!built.ok || !whole.ok) {
          // Every error the edit reports, whole validation reports too (same place and reason).
          if (!built.ok) {
            const wholeErrors = new Set(whole.issues.map((i) => `${i.code} ${i.path}`));
            for (const issue of built.issues) expect(wholeErrors).toContain(`${issue.code} ${issue.path}`);
          }
          return;
        }
        expect(sameValue(built.dataset, whole.dataset)).toBe(true);
        // Each record as it ends up is stored as validation keeps it (known fields only).
        const last = new Map(built.edit.changes.map((c) => [JSON.stringify(refOf(c)), c]));
        for (const c of last.values()) expect(sameValue(c.after, getRecord(whole.dataset, c))).toBe(true);
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 400), seed: 20261203 },
    );
  });
});
