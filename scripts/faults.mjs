// npm run faults -- [N] [playwright options]
//
// Runs the fault suite (tests/e2e/faults) N times over (3 by default; Playwright's --repeat-each) against
// the build in dist/, and prints a table: each fault, how many runs, in how many the data came through
// intact (the case passed: nothing lost, nothing mixed), and, for the kill cases, how often the data
// came back all-old or all-new. Every case names its fault with `fault('<name>')` (tests/e2e/faults/support.ts).
// Exits non-zero if any run lost or mixed data. Extra arguments go to Playwright (e.g. --workers=1).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const args = process.argv.slice(2);
const runs = Number(args.find((a) => /^\d+$/.test(a)) ?? 3);
const passOn = args.filter((a) => !/^\d+$/.test(a));
const repo = resolve(new URL('..', import.meta.url).pathname);
const dir = mkdtempSync(join(tmpdir(), 'chainatlas-faults-'));
const report = join(dir, 'report.json');

const code = await new Promise((done) => {
  const child = spawn(
    'npx',
    ['playwright', 'test', 'tests/e2e/faults', `--repeat-each=${runs}`, '--reporter=json,dot', ...passOn],
    {
      cwd: repo,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: report },
    },
  );
  child.on('close', (c) => done(c ?? 1));
});

let json;
try {
  json = JSON.parse(readFileSync(report, 'utf8'));
} catch {
  console.error(`\nThe fault suite did not report (exit code ${code}).`);
  process.exit(code || 1);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

/** fault → { runs, intact, outcomes: { old: n, new: n } } */
const table = new Map();
const failures = [];
const walk = (suite) => {
  for (const s of suite.suites ?? []) walk(s);
  for (const spec of suite.specs ?? [])
    for (const t of spec.tests)
      for (const r of t.results) {
        const notes = r.annotations?.length ? r.annotations : (t.annotations ?? []);
        const faults = [...new Set(notes.filter((a) => a.type === 'fault').map((a) => a.description))];
        const outcomes = notes.filter((a) => a.type === 'outcome').map((a) => a.description);
        for (const name of faults.length ? faults : [`(unnamed) ${spec.title}`]) {
          const row = table.get(name) ?? { runs: 0, intact: 0, outcomes: {} };
          row.runs++;
          if (r.status === 'passed') row.intact++;
          for (const o of outcomes) row.outcomes[o] = (row.outcomes[o] ?? 0) + 1;
          table.set(name, row);
        }
        if (r.status !== 'passed' && r.status !== 'skipped')
          failures.push(`${spec.file}: ${spec.title} (${r.status}) ${r.error?.message?.split('\n')[0] ?? ''}`);
      }
};
walk(json);

const rows = [...table].map(([name, r]) => [
  name,
  String(r.runs),
  String(r.intact),
  String(r.runs - r.intact),
  Object.entries(r.outcomes)
    .map(([o, n]) => `${o} ${n}`)
    .join(', '),
]);
const head = ['fault', 'runs', 'data intact', 'lost or mixed', 'came back'];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
console.log(`\nFault suite, ${runs} run${runs === 1 ? '' : 's'} of each case:\n`);
console.log(line(head));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const r of rows) console.log(line(r));
if (failures.length) {
  console.log(`\n${failures.length} run(s) failed:`);
  for (const f of failures) console.log(`- ${f}`);
}
process.exit(failures.length || code ? 1 : 0);
