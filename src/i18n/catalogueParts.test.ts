/**
 * Each catalogue comes in two parts (src/i18n/index.ts): the first part must hold every message the first
 * screen can look up, since the rest loads only after the first draw. The first screen is every module
 * `src/main.ts` imports statically (build/firstScreenKeys.ts). And no message is kept that the app never
 * looks up.
 */
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keysNamed, keysUsed } from '../../build/firstScreenKeys';
import { en } from './en';
import { enMore } from './en.more';
import { zhCN } from './zh-CN';
import { zhCNMore } from './zh-CN.more';

const allKeys = [...Object.keys(en), ...Object.keys(enMore)];

describe('catalogue parts', () => {
  it('the first part holds every key the first screen can look up', () => {
    const first = new Set(Object.keys(en));
    const missing = [...keysUsed('src/main.ts', allKeys)]
      .filter(([key]) => !first.has(key))
      .map(([key, file]) => `${key} (looked up in ${file})`);
    expect(missing, 'keys the first screen looks up, in en.more.ts / zh-CN.more.ts: move them').toEqual([]);
  });

  it('every key is looked up somewhere in the app: a message no screen shows is not kept', () => {
    const files = readdirSync('src', { recursive: true, encoding: 'utf8' })
      .map((f) => join('src', f))
      .filter((f) => /\.(ts|svelte)$/.test(f) && !/\.test\.ts$|[\\/]testing\.ts$|[\\/]testSetup\.ts$/.test(f));
    const used = keysNamed(files, allKeys);
    expect(allKeys.filter((k) => !used.has(k))).toEqual([]);
  });

  it('the two parts share no key, and each language has the same keys in each part', () => {
    expect(Object.keys(en).filter((k) => Object.hasOwn(enMore, k))).toEqual([]);
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
    expect(Object.keys(zhCNMore).sort()).toEqual(Object.keys(enMore).sort());
  });

  it('finds literal keys and keys under a prefix built at run time, through static imports only', () => {
    const dir = mkdtempSync(join(tmpdir(), 'keys-'));
    mkdirSync(join(dir, 'ui'));
    const write = (name: string, text: string) => writeFileSync(join(dir, name), text);
    write(
      'main.ts',
      "import { a } from './a';\nimport type { T } from './typeOnly';\nexport { b } from './b';\n" +
        "import View from './ui/View.svelte';\nconst later = () => import('./lazy');\n",
    );
    write('a.ts', "export const a = (t) => t('legend.title');\n");
    write('b.ts', 'export const b = (t, code) => t(`issue.${code}`);\n');
    write('ui/View.svelte', "<script>\n  import { c } from '../c';\n</script>\n<p>{t('menu.data')}</p>\n");
    write('c.ts', "export const c = (code) => ({ label: 'status.strong', hint: 'storage.' + code });\n");
    write('typeOnly.ts', "export type T = 'sync.title';\nconst x = 'sync.title';\n");
    write('lazy.ts', "export const l = 'import.title';\n");
    const keys = [
      'legend.title',
      'issue.one',
      'issue.two',
      'menu.data',
      'status.strong',
      'sync.title',
      'import.title',
      'storage.quota',
    ];
    const used = keysUsed(join(dir, 'main.ts'), keys, dir);
    expect(Object.fromEntries(used)).toEqual({
      'legend.title': 'a.ts',
      'issue.one': 'b.ts',
      'issue.two': 'b.ts',
      'menu.data': 'ui/View.svelte',
      'status.strong': 'c.ts',
      'storage.quota': 'c.ts',
    });
  });
});
