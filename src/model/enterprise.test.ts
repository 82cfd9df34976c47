/**
 * Enterprises: credit codes checked by their check character, and one firm recognised under its
 * names, so a list of firms imported twice, or under full legal names, adds no second record.
 */
import { describe, expect, it } from 'vitest';
import { importText } from '../io/testkit';
import { loadShippedDataset } from '../store/seed';
import { creditCodeProblem, firmNameKey, matchEnterprise, tidyCreditCode } from './enterprise';
import { applyPatch } from './patch';
import { mutable, tinyDataset } from './testing';
import type { Enterprise } from './types';
import { validateDataset } from './validate';

/** The example code of GB 32100-2015. */
const VALID = '91350100M000100Y43';

describe('unified social credit codes', () => {
  it('accepts a code whose check character matches, and says what is wrong with one that does not', () => {
    expect(creditCodeProblem(VALID)).toBeUndefined();
    expect(creditCodeProblem('91350100M000100Y44')).toBe('check');
    // Two characters swapped: the weights catch it.
    expect(creditCodeProblem('93150100M000100Y43')).toBe('check');
    expect(creditCodeProblem('91350100M000100Y4')).toBe('length');
    expect(creditCodeProblem('91350100M0001O0Y43')).toBe('character'); // the letter O is not used
    expect(creditCodeProblem('91350100m000100Y43')).toBe('character');
  });

  it('reads a code as people type it: spaces, dashes, lower case', () => {
    expect(tidyCreditCode(' 9135 0100-m000 100y43 ')).toBe(VALID);
  });

  it('refuses a stored record with a wrong code, at its field', () => {
    const d = mutable(tinyDataset());
    d.regions[0].enterprises[0].creditCode = '91350100M000100Y44';
    const result = validateDataset(d);
    expect(result.ok).toBe(false);
    expect(result.issues).toContainEqual(
      expect.objectContaining({ code: 'bad-credit-code', path: 'regions[0].enterprises[0].creditCode' }),
    );
    d.regions[0].enterprises[0].creditCode = VALID;
    d.regions[0].enterprises[0].aliases = ['企业'];
    const ok = validateDataset(d);
    expect(ok.ok && ok.dataset.regions[0]!.enterprises[0]).toMatchObject({ creditCode: VALID, aliases: ['企业'] });
  });
});

describe('one firm under its names', () => {
  it('sets legal forms and group marks aside, in Chinese and English', () => {
    const key = firmNameKey('金川集团');
    for (const name of [
      '金川集团股份有限公司',
      '金川集团有限公司',
      '金川（集团）有限公司',
      '金川(集团)股份有限公司',
      ' 金川集团 ',
    ])
      expect(firmNameKey(name), name).toBe(key);
    expect(firmNameKey('Jinchuan Group Co., Ltd.')).toBe(firmNameKey('JINCHUAN GROUP'));
    expect(firmNameKey('金川科技')).not.toBe(key);
  });

  const stored: Enterprise[] = [
    { id: 'jinchuan', name: { zh: '金川集团', en: 'Jinchuan Group' }, linkIds: ['a'], sources: [] },
    { id: 'coded', name: { zh: '甲公司', en: 'Firm A' }, creditCode: VALID, linkIds: [], sources: [] },
  ];

  it('matches by id, then by credit code, then by name where a code is missing', () => {
    expect(matchEnterprise(stored, { id: 'jinchuan', name: { zh: 'x', en: 'x' } })?.id).toBe('jinchuan');
    expect(matchEnterprise(stored, { id: 'other', name: { zh: '别名', en: 'Other' }, creditCode: VALID })?.id).toBe(
      'coded',
    );
    expect(
      matchEnterprise(stored, { id: 'jc', name: { zh: '金川集团股份有限公司', en: 'Jinchuan Group Co., Ltd.' } })?.id,
    ).toBe('jinchuan');
    // A former name given as an alias finds the firm too.
    expect(matchEnterprise(stored, { id: 'n', name: { zh: '新名', en: 'New' }, aliases: ['甲公司'] })?.id).toBe(
      'coded',
    );
    expect(matchEnterprise(stored, { id: 'n', name: { zh: '乙公司', en: 'Firm B' } })).toBeUndefined();
  });

  it('keeps firms whose codes differ apart, whatever their names', () => {
    const other = '91110000100001342C';
    expect(creditCodeProblem(other)).toBeUndefined();
    expect(
      matchEnterprise(stored, { id: 'x', name: { zh: '甲公司', en: 'Firm A' }, creditCode: other }),
    ).toBeUndefined();
  });
});

const shipped = await loadShippedDataset();

describe('importing firms', () => {
  const header = 'id,name_zh,name_en,credit_code,aliases,link_ids,source_id,locator\n';

  it('a wrong credit code is an error on its row, and nothing is imported', async () => {
    const result = await importText(
      `${header}acme,艾克美,Acme,91350100M000100Y44,,separator,gsdaily-2024-jinchang,¶12\n`,
      'enterprises.csv',
      shipped,
    );
    expect(result.ok).toBe(false);
    expect(result.issues).toContainEqual(
      expect.objectContaining({ code: 'bad-credit-code', row: 2, field: 'credit_code', severity: 'error' }),
    );
  });

  it('the same list twice changes nothing; a stored firm under its legal name and another id is the same record', async () => {
    const text = `${header}jc-1,金川集团股份有限公司,"Jinchuan Group Co., Ltd.",${VALID},金川公司,niso4;ncm_pcam,gsdaily-2024-jinchang,¶6\nnewco,新公司,NewCo,,,separator,gsdaily-2024-jinchang,¶12\n`;
    const first = await importText(text, 'enterprises.csv', shipped);
    if (!first.ok || first.kind !== 'patch') throw new Error('expected a patch');
    const once = applyPatch(shipped, first.patch, 'merge');
    const firms = once.regions[0]!.enterprises;
    expect(firms.map((e) => e.id)).toEqual([...shipped.regions[0]!.enterprises.map((e) => e.id), 'newco']);
    expect(firms.find((e) => e.id === 'jinchuan')).toMatchObject({
      name: { zh: '金川集团股份有限公司', en: 'Jinchuan Group Co., Ltd.' },
      creditCode: VALID,
      aliases: ['金川公司', '金川集团', 'Jinchuan Group'],
    });
    expect(validateDataset(once).ok).toBe(true);

    const second = await importText(text, 'enterprises.csv', once);
    if (!second.ok || second.kind !== 'patch') throw new Error('expected a patch');
    const twice = applyPatch(once, second.patch, 'merge');
    expect(twice.regions[0]!.enterprises).toEqual(once.regions[0]!.enterprises);
  });
});
