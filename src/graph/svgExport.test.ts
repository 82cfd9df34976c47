// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { GraphSnapshot } from './chainGraph';
import { posterSvg, POSTER } from './poster';
import { placeLinkFirms } from './firmElements';
import { chainSvg } from './svgExport';

const snapshot: GraphSnapshot = {
  boxes: [{ id: 'group:raw', label: '原材料', x1: 0, y1: 0, x2: 300, y2: 120 }],
  links: [
    { id: 'a', label: '镍矿', status: 'present', x: 60, y: 40, width: 80, height: 28, wrapWidth: 98, classes: [] },
    {
      id: 'b',
      label: '<img src=x onerror=alert(1)> & co',
      status: 'missing',
      x: 200,
      y: 80,
      width: 110,
      height: 45,
      wrapWidth: 98,
      classes: ['dimmed'],
    },
  ],
  edges: [
    {
      id: 'edge:a>b',
      source: 'a',
      target: 'b',
      local: false,
      feedback: false,
      classes: [],
      from: { x: 100, y: 40 },
      to: { x: 145, y: 80 },
    },
  ],
};

describe('SVG export', () => {
  it('is a well-formed SVG document with every link, box and edge', () => {
    const doc = new DOMParser().parseFromString(chainSvg(snapshot), 'image/svg+xml');
    expect(doc.querySelector('parsererror')).toBeNull();
    expect(doc.documentElement.getAttribute('viewBox')).toMatch(/^-?[\d.]+ -?[\d.]+ [\d.]+ [\d.]+$/);
    expect([...doc.querySelectorAll('g.link')].map((g) => g.getAttribute('data-link'))).toEqual(['a', 'b']);
    expect(doc.querySelectorAll('g.box')).toHaveLength(1);
    expect(doc.querySelectorAll('path[marker-end]')).toHaveLength(1);
  });

  it('keeps labels as text, never markup', () => {
    const svg = chainSvg(snapshot);
    expect(svg).not.toContain('<img');
    const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
    // Wrapped lines are tspans; read them back as the words they were.
    const text = [...doc.querySelectorAll('g.link tspan')].map((t) => t.textContent).join(' ');
    expect(text).toContain('<img src=x onerror=alert(1)>');
    expect(doc.querySelectorAll('img')).toHaveLength(0);
  });

  it('draws a dimmed link faintly and a status with its own colours', () => {
    const doc = new DOMParser().parseFromString(chainSvg(snapshot), 'image/svg+xml');
    expect(doc.querySelector('g.link[data-link="b"]')?.getAttribute('opacity')).toBe('0.18');
    expect(doc.querySelector('g.link[data-link="a"] rect')?.getAttribute('fill')).toBe('#b6e3cf');
  });

  it('writes the firm count on a link with firms, as the canvas does, and nothing on one without', () => {
    const withFirms: GraphSnapshot = {
      ...snapshot,
      links: snapshot.links.map((l, i) => ({ ...l, firms: i ? 0 : 2000 })),
    };
    const doc = new DOMParser().parseFromString(chainSvg(withFirms), 'image/svg+xml');
    expect(doc.querySelector('g.link[data-link="a"] g.firms text')?.textContent).toBe('2000');
    expect(doc.querySelector('g.link[data-link="b"] g.firms')).toBeNull();
  });
});

describe('SVG export of an expanded link', () => {
  it('draws the firms below the link with their names, marks and relations, inside the picture', () => {
    const placed = placeLinkFirms(
      {
        key: 'b',
        linkId: 'b',
        titles: ['Suppliers', 'Largest', 'Buyers'],
        columns: [
          [{ key: 'x/1', name: '金昌<华宇>', title: '金昌<华宇>有限公司', detail: 'Wuwei', local: false }],
          [{ key: 'r/1', name: '金昌新材', title: '金昌新材有限公司', detail: '5万吨/年', local: true }],
          [],
        ],
        more: [0, 1984, 0],
        moreLabels: ['', '1,984 more…', ''],
        relations: [{ from: 'x/1', to: 'r/1', local: false }],
      },
      { x: 200, y: 80, width: 110, height: 45 },
    );
    const withFirms: GraphSnapshot = {
      ...snapshot,
      firms: {
        nodes: placed.nodes.map((n) => ({
          kind: n.data.kind as 'firm',
          x: n.position.x,
          y: n.position.y,
          width: n.data.width as number,
          height: n.data.height as number,
          label: String(n.data.label ?? ''),
          local: n.data.local !== false,
          centre: n.data.centre === true,
        })),
        edges: [{ kind: 'relation', local: false, from: { x: 100, y: 300 }, to: { x: 190, y: 300 } }],
      },
    };
    const svg = chainSvg(withFirms);
    const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
    expect(doc.querySelector('parsererror')).toBeNull();
    const layer = doc.querySelector('g.firm-layer');
    const text = [...doc.querySelectorAll('g.firm-layer tspan')].map((t) => t.textContent);
    expect(text).toEqual(
      expect.arrayContaining(['金昌<华宇>', 'Wuwei', '金昌新材', '5万吨/年', '1,984 more…', 'Largest']),
    );
    expect(layer).not.toBeNull();
    // The outside firm is dashed, the relation too; the picture holds the whole frame.
    expect(svg).toContain('stroke-dasharray="5 3"');
    const [, y, , height] = doc.documentElement.getAttribute('viewBox')!.split(' ').map(Number);
    expect(y! + height!).toBeGreaterThan(placed.box.y2);
  });
});

