import { describe, expect, it } from 'vitest';
import {
  COLUMN_WIDTH,
  cutToWidth,
  FRAME_ID,
  firmNodeId,
  moreNodeId,
  placeLinkFirms,
  type FirmNodeSpec,
  type LinkFirmsSpec,
} from './firmElements';
import { estimateText } from './elements';

const firm = (key: string, local = true): FirmNodeSpec => ({
  key,
  name: `金昌${key}新材料`,
  title: `金昌${key}新材料有限公司`,
  detail: '5万吨',
  local,
});

function spec(counts: readonly [number, number, number], more: readonly [number, number, number]): LinkFirmsSpec {
  const column = (c: number, n: number) => Array.from({ length: n }, (_, i) => firm(`r/${c}-${i}`, i % 2 === 0));
  return {
    key: 'ncm_cam region jinchang',
    linkId: 'ncm_cam',
    titles: ['Suppliers', 'NCM cathode: largest by capacity', 'Buyers'],
    columns: [column(0, counts[0]), column(1, counts[1]), column(2, counts[2])],
    more,
    moreLabels: more.map((m) => (m ? `${m} more…` : '')) as unknown as [string, string, string],
    relations: [
      { from: 'r/0-0', to: 'r/1-0', local: true },
      { from: 'r/0-1', to: 'r/1-0', local: false },
      { from: 'r/1-0', to: 'r/2-0', local: true },
      { from: 'r/1-0', to: 'r/2-0', local: true },
      { from: 'r/0-0', to: 'nowhere/x', local: false },
    ],
  };
}

const anchor = { x: 400, y: 200, width: 120, height: 40 };

describe('placeLinkFirms', () => {
  const placed = placeLinkFirms(spec([12, 16, 12], [30, 1984, 7]), anchor);
  const node = (id: string) => placed.nodes.find((n) => n.data.id === id)!;
  const firms = placed.nodes.filter((n) => n.data.kind === 'firm');

  it('puts suppliers left, the link’s firms in the middle and buyers right, in a frame below the link', () => {
    expect(firms).toHaveLength(40);
    const xs = [0, 1, 2].map((c) => new Set(firms.filter((f) => f.data.column === c).map((f) => f.position.x)));
    for (const x of xs) expect(x.size).toBe(1);
    const [l, m, r] = xs.map((x) => [...x][0]!);
    expect(l).toBeLessThan(m!);
    expect(m).toBeLessThan(r!);
    // Centred under the link, below its bottom edge.
    expect(m).toBe(anchor.x);
    expect(placed.box.y1).toBeGreaterThan(anchor.y + anchor.height / 2);
    // Every node inside the frame, none overlapping another in its column.
    const frame = node(FRAME_ID);
    expect(frame.data.width).toBe(placed.box.x2 - placed.box.x1);
    for (const n of placed.nodes.filter((n) => n.data.id !== FRAME_ID)) {
      const w = n.data.width as number;
      const h = n.data.height as number;
      expect(n.position.x - w / 2).toBeGreaterThanOrEqual(placed.box.x1);
      expect(n.position.x + w / 2).toBeLessThanOrEqual(placed.box.x2);
      expect(n.position.y - h / 2).toBeGreaterThanOrEqual(placed.box.y1);
      expect(n.position.y + h / 2).toBeLessThanOrEqual(placed.box.y2);
    }
    for (const c of [0, 1, 2]) {
      const ys = firms.filter((f) => f.data.column === c).map((f) => f.position.y);
      for (let i = 1; i < ys.length; i++) expect(ys[i]! - ys[i - 1]!).toBeGreaterThanOrEqual(38);
    }
  });

  it('ends each column holding more firms in an "N more" node below its last firm', () => {
    for (const c of [0, 1, 2] as const) {
      const more = node(moreNodeId(c));
      const last = Math.max(...firms.filter((f) => f.data.column === c).map((f) => f.position.y));
      expect(more.position.y).toBeGreaterThan(last);
    }
    expect(node(moreNodeId(1)).data.label).toBe('1984 more…');
    expect(node(moreNodeId(1)).data.count).toBe(1984);
    const none = placeLinkFirms({ ...spec([2, 3, 0], [0, 0, 0]), emptyLabel: 'None recorded' }, anchor);
    expect(none.nodes.some((n) => n.data.kind === 'firm-more')).toBe(false);
    // A column with nothing to draw says so rather than stand empty.
    const notes = none.nodes.filter((n) => n.data.kind === 'firm-note');
    expect(notes.map((n) => n.data.label)).toEqual(['None recorded']);
    expect(notes[0]!.position.x).toBeGreaterThan(anchor.x);
  });

  it('draws each relation between drawn firms once, local or not, and ties the frame to its link', () => {
    const relations = placed.edges.filter((e) => e.data.kind === 'relation');
    expect(relations.map((e) => [e.data.source, e.data.target, e.data.local])).toEqual([
      [firmNodeId('r/0-0'), firmNodeId('r/1-0'), true],
      [firmNodeId('r/0-1'), firmNodeId('r/1-0'), false],
      [firmNodeId('r/1-0'), firmNodeId('r/2-0'), true],
    ]);
    const tie = placed.edges.find((e) => e.data.kind === 'firm-tie')!;
    expect([tie.data.source, tie.data.target]).toEqual(['ncm_cam', FRAME_ID]);
    // Every element is on the firm layer (kept apart from the chain's own diffing).
    expect([...placed.nodes, ...placed.edges].every((e) => e.data.layer === 'firms')).toBe(true);
    // Local and outside firms keep their mark.
    expect(node(firmNodeId('r/1-1')).data.local).toBe(false);
    expect(node(firmNodeId('r/1-0')).data.local).toBe(true);
  });

  it('cuts names to their box and keeps the detail on a second line', () => {
    const long = placeLinkFirms(
      {
        ...spec([0, 1, 0], [0, 0, 0]),
        columns: [[], [{ ...firm('r/long'), name: '甘肃金昌经济技术开发区华宇新能源电池正极材料科技' }], []],
      },
      anchor,
    );
    const label = long.nodes.find((n) => n.data.kind === 'firm')!.data.label as string;
    const [name, detail] = label.split('\n');
    expect(name!.endsWith('…')).toBe(true);
    expect(estimateText(name!, 12)).toBeLessThanOrEqual(COLUMN_WIDTH[1] - 16);
    expect(detail).toBe('5万吨');
    expect(cutToWidth('short', 200, 12)).toBe('short');
  });
});
