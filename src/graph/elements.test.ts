import { describe, expect, it } from 'vitest';
import { indexChain } from '../model/graph';
import { tinyChain, tinyDataset } from '../model/testing';
import type { ChainTemplate, Region } from '../model/types';
import { buildChainElements, edgeId, estimateText, groupId, measureLabel, wrappableLabel } from './elements';
import { STATUS_GLYPH } from './icons';
import { chainStylesheet } from './style';

function chain(): ChainTemplate {
  const base = tinyChain(
    ['ore', 'salt', 'cell', 'recyc'],
    [
      ['ore', 'salt'],
      ['salt', 'cell'],
      ['cell', 'recyc'],
      ['recyc', 'salt'],
    ],
  );
  return {
    ...base,
    subChains: [
      { id: 'raw', name: { zh: '原材料', en: 'Raw materials' }, order: 1 },
      { id: 'made', name: { zh: '制造', en: 'Making' }, order: 2 },
      { id: 'empty', name: { zh: '空', en: 'Empty' }, order: 3 },
    ],
    links: base.links.map((l) => ({
      ...l,
      name: { zh: { ore: '镍矿', salt: '硫酸镍', cell: '电芯', recyc: '回收' }[l.id]!, en: l.id.toUpperCase() },
      subChain: l.id === 'ore' ? 'raw' : 'made',
      stage: l.id === 'ore' ? ('raw' as const) : l.id === 'recyc' ? ('recycling' as const) : ('intermediate' as const),
    })),
  };
}

const region: Region = {
  ...tinyDataset().regions[0]!,
  chainId: 'chain',
  linkStates: [
    { linkId: 'ore', status: 'strong', asOf: '2024', sources: [{ sourceId: 'src', locator: '¶1' }] },
    { linkId: 'salt', status: 'present', asOf: '2024', sources: [{ sourceId: 'src', locator: '¶1' }] },
    { linkId: 'cell', status: 'attracting', asOf: '2024', sources: [{ sourceId: 'src', locator: '¶1' }] },
  ],
};

describe('chain elements (records -> Cytoscape elements)', () => {
  it('makes one node per link, inside a box per used sub-chain, with its status', () => {
    const els = buildChainElements(indexChain(chain()), region, 'zh');
    expect(els.groups.map((g) => [g.id, g.label])).toEqual([
      ['group:raw', '原材料'],
      ['group:made', '制造'],
    ]);
    expect(els.links.map((l) => [l.id, l.box, l.status])).toEqual([
      ['ore', groupId('raw'), 'strong'],
      ['salt', groupId('made'), 'present'],
      ['cell', groupId('made'), 'attracting'],
      ['recyc', groupId('made'), 'unknown'],
    ]);
  });

  it('labels links in the chosen language', () => {
    const zh = buildChainElements(indexChain(chain()), region, 'zh');
    const en = buildChainElements(indexChain(chain()), region, 'en');
    expect(zh.links.map((l) => l.label.replaceAll('\u200b', ''))).toEqual(['镍矿', '硫酸镍', '电芯', '回收']);
    expect(en.links.map((l) => l.label)).toEqual(['ORE', 'SALT', 'CELL', 'RECYC']);
    expect(en.groups[0]?.label).toBe('Raw materials');
  });

  it('marks supply as local only when both ends are made in the region, and finds the edge that runs back', () => {
    const els = buildChainElements(indexChain(chain()), region, 'en');
    const edge = (from: string, to: string) => els.edges.find((e) => e.id === edgeId(from, to))!;
    expect(edge('ore', 'salt')).toMatchObject({ local: true, feedback: false });
    expect(edge('salt', 'cell')).toMatchObject({ local: false, feedback: false });
    expect(edge('recyc', 'salt')).toMatchObject({ local: false, feedback: true });
  });

  it('shows every link as unknown when there is no region', () => {
    const els = buildChainElements(indexChain(chain()), undefined, 'en');
    expect(new Set(els.links.map((l) => l.status))).toEqual(new Set(['unknown']));
    expect(els.edges.every((e) => !e.local)).toBe(true);
  });

  it('sizes a link to hold its label, wrapping long names onto more lines', () => {
    const long = {
      ...chain(),
      links: chain().links.map((l) => ({ ...l, name: { zh: '钴酸锂/锰酸锂/磷酸锰铁锂', en: 'x' } })),
    };
    const els = buildChainElements(indexChain(long), region, 'zh');
    const short = buildChainElements(indexChain(chain()), region, 'zh');
    expect(els.links[0]!.height).toBeGreaterThan(short.links[0]!.height);
    expect(els.links[0]!.width).toBeLessThanOrEqual(98 + 2 * 7 + 17);
  });
});

describe('labels', () => {
  it('lets Chinese wrap between characters and after slashes, not inside Latin words', () => {
    expect(wrappableLabel('隔膜')).toBe('隔\u200b膜');
    expect(wrappableLabel('PE/PP 树脂')).toBe('PE/\u200bPP 树\u200b脂');
    expect(wrappableLabel('Separator')).toBe('Separator');
  });

  it('measures wrapped lines as the renderer breaks them', () => {
    // A word longer than the wrap width widens the box rather than overflowing it.
    expect(measureLabel('Lithium hexafluorophosphate', 13, 98)).toEqual({
      width: Math.ceil(estimateText('hexafluorophosphate', 13)),
      lines: 2,
    });
    expect(measureLabel(wrappableLabel('硫酸镍'), 13, 98)).toEqual({ width: 39, lines: 1 });
    expect(estimateText('ab', 10)).toBeCloseTo(11.6);
  });
});

describe('stylesheet', () => {
  it('gives every status its own colour and its own glyph', () => {
    const rules = (chainStylesheet() as { selector: string; style: Record<string, unknown> }[]).filter(
      (r) => /status = /.test(r.selector) && !r.selector.includes('.lbl-'),
    );
    expect(rules).toHaveLength(6);
    expect(new Set(Object.values(STATUS_GLYPH)).size).toBe(6);
    const fills = rules.map((r) => r.style['background-color']);
    expect(new Set(fills).size).toBe(6);
  });
});

describe('firm counts on links', () => {
  it('gives each link the number of the region’s firms serving it, and 0 without firms or region', () => {
    const chain = tinyChain(['a', 'b', 'c'], [['a', 'b']]);
    const cite = [{ sourceId: 's', locator: '¶1' }];
    const region = {
      id: 'r',
      name: { zh: '区', en: 'R' },
      chainId: 'chain',
      asOf: '2024',
      linkStates: [],
      enterprises: [
        { id: 'x', name: { zh: '甲', en: 'X' }, linkIds: ['a', 'b', 'a'], sources: cite },
        { id: 'y', name: { zh: '乙', en: 'Y' }, linkIds: ['a'], sources: cite },
      ],
      projects: [],
      indicators: [],
    };
    const firms = (r: typeof region | undefined) =>
      Object.fromEntries(buildChainElements(indexChain(chain), r, 'en').links.map((l) => [l.id, l.firms]));
    expect(firms(region)).toEqual({ a: 2, b: 1, c: 0 });
    expect(firms(undefined)).toEqual({ a: 0, b: 0, c: 0 });
  });
});