describe('poster', () => {
  it('is an A3-landscape SVG holding the chain, legend, table and sources', () => {
    const svg = posterSvg({
      title: '金昌市 新能源电池产业链',
      subtitle: '甘肃日报《取舍之间的发展智慧》',
      dateLine: '数据截至 2024',
      legendTitle: '状态',
      legend: [{ status: 'present', label: '已有', count: 13 }],
      tableTitle: '缺链清单',
      tableHeader: ['排名', '环节', '类型', '得分', '本地投入', '本地下游'],
      tableRows: [['1', '隔膜', '缺链', '9', '—', '三元锂电池电芯']],
      sourcesTitle: '来源',
      sources: ['甘肃日报 Gansu Daily《取舍之间的发展智慧》，2024'],
      footnote: '类型、得分由链图计算',
      snapshot,
    });
    const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
    expect(doc.querySelector('parsererror')).toBeNull();
    expect(doc.documentElement.getAttribute('width')).toBe(String(POSTER.width));
    expect(POSTER.width / POSTER.height).toBeCloseTo(420 / 297, 2);
    const all = doc.documentElement.textContent ?? '';
    for (const s of ['金昌市 新能源电池产业链', '缺链清单', '隔膜', '来源', '数据截至 2024', '已有 13'])
      expect(all).toContain(s);
  });

  it('wraps a long English list of local inputs to a second line rather than cutting it', () => {
    const inputs = 'Sulphuric acid (smelter acid); Refined nickel, Ni strip; Chlor-alkali';
    const svg = posterSvg({
      title: 'Jinchang · New-energy battery chain',
      subtitle: '',
      dateLine: '',
      legendTitle: 'Status',
      legend: [],
      tableTitle: 'Gaps',
      tableHeader: ['Rank', 'Link', 'Kind', 'Score', 'Local inputs', 'Local buyers'],
      tableRows: [['1', 'Nickel sulphate', 'Weak', '20.6', inputs, 'NCM precursor']],
      sourcesTitle: 'Sources',
      sources: [],
      footnote: '',
      snapshot,
    });
    const texts = [...new DOMParser().parseFromString(svg, 'image/svg+xml').querySelectorAll('text')].map(
      (t) => t.textContent ?? '',
    );
    expect(texts).toContain('Local inputs');
    expect(texts.some((t) => t.includes('…'))).toBe(false);
    expect(texts.join(' ')).toContain('Sulphuric acid (smelter acid);');
    expect(texts.join(' ')).toContain('Chlor-alkali');
  });

  it("carries the region's targets and a figure's series as a chart, with every value on it", () => {
    const share = (id: string, value: number, period: string, target = false) => ({
      id,
      name: { zh: '本地配套率', en: 'Local supply' },
      value: { value, unit: 'percent' },
      period,
      linkIds: [],
      sources: [{ sourceId: 's', locator: '¶1' }],
      ...(target ? { target: true } : {}),
    });
    const svg = posterSvg({
      title: 'Jinchang',
      subtitle: '',
      dateLine: '',
      legendTitle: 'Status',
      legend: [],
      tableTitle: 'Gaps',
      tableHeader: ['Rank', 'Link', 'Kind', 'Score', 'Local inputs', 'Local buyers'],
      tableRows: [],
      targetsTitle: 'Targets and progress',
      targets: ['2025 · Cells 50 GWh [1] — No figure reported yet'],
      charts: [
        {
          title: 'Local supply',
          series: {
            key: 's',
            points: [share('a', 65, '2022-06'), share('b', 75, '2023-03')],
            targets: [share('t', 82, '2022-12', true)],
          },
          labels: { a: 'over 65%', b: '75%' },
        },
      ],
      sourcesTitle: 'Sources',
      sources: ['Gansu Daily'],
      footnote: '',
      snapshot,
    });
    const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
    expect(doc.querySelector('parsererror')).toBeNull();
    const texts = [...doc.querySelectorAll('text')].map((t) => t.textContent ?? '');
    for (const s of ['Targets and progress', 'Local supply', 'over 65%', '75%', '[1] Gansu Daily'])
      expect(texts.join(' | ')).toContain(s);
    expect(texts.join(' ')).toContain('2025 · Cells 50 GWh [1]');
    expect(doc.querySelectorAll('polyline')).toHaveLength(1);
    // A point per report, the target as a diamond beside them.
    expect(doc.querySelectorAll('circle[fill="#2f6f57"]')).toHaveLength(2);
    expect(doc.querySelectorAll('path[stroke="#a86b00"]')).toHaveLength(1);
  });
});
