/**
 * Which message keys the first screen can look up: the modules `src/main.ts` imports statically (what
 * runs before and at the first draw, and what the start-up chunk holds) are read as text, and every
 * key they name is collected — a literal key (`t('legend.title')`, `label: 'status.strong'`), or every
 * key under a prefix built at run time (`` t(`issue.${code}`) `` means every `issue.*` key, as does
 * `'issue.' + code`). Used by the tests that keep the first part of each catalogue
 * (`src/i18n/en.ts`, `zh-CN.ts`) enough for the first screen, and every key looked up somewhere
 * (`src/i18n/catalogueParts.test.ts`).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

/** The relative modules `file` imports statically, type-only imports left out. */
function staticImports(file: string, text: string): string[] {
  const found: string[] = [];
  const pattern = /(?:^|[;\s}])(import|export)\s+(type\s+)?(?:[\w*{}\s,$]+?\s+from\s+)?['"]([^'"]+)['"]/g;
  for (const m of text.matchAll(pattern)) {
    if (m[2] || !m[3]!.startsWith('.')) continue;
    const base = join(dirname(file), m[3]!);
    const resolved = [base, `${base}.ts`, join(base, 'index.ts')].find((f) => existsSync(f) && statSync(f).isFile());
    if (resolved && /\.(ts|svelte)$/.test(resolved)) found.push(resolved);
  }
  return found;
}

/** Every module `entry` reaches through static imports (itself included). */
export function staticGraph(entry: string): string[] {
  const seen = new Set<string>([entry]);
  const queue = [entry];
  while (queue.length) {
    const file = queue.pop()!;
    for (const next of staticImports(file, readFileSync(file, 'utf8')))
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
  }
  return [...seen];
}

/** The catalogues themselves name every key; they are not users of one. */
const CATALOGUE = /[\\/]i18n[\\/](en|zh-CN)(\.more)?\.ts$/;

/**
 * The keys of `keys` that the modules reached from `entry` can look up, each with the first file (relative
 * to `root`) that names it.
 */
export function keysUsed(entry: string, keys: readonly string[], root = process.cwd()): Map<string, string> {
  return keysNamed(staticGraph(entry), keys, root);
}

/** The keys of `keys` that `files` can look up, each with the first file (relative to `root`) that names it. */
export function keysNamed(
  files: readonly string[],
  keys: readonly string[],
  root = process.cwd(),
): Map<string, string> {
  const used = new Map<string, string>();
  const known = new Set(keys);
  for (const file of files) {
    if (CATALOGUE.test(file)) continue;
    const text = readFileSync(file, 'utf8');
    const where = relative(root, file);
    const add = (key: string) => {
      if (!used.has(key)) used.set(key, where);
    };
    for (const m of text.matchAll(/['"`]([A-Za-z][\w-]*(?:\.[\w-]+)+)['"`]/g)) if (known.has(m[1]!)) add(m[1]!);
    const prefixes = [
      ...[...text.matchAll(/`([A-Za-z][\w-]*(?:\.[\w-]+)*\.)\$\{/g)].map((m) => m[1]!),
      ...[...text.matchAll(/['"]([A-Za-z][\w-]*(?:\.[\w-]+)*\.)['"]\s*\+/g)].map((m) => m[1]!),
    ];
    for (const prefix of prefixes) for (const key of keys) if (key.startsWith(prefix)) add(key);
  }
  return used;
}
