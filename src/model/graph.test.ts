import { describe, expect, it } from 'vitest';
import {
  downstreamOf,
  feedbackEdges,
  indexChain,
  inputsOf,
  groupLinksBySubChain,
  linkDepths,
  orderLinks,
  outputsOf,
  upstreamOf,
} from './graph';
import { tinyChain } from './testing';
import type { ChainTemplate, Stage } from './types';

/** ore -> salt -> pcam -> cam -> cell -> eol -> recyc -> salt (a recycling loop), and acid -> salt. */
function loopChain(): ChainTemplate {
  const base = tinyChain(
    ['ore', 'acid', 'salt', 'pcam', 'cam', 'cell', 'eol', 'recyc'],
    [
      ['ore', 'salt'],
      ['acid', 'salt'],
      ['salt', 'pcam'],
      ['pcam', 'cam'],
      ['cam', 'cell'],
      ['cell', 'eol'],
      ['eol', 'recyc'],
      ['recyc', 'salt'],
    ],
  );
  const stages: Record<string, Stage> = {
    ore: 'raw',
    acid: 'intermediate',
    salt: 'intermediate',
    pcam: 'intermediate',
    cam: 'product',
    cell: 'product',
    eol: 'recycling',
    recyc: 'recycling',
  };
  return { ...base, links: base.links.map((l) => ({ ...l, stage: stages[l.id]! })) };
}

describe('inputs and outputs', () => {
  it('lists the direct suppliers and buyers of a link', () => {
    const index = indexChain(loopChain());
    expect(inputsOf(index, 'salt')).toEqual(['ore', 'acid', 'recyc']);
    expect(outputsOf(index, 'salt')).toEqual(['pcam']);
    expect(inputsOf(index, 'ore')).toEqual([]);
    expect(outputsOf(index, 'nope')).toEqual([]);
  });
});

describe('closures', () => {
  it('follows the material flow, leaving out the recycling loop unless asked', () => {
    const index = indexChain(loopChain());
    expect([...upstreamOf(index, 'cell')].sort()).toEqual(['acid', 'cam', 'ore', 'pcam', 'salt']);
    expect([...downstreamOf(index, 'recyc')]).toEqual([]);
    expect([...downstreamOf(index, 'salt')].sort()).toEqual(['cam', 'cell', 'eol', 'pcam', 'recyc']);
  });

  it('with loops, goes round the cycle, terminates, and does not count the start link', () => {
    const index = indexChain(loopChain());
    expect([...upstreamOf(index, 'cell', { loops: true })].sort()).toEqual([
      'acid',
      'cam',
      'eol',
      'ore',
      'pcam',
      'recyc',
      'salt',
    ]);
    expect([...downstreamOf(index, 'recyc', { loops: true })].sort()).toEqual(['cam', 'cell', 'eol', 'pcam', 'salt']);
    expect(upstreamOf(index, 'salt', { loops: true }).has('salt')).toBe(false);
  });

  it('gives the raw links no upstream and the loop-free leaves their path only', () => {
    const index = indexChain(
      tinyChain(
        ['a', 'b', 'c', 'd'],
        [
          ['a', 'b'],
          ['b', 'c'],
        ],
      ),
    );
    expect(upstreamOf(index, 'a').size).toBe(0);
    expect([...upstreamOf(index, 'c')]).toEqual(['b', 'a']);
    expect([...downstreamOf(index, 'a')]).toEqual(['b', 'c']);
    expect(downstreamOf(index, 'd').size).toBe(0);
  });

  it('handles a two-link cycle and a long chain without recursion limits', () => {
    const two = indexChain(
      tinyChain(
        ['x', 'y'],
        [
          ['x', 'y'],
          ['y', 'x'],
        ],
      ),
    );
    expect([...upstreamOf(two, 'x', { loops: true })]).toEqual(['y']);
    const ids = Array.from({ length: 20000 }, (_, i) => `n${i}`);
    const long = indexChain(
      tinyChain(
        ids,
        ids.slice(1).map((id, i) => [ids[i]!, id] as const),
      ),
    );
    expect(upstreamOf(long, 'n19999').size).toBe(19999);
  });
});

describe('ordering', () => {
  it('finds the recycling edge as the one that runs back', () => {
    const index = indexChain(loopChain());
    expect(feedbackEdges(index).edges.map((e) => `${e.from}>${e.to}`)).toEqual(['recyc>salt']);
  });

  it('breaks a cycle within one stage so depth is defined', () => {
    const index = indexChain(
      tinyChain(
        ['a', 'b', 'c'],
        [
          ['a', 'b'],
          ['b', 'c'],
          ['c', 'a'],
        ],
      ),
    );
    expect(feedbackEdges(index).edges).toHaveLength(1);
    expect(linkDepths(index)).toEqual(
      new Map([
        ['a', 0],
        ['b', 1],
        ['c', 2],
      ]),
    );
  });

  it('orders links by stage, then depth, whatever the record order', () => {
    const chain = loopChain();
    const order = orderLinks(indexChain(chain)).map((l) => l.id);
    expect(order).toEqual(['ore', 'acid', 'salt', 'pcam', 'cam', 'cell', 'eol', 'recyc']);
    const shuffled = { ...chain, links: [...chain.links].reverse(), edges: [...chain.edges].reverse() };
    expect(orderLinks(indexChain(shuffled)).map((l) => l.id)).toEqual(order);
  });
  it("breaks ties of stage and depth by name when asked, as a list in the reader's language reads", () => {
    const base = tinyChain(['zeta', 'alpha', 'mid'], []);
    const names: Record<string, string> = { zeta: 'Apple', alpha: 'Cherry', mid: 'Banana' };
    const index = indexChain(base);
    expect(orderLinks(index).map((l) => l.id)).toEqual(['alpha', 'mid', 'zeta']);
    const byName = { name: (l: { id: string }) => names[l.id]!, collator: new Intl.Collator('en') };
    expect(orderLinks(index, byName).map((l) => l.id)).toEqual(['zeta', 'mid', 'alpha']);
  });

  it('groups links by sub-chain in sub-chain order, each group in reading order, empty groups kept', () => {
    const chain = loopChain();
    const subChains = [
      { id: 'late', name: { zh: '后', en: 'Late' }, order: 2 },
      { id: 'early', name: { zh: '前', en: 'Early' }, order: 1 },
      { id: 'none', name: { zh: '空', en: 'Empty' }, order: 3 },
    ];
    const early = new Set(['ore', 'salt', 'cam']);
    const links = chain.links.map((l) => ({ ...l, subChain: early.has(l.id) ? 'early' : 'late' }));
    const groups = groupLinksBySubChain(indexChain({ ...chain, subChains, links }));
    expect(groups.map((g) => [g.sub.id, g.links.map((l) => l.id)])).toEqual([
      ['early', ['ore', 'salt', 'cam']],
      ['late', ['acid', 'pcam', 'cell', 'eol', 'recyc']],
      ['none', []],
    ]);
  });
});
