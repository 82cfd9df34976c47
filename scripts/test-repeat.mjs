// npm run test:repeat -- [runs] [--with-bench]
//
// Runs the whole suite exactly as CI does (bash .ci/run, CI=true) from a fresh clone of the committed
// HEAD, `runs` times in a row (3 by default), and reports every failure of every run with the time each
// run took. With --with-bench, `npm run bench` runs beside the last run, as a busy machine would. Use
// it before you stop: a suite that passes once is not enough. Uncommitted changes are not tested.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, createWriteStream, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const args = process.argv.slice(2);
const runs = Number(args.find((a) => /^\d+$/.test(a)) ?? 3);
const withBench = args.includes('--with-bench');
const repo = resolve(new URL('..', import.meta.url).pathname);

const dirty = execFileSync('git', ['-C', repo, 'status', '--porcelain'], { encoding: 'utf8' }).trim();
if (dirty) console.warn('Note: uncommitted changes are not tested; each run clones the committed HEAD.\n');
const head = execFileSync('git', ['-C', repo, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();

/** Runs a command to completion, its output into `log`; resolves with the exit code. */
function run(command, argv, options, log) {
  return new Promise((done) => {
    const child = spawn(command, argv, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = createWriteStream(log);
    child.stdout.pipe(out);
    child.stderr.pipe(out);
    child.on('close', (code) => out.end(() => done(code ?? 1)));
  });
}

/** Failed tests named in a run's output: Playwright's ✘ lines and Vitest's FAIL lines, and a failed step. */
function failuresIn(text) {
  // eslint-disable-next-line no-control-regex -- the ESC of terminal colour codes
  const plain = text.replace(/\x1b\[[0-9;]*m/g, '');
  const found = new Set();
  for (const line of plain.split('\n')) {
    const pw = line.match(/✘\s+\d+\s+(.*?)(\s+\(\d.*\))?$/);
    if (pw) found.add(pw[1].trim());
    const vt = line.match(/^\s*FAIL\s+(.*)$/);
    if (vt) found.add(vt[1].trim());
    const npmErr = line.match(/^npm error (Lifecycle script|command failed).*$/);
    if (npmErr) found.add(line.trim());
  }
  return [...found];
}

const results = [];
for (let i = 1; i <= runs; i++) {
  const dir = mkdtempSync(join(tmpdir(), `chainatlas-run${i}-`));
  execFileSync('git', ['clone', '-q', repo, dir]);
  const log = join(dir, 'ci-run.log');
  let bench;
  if (withBench && i === runs) {
    console.log(`run ${i}/${runs}: npm run bench runs beside it`);
    bench = spawn('bash', ['-c', 'while true; do npm run bench >/dev/null 2>&1 || true; done'], {
      cwd: repo,
      detached: true,
      stdio: 'ignore',
    });
  }
  const start = Date.now();
  console.log(`run ${i}/${runs}: bash .ci/run in ${dir} …`);
  const code = await run('bash', ['.ci/run'], { cwd: dir, env: { ...process.env, CI: 'true' } }, log);
  const seconds = Math.round((Date.now() - start) / 1000);
  if (bench) process.kill(-bench.pid, 'SIGTERM');
  const failures = code === 0 ? [] : failuresIn(readFileSync(log, 'utf8'));
  results.push({ run: i, code, seconds, failures, log });
  console.log(`run ${i}/${runs}: ${code === 0 ? 'passed' : `FAILED (exit ${code})`} in ${seconds} s`);
  for (const f of failures) console.log(`  ✘ ${f}`);
  if (code === 0) rmSync(dir, { recursive: true, force: true });
  else console.log(`  log kept: ${log}`);
}

console.log(`\n| run | result | seconds | failures |\n|---:|---|---:|---|`);
for (const r of results)
  console.log(`| ${r.run} | ${r.code === 0 ? 'pass' : 'FAIL'} | ${r.seconds} | ${r.failures.join('; ')} |`);
const failed = results.filter((r) => r.code !== 0).length;
console.log(
  `\n${runs - failed} of ${runs} clean runs of ${head} passed${withBench ? ' (the last beside npm run bench)' : ''}.`,
);
process.exit(failed ? 1 : 0);
