/**
 * applyPatch: merge replaces records with the same key in place and appends new ones; replace swaps
 * whole tables of one chain or region; missing chains and regions are created; inputs never change.
 */
import { describe, expect, it } from 'vitest';
import type { DatasetPatch } from '../io/types';
import { applyPatch } from './patch';
import { deepFreeze, tinyDataset } from './testing';
import type { Dataset } from './types';
import { validateDataset } from './validate';

const cite = [{ sourceId: 'src', locator: '¶9' }];
describe('applyPatch', () => {
  const base: Dataset = deepFreeze(tinyDataset());

  it('merges by key: same key replaced in place, new ones appended in patch order', () => {
    const patch: DatasetPatch = {
      sources: [{ id: 'new-src', title: 'New', publisher: 'P' }],
      chain: {
        id: 'chain',
        links: [
          { id: 'd', name: { zh: '丁', en: 'D' }, subChain: 'main', stage: 'product', sources: cite },
          { id: 'b', name: { zh: '乙2', en: 'B2' }, subChain: 'main', stage: 'component', sources: cite },
        ],
        edges: [
          { from: 'c', to: 'd', sources: cite },
          { from: 'a', to: 'b', note: { zh: '注', en: 'note' }, sources: cite },
        ],
      },
      region: {
        id: 'r1',
        linkStates: [
          { linkId: 'a', status: 'strong', asOf: '2025', sources: cite },
          { linkId: 'c', status: 'missing', asOf: '2025', sources: cite },
        ],
      },
    };
    const out = applyPatch(base, patch, 'merge');
    const chain = out.chains[0]!;
    expect(chain.links.map((l) => `${l.id}:${l.name.en}`)).toEqual(['a:a', 'b:B2', 'c:c', 'd:D']);
    expect(chain.edges.map((e) => `${e.from}${e.to}:${e.note?.en ?? ''}`)).toEqual(['ab:note', 'bc:', 'cd:']);
    expect(out.regions[0]!.linkStates.map((s) => `${s.linkId}:${s.status}`)).toEqual(['a:strong', 'c:missing']);
    expect(out.regions[0]!.enterprises).toBe(base.regions[0]!.enterprises);
    expect(out.sources.map((s) => s.id)).toEqual(['src', 'new-src']);
    expect(validateDataset(out).ok).toBe(true);
  });

  it('replaces whole tables of the named chain and region only', () => {
    const other = { ...base.chains[0]!, id: 'other' };
    const withOther: Dataset = { ...base, chains: [...base.chains, other] };
    const patch: DatasetPatch = {
      chain: { id: 'chain', edges: [{ from: 'a', to: 'c', sources: cite }] },
      region: { id: 'r1', enterprises: [] },
    };
    const out = applyPatch(withOther, patch, 'replace');
    expect(out.chains[0]!.edges).toEqual([{ from: 'a', to: 'c', sources: cite }]);
    expect(out.chains[0]!.links).toBe(base.chains[0]!.links);
    expect(out.chains[1]).toBe(other);
    expect(out.regions[0]!.enterprises).toEqual([]);
    expect(out.regions[0]!.projects).toBe(base.regions[0]!.projects);
  });

  it('merges sources by id even in replace mode, since other records cite them', () => {
    const out = applyPatch(base, { sources: [{ id: 'x', title: 'X', publisher: 'P' }] }, 'replace');
    expect(out.sources.map((s) => s.id)).toEqual(['src', 'x']);
  });

  it('creates a missing chain and region, the region on the patch chain, as of today', () => {
    const patch: DatasetPatch = {
      chain: {
        id: 'new',
        subChains: [{ id: 's', name: { zh: '子', en: 'Sub' }, order: 1 }],
        links: [{ id: 'x', name: { zh: 'X', en: 'X' }, subChain: 's', stage: 'raw', sources: cite }],
      },
      region: { id: 'r2', linkStates: [{ linkId: 'x', status: 'present', asOf: '2025', sources: cite }] },
    };
    const out = applyPatch(base, patch, 'merge', '2026-11-26');
    expect(out.chains[1]).toEqual({
      id: 'new',
      name: { zh: 'new', en: 'new' },
      subChains: patch.chain!.subChains,
      links: patch.chain!.links,
      edges: [],
      sources: [],
    });
    expect(out.regions[1]).toMatchObject({
      id: 'r2',
      name: { zh: 'r2', en: 'r2' },
      chainId: 'new',
      asOf: '2026-11-26',
      enterprises: [],
    });
    expect(validateDataset(out).ok).toBe(true);
    expect(applyPatch(undefined, patch, 'merge', '2026-11-26').chains.map((c) => c.id)).toEqual(['new']);
  });

  it('takes a new name, parent, date, focus and chain citations when the patch gives them', () => {
    const focus = { products: ['c'], applications: [], subChains: [], supporting: [], sources: cite };
    const out = applyPatch(
      base,
      {
        chain: { id: 'chain', name: { zh: '新', en: 'New' }, sources: cite },
        region: { id: 'r1', parent: { zh: '省', en: 'Province' }, asOf: '2025', focus },
      },
      'merge',
    );
    expect(out.chains[0]!.name.en).toBe('New');
    expect(out.chains[0]!.sources).toEqual(cite);
    expect(out.regions[0]).toMatchObject({ parent: { zh: '省', en: 'Province' }, asOf: '2025', focus });
  });

  it('lets the last of two records with one key win, at the place of the first', () => {
    const link = (en: string) => ({
      id: 'z',
      name: { zh: 'z', en },
      subChain: 'main',
      stage: 'raw' as const,
      sources: cite,
    });
    const out = applyPatch(base, { chain: { id: 'chain', links: [link('first'), link('second')] } }, 'merge');
    expect(out.chains[0]!.links.filter((l) => l.id === 'z').map((l) => l.name.en)).toEqual(['second']);
  });
});
