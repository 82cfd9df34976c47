import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyseRegion, compareAnalyses } from './analysis';
import { analyseGaps, DEFAULT_RULES, scoreParts, share, type GapKind } from './gaps';
import { indexChain } from './graph';
import { applyScenario } from './scenario';
import { focusMassShares, massPerKwh, productSupply } from './supply';
import { tinyChain } from './testing';
import type { ChainTemplate, LinkStatus, Region, Stage, SupplyEdge } from './types';
import { LINK_STATUSES } from './types';

const cite = { sourceId: 'src', locator: '¶1' };

/**
 * ore, acid -> salt -> pcam -> cam -> cell -> eol -> recyc -> salt (recycling back), salt -> other,
 * acid -> byprod. Intensities: cam -> cell 2 kg/kWh, pcam -> cam 0.5 t/t, salt -> pcam 1.5 t/t.
 */
function chain(): ChainTemplate {
  const base = tinyChain(
    ['ore', 'acid', 'salt', 'pcam', 'cam', 'cell', 'eol', 'recyc', 'other', 'byprod'],
    [
      ['ore', 'salt'],
      ['acid', 'salt'],
      ['salt', 'pcam'],
      ['pcam', 'cam'],
      ['cam', 'cell'],
      ['cell', 'eol'],
      ['eol', 'recyc'],
      ['recyc', 'salt'],
      ['salt', 'other'],
      ['acid', 'byprod'],
    ],
  );
  const stage: Record<string, Stage> = {
    ore: 'raw',
    cam: 'product',
    cell: 'product',
    eol: 'recycling',
    recyc: 'recycling',
  };
  const intensity: Record<string, SupplyEdge['intensities']> = {
    'cam>cell': [{ value: 2, unit: 'kg/kWh', chemistry: 'LFP', source: cite }],
    'pcam>cam': [{ value: 0.5, unit: 't/t', source: cite }],
    'salt>pcam': [{ value: 1.5, unit: 't/t', source: cite }],
  };
  return {
    ...base,
    links: base.links.map((l) => ({ ...l, stage: stage[l.id] ?? 'intermediate' })),
    edges: base.edges.map((e) => {
      const mi = intensity[`${e.from}>${e.to}`];
      return mi ? { ...e, intensities: mi } : e;
    }),
  };
}

function region(statuses: Record<string, LinkStatus>, extra: Partial<Region> = {}): Region {
  return {
    id: 'r',
    name: { zh: '区', en: 'R' },
    chainId: 'chain',
    asOf: '2024',
    focus: { products: ['cell'], applications: [], subChains: [], supporting: [], sources: [cite] },
    linkStates: Object.entries(statuses).map(([linkId, status]) => ({ linkId, status, asOf: '2024', sources: [cite] })),
    enterprises: [{ id: 'e', name: { zh: '企', en: 'E' }, linkIds: ['cell'], sources: [cite] }],
    projects: [],
    indicators: [],
    ...extra,
  };
}

const base = {
  ore: 'present',
  acid: 'strong',
  salt: 'missing',
  pcam: 'building',
  cell: 'present',
  other: 'missing',
  byprod: 'missing',
} as const;

