/**
 * Firms' capacities and firm-to-firm supply relations (format 4): whole validation finds every broken
 * reference, and the edit check (which reads only what an edit touches) agrees with it, so no edit can
 * leave a relation naming a firm or link that is gone.
 */
import { describe, expect, it } from 'vitest';
import {
  addRelation,
  applyEdit,
  buildEdit,
  deleteLink,
  detachFromLink,
  invertEdit,
  removeEnterprise,
  removeRelation,
  updateEnterprise,
} from '../edits';
import { mutable, ok, refusal, tinyFirmsDataset as firmsDataset } from '../testing';
import type { SupplyRelation } from '../types';
import { validateDataset } from '../validate';

const errorsOf = (input: unknown) => {
  const r = validateDataset(input);
  return r.issues.filter((i) => i.severity === 'error').map((i) => `${i.code}@${i.path}`);
};

describe('validation of relations and capacities', () => {
  it('keeps relations and capacities through validation, and leaves relations out where there are none', () => {
    const d = firmsDataset();
    expect(d.regions[0]!.relations).toHaveLength(1);
    expect(d.regions[0]!.enterprises[0]!.capacities?.[0]?.capacity).toEqual({ value: 5, unit: 't/a' });
    expect('relations' in d.regions[1]!).toBe(false);
  });

  it('reports each broken reference of a relation at its field', () => {
    const cases: [(rel: any) => void, string][] = [
      [(rel) => (rel.buyer.enterpriseId = 'nobody'), 'unknown-ref@regions[0].relations[0].buyer.enterpriseId'],
      [(rel) => (rel.buyer.regionId = 'r2'), 'unknown-ref@regions[0].relations[0].buyer.regionId'],
      [(rel) => (rel.supplier.regionId = 'r9'), 'unknown-ref@regions[0].relations[0].supplier.regionId'],
      [(rel) => (rel.supplier.enterpriseId = 'e9'), 'unknown-ref@regions[0].relations[0].supplier.enterpriseId'],
      [(rel) => (rel.linkId = 'zz'), 'unknown-ref@regions[0].relations[0].linkId'],
      [
        (rel) => (rel.sources = [{ sourceId: 'nope', locator: '1' }]),
        'unknown-ref@regions[0].relations[0].sources[0].sourceId',
      ],
      [(rel) => (rel.volume = { value: 3, unit: 'barrels' }), 'unit@regions[0].relations[0].volume.unit'],
      [(rel) => (rel.period = 'last year'), 'date@regions[0].relations[0].period'],
      [(rel) => (rel.supplier = { ...rel.buyer }), 'self-loop@regions[0].relations[0].supplier'],
      [(rel) => (rel.sources = []), 'no-citation@regions[0].relations[0].sources'],
    ];
    for (const [breakIt, expected] of cases) {
      const d = mutable(firmsDataset());
      breakIt(d.regions[0].relations[0]);
      expect(errorsOf(d), expected).toEqual([expected]);
    }
  });

  it('reports a capacity for a link the firm does not serve, a second one for a link, and a negative one', () => {
    const d = mutable(firmsDataset());
    const cap = d.regions[0].enterprises[0].capacities[0];
    d.regions[0].enterprises[0].capacities = [cap, { ...cap, linkId: 'c' }, cap];
    expect(errorsOf(d)).toEqual([
      'unknown-ref@regions[0].enterprises[0].capacities[1].linkId',
      'duplicate-id@regions[0].enterprises[0].capacities[2].linkId',
    ]);
    const neg = mutable(firmsDataset());
    neg.regions[0].enterprises[0].capacities[0].capacity.value = -2;
    expect(errorsOf(neg)).toEqual(['negative@regions[0].enterprises[0].capacities[0].capacity.value']);
  });
});

describe('edits and relations', () => {
  const d = firmsDataset();
  const rel = d.regions[0]!.relations![0]!;

  it('removing a firm removes the relations naming it, in any region, and undo brings them back', () => {
    const { edit, dataset } = ok(removeEnterprise(d, 'r2', 'e2'));
    expect(dataset.regions[0]!.relations).toBeUndefined();
    expect(validateDataset(dataset).ok).toBe(true);
    expect(applyEdit(dataset, invertEdit(edit))).toEqual(d);
  });

  it('refuses an edit that removes a firm but leaves a relation naming it', () => {
    expect(refusal(buildEdit(d, { zh: '', en: '' }, [{ kind: 'enterprise', regionId: 'r2', id: 'e2' }]))).toEqual([
      'unknown-ref@regions[0].relations[0].supplier.enterpriseId',
    ]);
  });

  it('deleting a link removes its relations and the firms’ capacities for it', () => {
    const { dataset } = ok(deleteLink(d, 'chain', 'a'));
    expect(dataset.regions[0]!.relations).toBeUndefined();
    const { dataset: noB } = ok(deleteLink(d, 'chain', 'b'));
    expect(noB.regions[0]!.enterprises[0]!.capacities).toBeUndefined();
    expect(validateDataset(noB).ok).toBe(true);
    const { dataset: detached } = ok(detachFromLink(d, 'enterprise', 'r1', 'e1', 'b'));
    expect(detached.regions[0]!.enterprises[0]).not.toHaveProperty('capacities');
  });

  it('refuses a firm edit that drops a link its capacity is for', () => {
    const e1 = d.regions[0]!.enterprises[0]!;
    expect(refusal(updateEnterprise(d, 'r1', { ...e1, linkIds: ['a'] }))).toEqual([
      'unknown-ref@regions[0].enterprises[0].capacities[0].linkId',
    ]);
  });

  it('adds, refuses and removes relations as whole validation would', () => {
    const added: SupplyRelation = { ...rel, id: 'rel2', supplier: { regionId: 'r2', enterpriseId: 'e3' } };
    const { dataset } = ok(addRelation(d, added));
    expect(dataset.regions[0]!.relations!.map((x) => x.id)).toEqual(['rel1', 'rel2']);
    expect(validateDataset(dataset).ok).toBe(true);
    const bad = { ...added, supplier: { regionId: 'r2', enterpriseId: 'ghost' } };
    const refused = refusal(addRelation(d, bad));
    const whole = validateDataset({ ...d, regions: [{ ...d.regions[0]!, relations: [rel, bad] }, d.regions[1]!] });
    expect(refused).toEqual(whole.issues.filter((i) => i.severity === 'error').map((i) => `${i.code}@${i.path}`));
    expect(refusal(addRelation(d, rel))).toEqual(['duplicate-id@regions[0].relations[1].id']);
    const { dataset: none } = ok(removeRelation(d, 'r1', 'rel1'));
    expect('relations' in none.regions[0]!).toBe(false);
  });
});
