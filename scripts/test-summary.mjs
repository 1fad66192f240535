// Sums every workspace's vitest JSON report into one closing line, "N passed, N failed, N skipped",
// so a reader (and CI) sees the whole suite's result at the end of `npm test`.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
let passed = 0;
let failed = 0;
let skipped = 0;
const missing = [];
// Workspaces: apps/*, packages/* and infra (its manifest checks).
const workspaces = [...['apps', 'packages'].flatMap((group) => readdirSync(join(root, group)).map((name) => [group, name])), ['.', 'infra']];
{
  for (const [group, name] of workspaces) {
    const dir = join(root, group, name);
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
    }
  }
}
if (missing.length) console.log(`no test report from: ${missing.join(', ')}`);
console.log(`Tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
// The first argument is turbo's exit code: a failed typecheck fails the run even when every test passed.
const turbo = Number(process.argv[2] ?? 0);
process.exit(turbo !== 0 || failed > 0 || missing.length > 0 || passed === 0 ? 1 : 0);