describe('classifying links', () => {
  const index = indexChain(chain());
  const a = analyseGaps(index, region(base));
  const kind = (id: string) => a.assessments.get(id)!.kind;

  it('applies each rule as written', () => {
    expect(Object.fromEntries([...a.assessments].map(([id, x]) => [id, x.kind]))).toEqual({
      ore: 'strong',
      acid: 'strong',
      salt: 'gap',
      pcam: 'weak',
      cam: 'verify',
      cell: 'weak',
      eol: 'unknown',
      recyc: 'unknown',
      other: 'outside',
      byprod: 'extension',
    } satisfies Record<string, GapKind>);
    expect(a.assessments.get('salt')).toMatchObject({
      reasons: ['needed'],
      localInputs: ['ore', 'acid'],
      localBuyers: [],
    });
    expect(a.assessments.get('cell')?.reasons).toEqual(['single-enterprise']);
    expect(a.assessments.get('pcam')?.reasons).toEqual(['building']);
  });

  it('finds the links the focus needs along the material flow, not round the recycling loop', () => {
    expect([...a.needed].sort()).toEqual(['acid', 'cam', 'cell', 'ore', 'pcam', 'salt']);
  });

  it('calls a missing link with a local input and a local buyer a gap even when the focus does not need it', () => {
    const r = analyseGaps(index, region({ ...base, other: 'missing' }, { linkStates: [] }));
    expect(r.assessments.get('other')?.kind).toBe('unknown');
    const fed = { ...base, salt: 'present', other: 'missing', byprod: 'missing' } as const;
    const withBuyer = { ...chain(), edges: [...chain().edges, { from: 'other', to: 'cell', sources: [cite] }] };
    const r2 = analyseGaps(
      indexChain(withBuyer),
      region(fed, { focus: { products: [], applications: [], subChains: [], supporting: [], sources: [] } }),
    );
    expect(r2.assessments.get('other')).toMatchObject({ kind: 'gap', reasons: ['fed-and-bought'] });
  });

  it('marks low capacity weak, by the threshold for its unit', () => {
    const small = region(base, {
      enterprises: [],
      linkStates: [
        { linkId: 'cell', status: 'present', capacity: { value: 2, unit: 'GWh/a' }, asOf: '2024', sources: [cite] },
      ],
    });
    expect(analyseGaps(index, small).assessments.get('cell')?.reasons).toEqual(['low-capacity']);
    const raised = { ...DEFAULT_RULES, weakBelow: { 'GWh/a': 1 } };
    expect(analyseGaps(index, small, raised).assessments.get('cell')).toMatchObject({
      kind: 'strong',
      reasons: ['local'],
    });
  });

  it('does not claim scale for a local link whose source gives neither scale nor firms', () => {
    const bare = region(base, {
      enterprises: [],
      linkStates: [{ linkId: 'cell', status: 'present', asOf: '2024', sources: [cite] }],
    });
    expect(analyseGaps(index, bare).assessments.get('cell')).toMatchObject({
      kind: 'strong',
      reasons: ['local-unmeasured'],
    });
    const named = region(base, {
      enterprises: [],
      linkStates: [{ linkId: 'cell', status: 'strong', asOf: '2024', sources: [cite] }],
    });
    expect(analyseGaps(index, named).assessments.get('cell')?.reasons).toEqual(['local']);
  });

  it('treats unknown links as missing only when asked, and marks those verdicts as assumed', () => {
    const assumed = analyseGaps(index, region(base), { ...DEFAULT_RULES, assumeUnknownMissing: true });
    expect(assumed.assessments.get('cam')).toMatchObject({ kind: 'gap', assumed: true });
    expect(assumed.assessments.get('eol')).toMatchObject({ kind: 'extension', assumed: true });
    expect(assumed.assessments.get('recyc')).toMatchObject({ kind: 'outside', assumed: true });
    expect(assumed.assessments.get('salt')?.assumed).toBe(false);
    expect(kind('cam')).toBe('verify');
    expect(kind('eol')).toBe('unknown');
  });

  it('lists an unknown link the focus needs as one to verify, scored by the impact it would have if missing', () => {
    const cam = a.assessments.get('cam')!;
    expect(cam).toMatchObject({
      kind: 'verify',
      status: 'unknown',
      assumed: false,
      needed: true,
      reasons: ['unverified-needed'],
      localInputs: [],
      localBuyers: ['cell'],
      dependents: 1,
    });
    // The score it would have as a gap: the same numbers, not a guess at whether it exists.
    const asGap = analyseGaps(index, region({ ...base, cam: 'missing' })).assessments.get('cam')!;
    expect(asGap.kind).toBe('gap');
    expect(cam.score).toBe(asGap.score);
    expect(a.ranked.map((x) => x.linkId)).toContain('cam');
    // Unknown links the focus does not need stay off the list.
    expect(a.ranked.map((x) => x.linkId)).not.toContain('eol');
    expect(a.ranked.map((x) => x.linkId)).not.toContain('recyc');
  });

  it('ranks by the impact score, computed by hand', () => {
    const withMass = analyseGaps(index, region(base), DEFAULT_RULES, focusMassShares(index, region(base)));
    // salt: 1 dependent local link (cell) x2, carries 1.5 x 0.5 x 2 = 1.5 kg of the cell's 2 kg (x30), has local inputs (+5).
    expect(withMass.assessments.get('salt')?.score).toBe(2 * 1 + 30 * 0.75 + 5);
    // The parts the dossier explains add up to the score.
    const salt = withMass.assessments.get('salt')!;
    expect(scoreParts(salt)).toEqual({ dependents: 2, mass: 22.5, localInput: 5, localBuyer: 0 });
    // cam, to verify: 1 dependent local link (cell) x2, all of the cell's known mass (x30), a local buyer (+5).
    expect(withMass.ranked.map((x) => [x.linkId, x.score])).toEqual([
      ['cam', 37],
      ['salt', 29.5],
      ['pcam', 17],
      ['byprod', 5],
      ['cell', 0],
    ]);
  });

  it('measures completeness over the links the focus needs, keeping unknown apart', () => {
    expect(a.completeness.overall).toEqual({ local: 3, unknown: 1, total: 6 });
    expect(share(a.completeness.overall)).toBe(0.5);
    expect(a.completeness.bySubChain.get('main')).toEqual({ local: 3, unknown: 1, total: 6 });
  });
});

