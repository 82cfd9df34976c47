/**
 * Saved what-if scenarios. Saving a scenario stores the scenario itself; the region's data is never
 * touched by it.
 */
import type { Scenario } from '../model/scenario';
import type { ChainAtlasDB } from './db';

export async function listScenarios(db: ChainAtlasDB, regionId: string): Promise<Scenario[]> {
  return (await db.scenarios.where('regionId').equals(regionId).toArray()).sort((a, b) =>
    a.savedAt.localeCompare(b.savedAt),
  );
}

export async function saveScenario(db: ChainAtlasDB, scenario: Scenario): Promise<void> {
  await db.scenarios.put(scenario);
}

export async function deleteScenario(db: ChainAtlasDB, id: string): Promise<void> {
  await db.scenarios.delete(id);
}
