/*
 * The fault suite's quicker scenarios (issue 12) as part of `npm test`, so CI runs exactly the README's
 * command: terminated import backends, a second process on the embedded data folder, kill -9 at each import
 * phase and a database restart under load, on a PostgreSQL cluster the suite creates on its own port.
 * `npm run faults` runs them all with the full trial counts (apps/gateway/README.md, "Faults").
 * Skipped scenarios (no PostgreSQL binaries) are reported as skipped by the suite and pass here.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const gatewayDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const scenarios = ['terminate', 'second', 'kill', 'restart'] as const;
type Result = { scenario: string; outcome: 'passed' | 'failed' | 'skipped'; detail: string };

describe('fault suite (quick scenarios)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'continuity-faults-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let results: Result[] | null = null;
  let output = '';

  function run(): Result[] {
    if (results) return results;
    const report = join(dir, 'report.json');
    const child = spawnSync(process.execPath, ['--import', 'tsx', 'faults/run.ts'], {
      cwd: gatewayDir,
      env: {
        ...process.env,
        FAULTS: scenarios.join(','),
        FAULT_TERMINATIONS: '5',
        FAULT_REPORT: report,
        // Its own ports, apart from the concurrent-suite's and any developer's gateway.
        FAULT_PG_PORT: process.env.FAULT_PG_PORT ?? '5441',
        FAULT_GATEWAY_PORT: process.env.FAULT_GATEWAY_PORT ?? '4141',
      },
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      timeout: 20 * 60_000,
    });
    output = `${child.stdout ?? ''}\n${child.stderr ?? ''}`;
    try {
      results = JSON.parse(readFileSync(report, 'utf8')) as Result[];
    } catch {
      throw new Error(
        `the fault suite wrote no report (exit ${child.status}, signal ${child.signal}):\n${output.slice(-4000)}`,
      );
    }
    return results;
  }

  it.each(scenarios)(
    '%s: holds (no partial rows, one accepted submission per return, a live gateway)',
    (name) => {
      const result = run().find((r) => r.scenario === name);
      expect(result, `no result for ${name}:\n${output.slice(-4000)}`).toBeDefined();
      if (result!.outcome === 'skipped') console.log(`[faults] ${name} skipped: ${result!.detail}`);
      expect(result!.outcome, `${name}: ${result!.detail}\n${output.slice(-4000)}`).not.toBe('failed');
    },
    20 * 60_000,
  );
});