describe('local supply share', () => {
  const index = indexChain(chain());

  it('counts upstream links, with unknown ones as a range', () => {
    const s = productSupply(index, region(base), 'cell');
    expect(s).toMatchObject({ upstream: 5, local: 2, unknown: 1, byCount: { low: 0.4, high: 0.6 } });
  });

  it('follows intensities upstream, per kWh and per tonne', () => {
    expect(Object.fromEntries(massPerKwh(index, 'cell', 'LFP'))).toEqual({
      cam: { kgPerKwh: 2 },
      pcam: { kgPerKwh: 1 },
      salt: { kgPerKwh: 1.5 },
    });
    const s = productSupply(index, region({ ...base, cam: 'present' }), 'cell');
    expect(s.byMass).toEqual({ knownKgPerKwh: 2, localKgPerKwh: 2, share: 1, inputs: 1 });
    expect(productSupply(index, region(base), 'cell').byMass?.share).toBe(0);
  });
});

describe('what-if', () => {
  const index = indexChain(chain());

  it('building a missing needed link closes its gap and raises completeness', () => {
    const before = analyseRegion(index, region(base));
    const after = analyseRegion(
      index,
      applyScenario(region(base), [{ kind: 'link', linkId: 'salt', action: 'build' }]),
    );
    const diff = compareAnalyses(before, after);
    expect(diff.kinds).toContainEqual({ linkId: 'salt', before: 'gap', after: 'strong' });
    expect(diff.completeness).toEqual({ before: 0.5, after: 4 / 6 });
    expect(diff.removed).toContain('salt');
  });

  it('completing a project makes its link present and adds its capacity; dropping one undoes a building link', () => {
    const r = region(base, {
      linkStates: [
        { linkId: 'cell', status: 'present', capacity: { value: 2, unit: 'GWh/a' }, asOf: '2024', sources: [cite] },
        { linkId: 'pcam', status: 'building', asOf: '2024', sources: [cite] },
      ],
      projects: [
        {
          id: 'big',
          name: { zh: '项', en: 'P' },
          status: 'building',
          linkIds: ['cell'],
          enterpriseIds: [],
          capacity: { value: 18, unit: 'GWh/a' },
          sources: [cite],
        },
        {
          id: 'pc',
          name: { zh: '项', en: 'P' },
          status: 'building',
          linkIds: ['pcam'],
          enterpriseIds: [],
          sources: [cite],
        },
      ],
    });
    const done = applyScenario(r, [{ kind: 'project', projectId: 'big', action: 'complete' }]);
    expect(done.linkStates.find((s) => s.linkId === 'cell')?.capacity).toEqual({ value: 20, unit: 'GWh/a' });
    expect(done.projects.find((p) => p.id === 'big')?.status).toBe('operating');
    const dropped = applyScenario(r, [{ kind: 'project', projectId: 'pc', action: 'remove' }]);
    expect(dropped.linkStates.find((s) => s.linkId === 'pcam')?.status).toBe('missing');
    expect(r.projects).toHaveLength(2); // the input is never changed
  });
});

