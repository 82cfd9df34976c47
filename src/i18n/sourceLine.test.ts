import { describe, expect, it } from 'vitest';
import { publisherIn, sourceLine } from './sourceLine';

describe('publisher names', () => {
  it('shows a publisher recorded in both languages in Chinese alone to a Chinese reader', () => {
    expect(publisherIn('甘肃日报 Gansu Daily', 'zh')).toBe('甘肃日报');
    expect(publisherIn('金川集团 Jinchuan Group (en.jnmc.com)', 'zh')).toBe('金川集团');
    expect(
      sourceLine({ id: 's', title: '取舍之间的发展智慧', publisher: '甘肃日报 Gansu Daily', date: '2024' }, 'zh'),
    ).toBe('甘肃日报《取舍之间的发展智慧》，2024年');
  });

  it('keeps both names for an English reader, and any other name as written', () => {
    expect(publisherIn('甘肃日报 Gansu Daily', 'en')).toBe('甘肃日报 Gansu Daily');
    expect(publisherIn('Argonne National Laboratory', 'zh')).toBe('Argonne National Laboratory');
    expect(publisherIn('某市人民政府', 'zh')).toBe('某市人民政府');
  });
});
