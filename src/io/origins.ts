/**
 * Where each imported record came from (a CSV row, a sheet row, an XML element), so that a problem
 * validation finds in the assembled dataset is reported at the row and column the user can fix.
 */
import type { RecordKind, ValidationIssue } from '../model/issues';
import type { Dataset } from '../model/types';
import type { Where } from './issues';

/** One record's origin; `parts` place its citations and intensities (`sources[1]`, `intensities[0]`). */
export interface Origin {
  readonly where: Where;
  /** The column header as written for a model field (`subChain`, `name.zh`, `capacity.value`, `linkIds`). */
  readonly column?: (field: string) => string | undefined;
  readonly parts?: ReadonlyMap<string, Origin>;
}

/** The container a record lives in: `chain:<id>`, `region:<id>`, or `dataset` for sources. */
export type Scope = string;

export class Origins {
  private readonly map = new Map<string, Origin>();

  private static key(scope: Scope, kind: RecordKind, id: string): string {
    // A region's focus is reported with the region's id by one check and an empty id by another.
    return `${scope}\u0000${kind}\u0000${kind === 'focus' ? '' : id}`;
  }

  /** Records where the record `kind` `id` in `scope` came from. */
  add(scope: Scope, kind: RecordKind, id: string, origin: Origin): void {
    this.map.set(Origins.key(scope, kind, id), origin);
  }

  get size(): number {
    return this.map.size;
  }

  /**
   * Where validation issue `v` (found in `dataset`) stands in the imported file, with the field as the
   * column header; undefined when the record did not come from the file.
   */
  locate(v: ValidationIssue, dataset: Dataset): Where | undefined {
    const scope = scopeOfPath(v.path, dataset);
    if (scope === undefined) return undefined;
    const origin = this.map.get(Origins.key(scope, v.record.kind, v.record.id));
    if (!origin) return undefined;
    let found = origin;
    let field = v.field;
    // `sources[1].sourceId` is in the row of the second citation, field `sourceId` of that part.
    const part = /^((?:sources|intensities)\[\d+\])\.?(.*)$/.exec(field);
    const partOrigin = part ? origin.parts?.get(part[1]!) : undefined;
    if (part && partOrigin) {
      found = partOrigin;
      field = part[2]!;
    } else if (part) {
      field = `${part[1]!.replace(/\[\d+\]$/, '')}.${part[2]}`;
    }
    const bare = field.replace(/\[\d+\]/g, '');
    const header = found.column?.(bare) ?? origin.column?.(bare);
    return { ...found.where, ...(header ? { field: header } : {}) };
  }
}

/** The scope of a validation path: `chains[2]...` → `chain:<id of chains[2]>`, `sources[..]` → `dataset`. */
export function scopeOfPath(path: string, dataset: Dataset): Scope | undefined {
  const m = /^(chains|regions|sources)\[(\d+)\]/.exec(path);
  if (!m) return undefined;
  if (m[1] === 'sources') return 'dataset';
  const index = Number(m[2]);
  if (m[1] === 'chains') {
    const chain = dataset.chains[index];
    return chain ? `chain:${chain.id}` : undefined;
  }
  const region = dataset.regions[index];
  return region ? `region:${region.id}` : undefined;
}
