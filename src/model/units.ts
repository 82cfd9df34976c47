/**
 * Units a dataset may use. Values are stored in these units as plain numbers (456.8亿元 is stored as
 * 45,680,000,000 `CNY`); the formatter in `src/i18n` writes them the way each language reads them.
 */
export type Dimension =
  | 'mass'
  | 'massRate'
  | 'energy'
  | 'energyRate'
  | 'power'
  | 'charge'
  | 'chargeRate'
  | 'count'
  | 'countRate'
  | 'money'
  | 'share'
  | 'rank'
  | 'intensity';

export interface UnitInfo {
  readonly dimension: Dimension;
}

/** The unit registry. Keys are what datasets write in `unit` fields. */
export const UNITS: Readonly<Record<string, UnitInfo>> = {
  t: { dimension: 'mass' },
  't/a': { dimension: 'massRate' },
  kWh: { dimension: 'energy' },
  MWh: { dimension: 'energy' },
  GWh: { dimension: 'energy' },
  'GWh/a': { dimension: 'energyRate' },
  MW: { dimension: 'power' },
  GW: { dimension: 'power' },
  'GW/a': { dimension: 'power' },
  Ah: { dimension: 'charge' },
  'Ah/a': { dimension: 'chargeRate' },
  count: { dimension: 'count' },
  'cells/d': { dimension: 'countRate' },
  'units/a': { dimension: 'countRate' },
  CNY: { dimension: 'money' },
  percent: { dimension: 'share' },
  rank: { dimension: 'rank' },
  'kg/kWh': { dimension: 'intensity' },
  't/t': { dimension: 'intensity' },
  't/GWh': { dimension: 'intensity' },
};

/** Whether `unit` is in the registry. */
export function isKnownUnit(unit: string): boolean {
  return Object.hasOwn(UNITS, unit);
}
