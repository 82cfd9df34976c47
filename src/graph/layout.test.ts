import ELK from 'elkjs/lib/elk.bundled.js';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mergeDatasets } from '../model/dataset';
import { indexChain } from '../model/graph';
import { validateDataset } from '../model/validate';
import { buildChainElements } from './elements';
import { boxColumns, layoutPanorama, toLayoutInput, type LayoutInput } from './layout';

const elk = new ELK();
const run = (input: LayoutInput) => layoutPanorama(input, (g) => elk.layout(g));

function shippedInput(): LayoutInput {
  const read = (f: string) => JSON.parse(readFileSync(new URL(`../../seeds/${f}`, import.meta.url), 'utf8'));
  const result = validateDataset(mergeDatasets(read('battery-chain.json'), read('jinchang.json')));
  if (!result.ok) throw new Error('shipped data invalid');
  const chain = result.dataset.chains[0]!;
  return toLayoutInput(buildChainElements(indexChain(chain), result.dataset.regions[0], 'zh'), chain.subChains);
}

describe('panorama layout', () => {
  it('places every link, with no two link boxes overlapping', async () => {
    const input = shippedInput();
    const pos = await run(input);
    expect(Object.keys(pos).sort()).toEqual(input.links.map((l) => l.id).sort());
    const boxes = input.links.map((l) => ({
      id: l.id,
      x: pos[l.id]!.x - l.width / 2,
      y: pos[l.id]!.y - l.height / 2,
      w: l.width,
      h: l.height,
    }));
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!;
        const b = boxes[j]!;
        const overlap = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
        expect(overlap, `${a.id} overlaps ${b.id}`).toBe(false);
      }
    }
    const xs = boxes.map((b) => [b.x, b.x + b.w]).flat();
    const ys = boxes.map((b) => [b.y, b.y + b.h]).flat();
    console.log('bbox', Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys));
  });

  it('reads left to right: raw materials, then the material sub-chains, then cells', async () => {
    const input = shippedInput();
    const pos = await run(input);
    const meanX = (group: string) => {
      const ids = input.links.filter((l) => l.group === group).map((l) => pos[l.id]!.x);
      return ids.reduce((a, b) => a + b, 0) / ids.length;
    };
    expect(meanX('group:raw')).toBeLessThan(meanX('group:cathode'));
    expect(meanX('group:cathode')).toBeLessThan(meanX('group:cells'));
    expect(meanX('group:electrolyte')).toBeLessThan(meanX('group:cells'));
  });

  it('gives the same positions for the same chain, whatever the record order', async () => {
    const input = shippedInput();
    const a = await run(input);
    const b = await run(input);
    expect(b).toEqual(a);
  });

  it('falls back to the supply edges between sub-chains when no column is given', () => {
    const columns = boxColumns({
      groups: [
        { id: 'a', order: 1 },
        { id: 'b', order: 2 },
        { id: 'c', order: 3 },
      ],
      links: [
        { id: 'x', group: 'a', stage: 0, width: 10, height: 10 },
        { id: 'y', group: 'b', stage: 0, width: 10, height: 10 },
        { id: 'z', group: 'c', stage: 0, width: 10, height: 10 },
      ],
      edges: [
        { source: 'x', target: 'y', feedback: false },
        { source: 'y', target: 'z', feedback: false },
        { source: 'z', target: 'x', feedback: true },
      ],
    });
    expect([...columns]).toEqual([
      ['a', 0],
      ['b', 1],
      ['c', 2],
    ]);
  });
});
