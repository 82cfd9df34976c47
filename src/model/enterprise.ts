/**
 * Enterprises as records a planner can trust: the unified social credit code (统一社会信用代码,
 * GB 32100-2015) checked by its check character, and one firm recognised under its names. Two records
 * are the same firm when their codes agree, or, where either has no code, when their names agree once
 * the legal-form suffixes are set aside (金川集团股份有限公司 and 金川集团 are one firm).
 */
import type { Enterprise } from './types';

/** The 31 characters a credit code uses (no I, O, Z, S, V), in the order of their values. */
const CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** What is wrong with a credit code, or undefined when it is right. */
export type CreditCodeProblem = 'length' | 'character' | 'check';

/** What each problem means, in English (the UI says it from the catalogue, by the code). */
export const CREDIT_CODE_PROBLEMS: Readonly<Record<CreditCodeProblem, string>> = {
  length: 'it has 18 characters',
  character: 'it holds digits and capital letters other than I, O, Z, S and V',
  check: 'its check character (the 18th) does not match the other 17',
};

/** A code as people type it: upper case, without spaces or dashes. */
export function tidyCreditCode(code: string): string {
  return code.replace(/[\s-]+/g, '').toUpperCase();
}

/** Checks an 18-character credit code: its characters and its check character (the 18th). */
export function creditCodeProblem(code: string): CreditCodeProblem | undefined {
  if (code.length !== 18) return 'length';
  let sum = 0;
  for (let i = 0; i < 18; i++) {
    const value = CODE_CHARS.indexOf(code[i]!);
    if (value < 0) return 'character';
    if (i < 17) sum += value * WEIGHTS[i]!;
  }
  const check = (31 - (sum % 31)) % 31;
  return CODE_CHARS[check] === code[17] ? undefined : 'check';
}

/** Legal forms and group marks that do not tell one firm from another, longest first. */
const SUFFIXES = [
  '股份有限公司',
  '有限责任公司',
  '集团有限公司',
  '有限公司',
  '（集团）',
  '(集团)',
  '集团公司',
  '集团',
  '公司',
  'co., ltd.',
  'co.,ltd.',
  'co. ltd.',
  'company limited',
  'corporation',
  'limited',
  'ltd.',
  'ltd',
  'inc.',
  'inc',
  'group',
  'co.',
];

/**
 * A firm's name with legal-form suffixes and group marks removed, full-width forms folded, case and
 * spacing ignored: the key under which names of one firm meet.
 */
export function firmNameKey(name: string): string {
  let key = name.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
  for (let changed = true; changed;) {
    changed = false;
    for (const suffix of SUFFIXES) {
      if (key.length > suffix.length && key.endsWith(suffix)) {
        key = key.slice(0, -suffix.length).replace(/[\s,]+$/, '');
        changed = true;
      }
    }
  }
  return key.replace(/[\s·・.,()（）]/g, '');
}

/** Every name a record goes by: its Chinese and English names and its aliases. */
function namesOf(e: Pick<Enterprise, 'name' | 'aliases'>): string[] {
  return [e.name.zh, e.name.en, ...(e.aliases ?? [])].filter((n) => n.trim() !== '');
}

/**
 * Finds the stored record an incoming one stands for: the same id; else the same credit code; else,
 * where either has no code, a name in common once suffixes are set aside. Records whose codes differ
 * are different firms, whatever their names.
 */
export function matchEnterprise(
  stored: readonly Enterprise[],
  incoming: Pick<Enterprise, 'id' | 'name' | 'aliases' | 'creditCode'>,
): Enterprise | undefined {
  const byId = stored.find((e) => e.id === incoming.id);
  if (byId) return byId;
  if (incoming.creditCode) {
    const byCode = stored.find((e) => e.creditCode === incoming.creditCode);
    if (byCode) return byCode;
  }
  const keys = new Set(
    namesOf(incoming)
      .map(firmNameKey)
      .filter((k) => k !== ''),
  );
  return stored.find((e) => !(e.creditCode && incoming.creditCode) && namesOf(e).some((n) => keys.has(firmNameKey(n))));
}