describe('properties', () => {
  const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
  const edgeArb = fc.uniqueArray(
    fc.tuple(fc.constantFrom(...ids), fc.constantFrom(...ids)).filter(([x, y]) => x !== y),
    { selector: ([x, y]) => `${x}>${y}`, maxLength: 14 },
  );
  const statusArb = fc.dictionary(fc.constantFrom(...ids), fc.constantFrom(...LINK_STATUSES));
  const focusArb = fc.subarray(ids, { maxLength: 2 });
  const setup = (edges: [string, string][], statuses: Record<string, LinkStatus>, focus: string[]) => ({
    index: indexChain(tinyChain(ids, edges)),
    region: region(statuses, {
      chainId: 'chain',
      enterprises: [],
      focus: { products: focus, applications: [], subChains: [], supporting: [], sources: [cite] },
    }),
  });

  it('making a link present never adds a gap among the links the focus needs', () => {
    fc.assert(
      fc.property(edgeArb, statusArb, focusArb, fc.constantFrom(...ids), (edges, statuses, focus, target) => {
        const { index, region: r } = setup(edges, statuses, focus);
        const before = analyseGaps(index, r);
        const after = analyseGaps(index, applyScenario(r, [{ kind: 'link', linkId: target, action: 'build' }]));
        const neededGaps = (x: typeof before) =>
          [...x.assessments.values()].filter((v) => v.kind === 'gap' && v.needed).map((v) => v.linkId);
        for (const id of neededGaps(after)) expect(neededGaps(before)).toContain(id);
        expect(after.assessments.get(target)?.kind).not.toBe('gap');
        expect(share(after.completeness.overall)).toBeGreaterThanOrEqual(share(before.completeness.overall));
      }),
    );
  });

  it('keeps every share within 0 and 1', () => {
    fc.assert(
      fc.property(edgeArb, statusArb, focusArb, (edges, statuses, focus) => {
        const { index, region: r } = setup(edges, statuses, focus);
        const analysis = analyseRegion(index, r);
        const c = share(analysis.gaps.completeness.overall);
        expect(c).toBeGreaterThanOrEqual(0);
        expect(c).toBeLessThanOrEqual(1);
        for (const id of ids) {
          const s = productSupply(index, r, id);
          expect(s.byCount.low).toBeGreaterThanOrEqual(0);
          expect(s.byCount.low).toBeLessThanOrEqual(s.byCount.high);
          expect(s.byCount.high).toBeLessThanOrEqual(1);
        }
      }),
    );
  });

  it('gives the same result whatever the order of the records', () => {
    fc.assert(
      fc.property(edgeArb, statusArb, focusArb, fc.integer(), (edges, statuses, focus, seed) => {
        const { index, region: r } = setup(edges, statuses, focus);
        const shuffle = <T>(xs: readonly T[]) =>
          fc.sample(fc.shuffledSubarray([...xs], { minLength: xs.length, maxLength: xs.length }), {
            seed,
            numRuns: 1,
          })[0]!;
        const template = index.template;
        const shuffled = indexChain({ ...template, links: shuffle(template.links), edges: shuffle(template.edges) });
        const r2 = { ...r, linkStates: shuffle(r.linkStates) };
        const one = analyseRegion(index, r);
        const two = analyseRegion(shuffled, r2);
        // Lists of neighbours follow the edges' order, which is data; everything else must match exactly.
        const norm = (a: (typeof one.gaps.ranked)[number]) => ({
          ...a,
          localInputs: [...a.localInputs].sort(),
          localBuyers: [...a.localBuyers].sort(),
        });
        expect(two.gaps.ranked.map(norm)).toEqual(one.gaps.ranked.map(norm));
        expect(new Map([...two.gaps.assessments].map(([k, v]) => [k, norm(v)]))).toEqual(
          new Map([...one.gaps.assessments].map(([k, v]) => [k, norm(v)])),
        );
        expect(two.gaps.completeness).toEqual(one.gaps.completeness);
        expect(two.supply).toEqual(one.supply);
      }),
    );
  });
});
