import { describe, expect, it } from 'vitest';
import { creditCodeProblem, firmNameKey } from '../src/model/enterprise';
import { validateDataset } from '../src/model/validate';
import type { Dataset } from '../src/model/types';
import { nationWorkload, provinceWorkload } from './workloads';

function counts(d: Dataset) {
  const firms = d.regions.flatMap((r) => r.enterprises);
  return {
    regions: d.regions.length,
    firms: firms.length,
    relations: d.regions.reduce((n, r) => n + (r.relations?.length ?? 0), 0),
    projects: d.regions.reduce((n, r) => n + r.projects.length, 0),
  };
}

/** Every firm reference of every relation names a firm of that region, and the buyer's region is the one it is kept in. */
function brokenRelations(d: Dataset): string[] {
  const firms = new Set(d.regions.flatMap((r) => r.enterprises.map((e) => `${r.id}|${e.id}`)));
  const links = new Set(d.chains[0]!.links.map((l) => l.id));
  return d.regions.flatMap((r) =>
    (r.relations ?? [])
      .filter(
        (rel) =>
          rel.buyer.regionId !== r.id ||
          !firms.has(`${rel.buyer.regionId}|${rel.buyer.enterpriseId}`) ||
          !firms.has(`${rel.supplier.regionId}|${rel.supplier.enterpriseId}`) ||
          !links.has(rel.linkId),
      )
      .map((rel) => `${r.id}/${rel.id}`),
  );
}

// The benchmark and the browser tests import these workloads as the app does, so they must be data the
// app accepts, of the size the issue asks for.
describe.each([
  ['province', provinceWorkload, { regions: 14, firms: 2000, relations: 5000 }],
  ['nation', nationWorkload, { regions: 300, firms: 20_000, relations: 50_000, projects: 5000 }],
] as const)('the %s workload', (_name, make, expected) => {
  const data = make();

  it('has the size asked for and is a valid dataset', () => {
    expect(counts(data)).toMatchObject(expected);
    const checked = validateDataset(data);
    expect(checked.ok ? [] : checked.issues.filter((i) => i.severity === 'error').slice(0, 3)).toEqual([]);
  });

  it('gives every firm a valid credit code and a name no other firm shares', () => {
    const firms = data.regions.flatMap((r) => r.enterprises);
    expect(firms.filter((f) => !f.creditCode || creditCodeProblem(f.creditCode)).length).toBe(0);
    expect(new Set(firms.map((f) => f.creditCode)).size).toBe(firms.length);
    expect(new Set(firms.map((f) => firmNameKey(f.name.zh))).size).toBe(firms.length);
    expect(firms.every((f) => /(有限公司|股份有限公司)$/.test(f.name.zh))).toBe(true);
  });

  it('has relations that name firms and links that exist', () => {
    expect(brokenRelations(data)).toEqual([]);
  });

  it('is the same data on every run', () => {
    expect(JSON.stringify(make())).toBe(JSON.stringify(data));
  });
});
