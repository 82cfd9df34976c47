import { describe, expect, it } from 'vitest';
import type { LinkDependent } from '../../model/edits';
import { groupDependents } from './dependents';

describe('what a link deletion changes', () => {
  it('names a few records of a kind, and tells a kind with thousands by its count and first five', () => {
    const relations: LinkDependent[] = Array.from({ length: 2076 }, (_, i) => ({
      kind: 'relation',
      regionId: 'jinchang',
      id: `rel-${i}`,
      effect: 'removed',
    }));
    const edges: LinkDependent[] = [
      { kind: 'edge', chainId: 'c', from: 'a', to: 'b', effect: 'removed' },
      { kind: 'edge', chainId: 'c', from: 'b', to: 'd', effect: 'removed' },
    ];
    const firm: LinkDependent = { kind: 'enterprise', regionId: 'jinchang', id: 'f-1', effect: 'unlinked' };
    const groups = groupDependents([...edges, ...relations, firm]);
    expect(groups.map((g) => [g.effect, g.kind, g.count, g.first.length])).toEqual([
      ['removed', 'edge', 2, 2],
      ['removed', 'relation', 2076, 5],
      ['unlinked', 'enterprise', 1, 1],
    ]);
    expect(groups[1]!.first.map((d) => ('id' in d ? d.id : ''))).toEqual(['rel-0', 'rel-1', 'rel-2', 'rel-3', 'rel-4']);
  });
});
