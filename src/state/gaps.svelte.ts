/**
 * The gap view's state: the rules (thresholds the user can change, remembered in this browser), the
 * analysis of the stored data, and the what-if scenario being built, with its analysis and what it
 * changes. Nothing here writes the region's data; a saved scenario is stored as a scenario.
 */
import { analyseRegion, compareAnalyses, type AnalysisDiff, type RegionAnalysis } from '../model/analysis';
import { DEFAULT_RULES, type GapRules } from '../model/gaps';
import { applyScenario, withChange, type Scenario, type ScenarioChange } from '../model/scenario';
import type { Region } from '../model/types';
import { deleteScenario, listScenarios, saveScenario } from '../store/scenarioRepository';
import type { AtlasState } from './atlas.svelte';
import { readPref, writePref } from './prefs';
import { freshId } from '../model/ids';

const RULES_KEY = 'chainatlas.gapRules';

function loadRules(): GapRules {
  try {
    const saved = JSON.parse(readPref(RULES_KEY) ?? 'null') as Partial<GapRules> | null;
    if (!saved || typeof saved !== 'object') return DEFAULT_RULES;
    return {
      weakBelow: { ...DEFAULT_RULES.weakBelow, ...(saved.weakBelow ?? {}) },
      singleEnterpriseIsWeak: saved.singleEnterpriseIsWeak ?? DEFAULT_RULES.singleEnterpriseIsWeak,
      assumeUnknownMissing: saved.assumeUnknownMissing ?? DEFAULT_RULES.assumeUnknownMissing,
    };
  } catch {
    return DEFAULT_RULES;
  }
}

export class GapsState {
  rules = $state.raw<GapRules>(loadRules());
  /** The scenario being built; empty when no what-if is active. */
  changes = $state.raw<readonly ScenarioChange[]>([]);
  /** The saved scenario the current changes came from, if any. */
  loaded = $state.raw<Scenario | undefined>(undefined);
  saved = $state.raw<readonly Scenario[]>([]);
  readonly #atlas: AtlasState;
  declare readonly analysis: RegionAnalysis | undefined;
  declare readonly whatIfRegion: Region | undefined;
  declare readonly whatIf: RegionAnalysis | undefined;
  declare readonly diff: AnalysisDiff | undefined;

  constructor(atlas: AtlasState) {
    this.#atlas = atlas;
    this.analysis = $derived(
      this.#atlas.index ? analyseRegion(this.#atlas.index, this.#atlas.region, this.rules) : undefined,
    );
    this.whatIfRegion = $derived(
      this.#atlas.region && this.changes.length ? applyScenario(this.#atlas.region, this.changes) : undefined,
    );
    this.whatIf = $derived(
      this.#atlas.index && this.whatIfRegion
        ? analyseRegion(this.#atlas.index, this.whatIfRegion, this.rules)
        : undefined,
    );
    this.diff = $derived(this.analysis && this.whatIf ? compareAnalyses(this.analysis, this.whatIf) : undefined);
  }

  setRules(rules: GapRules): void {
    this.rules = rules;
    writePref(RULES_KEY, JSON.stringify(rules));
  }

  resetRules(): void {
    this.setRules(DEFAULT_RULES);
  }

  change(change: ScenarioChange): void {
    this.changes = withChange(this.changes, change);
  }

  undoChange(index: number): void {
    this.changes = this.changes.filter((_, i) => i !== index);
  }

  /** Shows the what-if a saved view holds (none: the stored data), as a view of its own, not a saved scenario. */
  show(changes: readonly ScenarioChange[]): void {
    this.changes = changes;
    this.loaded = undefined;
  }

  /** Drops the what-if without a trace. */
  discard(): void {
    this.show([]);
  }

  async refreshSaved(): Promise<void> {
    const region = this.#atlas.region;
    this.saved = region ? await listScenarios(await this.#atlas.database(), region.id) : [];
  }

  /** Stores the current changes as a named scenario (the region's data stays as it is). */
  async save(name: string): Promise<void> {
    const region = this.#atlas.region;
    if (!region || !name.trim()) return;
    const scenario: Scenario = {
      // Saving under a name the region already has replaces that scenario, as saving a file does.
      id: this.saved.find((s) => s.name === name.trim())?.id ?? freshId('scenario'),
      regionId: region.id,
      name: name.trim(),
      changes: this.changes,
      savedAt: new Date().toISOString(),
    };
    await saveScenario(await this.#atlas.database(), scenario);
    this.loaded = scenario;
    await this.refreshSaved();
  }

  open(scenario: Scenario): void {
    this.changes = scenario.changes;
    this.loaded = scenario;
  }

  async remove(scenario: Scenario): Promise<void> {
    await deleteScenario(await this.#atlas.database(), scenario.id);
    if (this.loaded?.id === scenario.id) this.loaded = undefined;
    await this.refreshSaved();
  }
}
