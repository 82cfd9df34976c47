/**
 * What a deletion changes, told the way import problems are: a few records by name, and for a kind
 * with many (a link with 2,000 firm supply relations) the count and the first few, not a list of all.
 */
import type { LinkDependent } from '../../model/edits';

/** Records of one kind a deletion changes the same way: how many, and the first few. */
export interface DependentGroup {
  readonly effect: LinkDependent['effect'];
  readonly kind: LinkDependent['kind'];
  readonly count: number;
  readonly first: readonly LinkDependent[];
}

/** How many records of a kind are named; a kind with more is told by its count and these first ones. */
export const NAMED_PER_KIND = 5;

/** The dependents grouped by effect and kind, in the order they first appear. */
export function groupDependents(dependents: readonly LinkDependent[], few = NAMED_PER_KIND): DependentGroup[] {
  const groups = new Map<
    string,
    { effect: LinkDependent['effect']; kind: LinkDependent['kind']; count: number; first: LinkDependent[] }
  >();
  for (const d of dependents) {
    const key = `${d.effect}:${d.kind}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { effect: d.effect, kind: d.kind, count: 0, first: [] }));
    g.count++;
    if (g.first.length < few) g.first.push(d);
  }
  return [...groups.values()];
}
