/**
 * Validation of what a user saves besides the data itself, as a backup carries it: what-if scenarios
 * and arrangements of the chain (`scenarios` and `layouts` in the native format), and the what-if
 * changes a saved view or scenario holds. Field by field, like the rest of validation.
 */
import type { LayoutPosition, SavedLayout, Scenario, ScenarioChange } from '../types';
import type { Json, Place, Reader } from './reader';
import { isObject, isValidId, nested, valueText } from './reader';

/** What-if changes under `key`: each a link built or removed, or a project completed or dropped. */
export function readChanges(r: Reader, o: Json, place: Place, key: string): ScenarioChange[] {
  const changes: ScenarioChange[] = [];
  (r.array(o, key, place, false) ?? []).forEach((item, i) => {
    const p = nested(place, `${key}[${i}]`);
    if (!isObject(item)) {
      r.error('not-object', p, '', 'must be an object');
      return;
    }
    const kind = r.oneOf(item, 'kind', p, ['link', 'project'] as const, true);
    if (kind === 'link') {
      const linkId = r.id(item, 'linkId', p);
      const action = r.oneOf(item, 'action', p, ['build', 'remove'] as const, true);
      if (linkId && action) changes.push({ kind, linkId, action });
    } else if (kind === 'project') {
      const projectId = r.id(item, 'projectId', p);
      const action = r.oneOf(item, 'action', p, ['complete', 'remove'] as const, true);
      if (projectId && action) changes.push({ kind, projectId, action });
    }
  });
  return changes;
}

/** A saved what-if scenario. */
export function readScenario(r: Reader, o: Json, place: Place): Scenario | undefined {
  const before = r.errorCount;
  const scenario: Partial<Scenario> = {
    id: r.id(o, 'id', place),
    regionId: r.id(o, 'regionId', place),
    name: r.string(o, 'name', place, true),
    changes: readChanges(r, o, place, 'changes'),
    savedAt: r.string(o, 'savedAt', place, true),
  };
  return r.errorCount === before ? (scenario as Scenario) : undefined;
}

/** The saved arrangements of the chain, each unique by `key`. */
export function readLayouts(r: Reader, doc: Json, root: Place): SavedLayout[] {
  const out: SavedLayout[] = [];
  const seen = new Set<string>();
  (r.array(doc, 'layouts', root, false) ?? []).forEach((item, i) => {
    const key = isObject(item) && typeof item.key === 'string' ? item.key : '';
    const place: Place = { path: `layouts[${i}]`, record: { kind: 'layout', id: valueText(key) } };
    if (!isObject(item)) {
      r.error('not-object', place, '', 'must be an object');
      return;
    }
    const layout = readLayout(r, item, place);
    if (!layout) return;
    if (seen.has(layout.key)) {
      r.error('duplicate-id', place, 'key', `the layout "${layout.key}" is listed twice`, { value: layout.key });
      return;
    }
    seen.add(layout.key);
    out.push(layout);
  });
  return out;
}

function readLayout(r: Reader, o: Json, place: Place): SavedLayout | undefined {
  const before = r.errorCount;
  const key = r.id(o, 'key', place);
  const savedAt = r.string(o, 'savedAt', place, true);
  const positions = new Map<string, LayoutPosition>();
  const given = r.object(o, 'positions', place, true);
  for (const [linkId, value] of Object.entries(given ?? {})) {
    if (!isValidId(linkId)) {
      r.error('id-pattern', place, 'positions', `"${valueText(linkId)}" is not a valid link id`, {
        value: valueText(linkId),
      });
      continue;
    }
    const p = nested(place, `positions.${linkId}`);
    if (!isObject(value)) {
      r.error('not-object', p, '', 'must be an object {x, y}');
      continue;
    }
    const x = r.number(value, 'x', p, { required: true });
    const y = r.number(value, 'y', p, { required: true });
    if (x !== undefined && y !== undefined) positions.set(linkId, { x, y });
  }
  if (r.errorCount !== before || key === undefined || savedAt === undefined) return undefined;
  // Built from entries, so a key such as "constructor" is an own field like any other.
  return { key, positions: Object.fromEntries(positions), savedAt };
}

/** A scenario for a region the dataset lacks is kept, but shown nowhere: a warning, not an error. */
export function checkScenarioRegions(r: Reader, scenarios: readonly Scenario[], regionIds: ReadonlySet<string>): void {
  scenarios.forEach((s, i) => {
    if (regionIds.has(s.regionId)) return;
    const place: Place = { path: `scenarios[${i}]`, record: { kind: 'scenario', id: s.id } };
    r.warn('unknown-ref', place, 'regionId', `region "${s.regionId}" is not in the dataset, so it is not shown`, {
      value: s.regionId,
      target: 'region',
    });
  });
}
