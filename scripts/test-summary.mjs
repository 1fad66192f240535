// Sums every workspace's vitest JSON report into one closing line, "N passed, N failed, N skipped",
// so a reader (and CI) sees the whole suite's result at the end of `npm test`.
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
// Workspaces: apps/*, packages/* and infra (its manifest checks).
const workspaces = [
  ...['apps', 'packages'].flatMap((group) =>
    readdirSync(join(root, group)).map((name) => ({ group, name, dir: join(root, group, name) })),
  ),
  { group: '.', name: 'infra', dir: join(root, 'infra') },
];

// `--reset` before a run: a workspace whose suite dies before writing its report must show as missing,
// not be counted from an earlier run's report.
if (process.argv[2] === '--reset') {
  for (const { dir } of workspaces) rmSync(join(dir, '.vitest'), { recursive: true, force: true });
  process.exit(0);
}
let passed = 0;
let failed = 0;
let skipped = 0;
const missing = [];
const brokenFiles = [];
for (const { group, name, dir } of workspaces) {
  if (!existsSync(join(dir, 'package.json'))) continue;
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  if (!pkg.scripts?.test) continue;
  // report.json from the unit suite, plus any other suite's report (e.g. report-e2e.json).
  const folder = join(dir, '.vitest');
  const reports = existsSync(folder) ? readdirSync(folder).filter((f) => f.endsWith('.json')) : [];
  if (!reports.includes('report.json')) {
    missing.push(`${group}/${name}`);
    continue;
  }
  for (const file of reports) {
    const r = JSON.parse(readFileSync(join(folder, file), 'utf8'));
    passed += r.numPassedTests;
    failed += r.numFailedTests;
    skipped += r.numPendingTests + (r.numTodoTests ?? 0);
    // A test file that fails to load runs no test: it must fail the run all the same.
    if ((r.numFailedTestSuites ?? 0) > 0 && r.numFailedTests === 0) brokenFiles.push(`${group}/${name}/${file}`);
  }
}
if (missing.length) console.log(`no test report from: ${missing.join(', ')}`);
if (brokenFiles.length) console.log(`test files that failed to run, in: ${brokenFiles.join(', ')}`);
console.log(`Tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
// The first argument is turbo's exit code: a failed typecheck fails the run even when every test passed.
const turbo = Number(process.argv[2] ?? 0);
process.exit(turbo !== 0 || failed > 0 || brokenFiles.length > 0 || missing.length > 0 || passed === 0 ? 1 : 0);
