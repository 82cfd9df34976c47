/**
 * A native data file with many firms on one link, for the firm tests: the shipped data with 2,000
 * cathode makers in Jinchang (`ncm_cam`), their precursor suppliers there and in Wuwei, their cell-maker
 * buyers, and the supply relations between them (`firmSample`).
 */
import { firmSample } from '../../src/model/firmSample';
import type { Dataset } from '../../src/model/types';
import { shippedDataset } from './shipped';

export const FIRM_SOURCE = 'firm-list-2024';

export function firmDataset(count = 2000): Dataset {
  const shipped = shippedDataset();
  const sample = firmSample('jinchang', 'wuwei', count, FIRM_SOURCE);
  return {
    ...shipped,
    sources: [
      ...shipped.sources,
      { id: FIRM_SOURCE, title: '金昌市新能源材料企业名录', publisher: 'ChainAtlas test data', date: '2024' },
    ],
    regions: shipped.regions.map((r) =>
      r.id === 'jinchang'
        ? { ...r, enterprises: [...r.enterprises, ...sample.firms], relations: sample.relations }
        : r.id === 'wuwei'
          ? { ...r, enterprises: [...r.enterprises, ...sample.outside] }
          : r,
    ),
  };
}

/** The file as the Import button takes it. */
export function firmFile(count = 2000): { name: string; buffer: Buffer } {
  return { name: `firms-${count}.json`, buffer: Buffer.from(JSON.stringify(firmDataset(count))) };
}
