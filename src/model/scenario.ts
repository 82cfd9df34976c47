/**
 * What-if scenarios: a list of changes (build or remove a link, complete or drop a project) applied to
 * a copy of a region. Nothing stored changes; the analysis of the copy is compared with the real one.
 */
import type { LinkState, LinkStatus, Project, Region, ScenarioChange } from './types';
import { LOCAL_STATUSES } from './types';

export type { Scenario, ScenarioChange } from './types';

/** Whether two changes are about the same thing (a later one replaces an earlier one). */
export function sameTarget(a: ScenarioChange, b: ScenarioChange): boolean {
  return (
    a.kind === b.kind &&
    (a.kind === 'link' ? a.linkId === (b as typeof a).linkId : a.projectId === (b as typeof a).projectId)
  );
}

/** Adds a change, replacing any earlier change to the same link or project. */
export function withChange(changes: readonly ScenarioChange[], change: ScenarioChange): ScenarioChange[] {
  return [...changes.filter((c) => !sameTarget(c, change)), change];
}

/**
 * The region as it would be after `changes`, applied in order. Building a link makes it present;
 * removing it makes it missing. Completing a project makes it operating, makes its links present and
 * adds its capacity to theirs (same unit only); dropping a project removes it, and a link that was only
 * building or being attracted through it goes back to missing.
 */
export function applyScenario(region: Region, changes: readonly ScenarioChange[]): Region {
  const states = new Map(region.linkStates.map((s) => [s.linkId, s]));
  let projects: Project[] = [...region.projects];
  const setStatus = (linkId: string, status: LinkStatus, patch: Partial<LinkState> = {}) => {
    const old = states.get(linkId);
    states.set(linkId, { linkId, asOf: region.asOf, sources: [], ...old, ...patch, status });
  };
  for (const change of changes) {
    if (change.kind === 'link') {
      const current = states.get(change.linkId)?.status ?? 'unknown';
      if (change.action === 'build' && !LOCAL_STATUSES.has(current)) setStatus(change.linkId, 'present');
      if (change.action === 'remove') setStatus(change.linkId, 'missing', { capacity: undefined });
      continue;
    }
    const project = projects.find((p) => p.id === change.projectId);
    if (!project) continue;
    if (change.action === 'complete') {
      projects = projects.map((p) => (p.id === project.id ? { ...p, status: 'operating' } : p));
      if (project.status === 'operating') continue;
      for (const linkId of project.linkIds) {
        const old = states.get(linkId);
        const cap = old?.capacity;
        const added = project.capacity;
        const capacity =
          added && cap && cap.unit === added.unit ? { value: cap.value + added.value, unit: cap.unit } : (cap ?? added);
        setStatus(linkId, old && LOCAL_STATUSES.has(old.status) ? old.status : 'present', capacity ? { capacity } : {});
      }
    } else {
      projects = projects.filter((p) => p.id !== project.id);
      for (const linkId of project.linkIds) {
        const current = states.get(linkId)?.status;
        if (current !== 'building' && current !== 'attracting') continue;
        const others = projects.some((p) => p.linkIds.includes(linkId) && p.status !== 'halted');
        if (!others) setStatus(linkId, 'missing');
      }
    }
  }
  // Unchanged states stay the same objects, so a reader can tell what the scenario changed.
  const linkStates = [...states.values()].map((s) => {
    if (!('capacity' in s) || s.capacity !== undefined) return s;
    const { capacity: _drop, ...rest } = s;
    return rest;
  });
  return { ...region, linkStates, projects };
}
