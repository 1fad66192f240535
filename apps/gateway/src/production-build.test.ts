/*
 * The production build (build.ts) runs without tsx: the bundle starts on a fresh PGlite folder, finds its
 * migrations and DfE's data beside the sources, answers /health and GraphQL, reads an upload in its
 * compiled worker thread, and the import command's bundle runs. Built into a folder of its own.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const gatewayDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(gatewayDir, `.build-test-${process.pid}`);
const dataDir = mkdtempSync(join(tmpdir(), 'continuity-prod-'));

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
    probe.on('error', reject);
  });
}

describe('the production build', () => {
  let gateway: ChildProcess | undefined;
  let base = '';
  let output = '';

  beforeAll(async () => {
    const built = spawnSync(process.execPath, ['--import', 'tsx', 'build.ts', outdir], {
      cwd: gatewayDir,
      encoding: 'utf8',
    });
    expect(built.status, built.stderr).toBe(0);
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    gateway = spawn(process.execPath, [join(outdir, 'main.js')], {
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'production',
        DEMO_SIGN_IN: 'true',
        DEMO_RETURNS: 'false',
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: join(dataDir, 'pglite'),
        LOG_LEVEL: 'warn',
        RATE_LIMITS: 'false',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    gateway.stdout?.on('data', (c) => (output += c));
    gateway.stderr?.on('data', (c) => (output += c));
    // Start-up loads DfE's published tables into the fresh folder first.
    for (let i = 0; i < 600; i++) {
      const ok = await fetch(`${base}/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return;
      if (gateway.exitCode !== null) throw new Error(`the bundle exited ${gateway.exitCode}:\n${output}`);
      await new Promise((r) => setTimeout(r, 500));
    }
    throw new Error(`the bundle did not answer /health:\n${output}`);
  }, 600_000);

  afterAll(async () => {
    if (gateway && gateway.exitCode === null) {
      gateway.kill('SIGTERM');
      await new Promise((r) => gateway!.once('exit', r));
    }
    rmSync(outdir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function tokenFor(userId: string): Promise<string> {
    const r = await fetch(`${base}/auth/demo-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId }),
    });
    return ((await r.json()) as { token: string }).token;
  }

  it('answers GraphQL from the data it loaded', async () => {
    const token = await tokenFor('demo-policy');
    const r = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ regions { code } }' }),
    });
    const body = (await r.json()) as { data: { regions: { code: string }[] } };
    expect(body.data.regions.map((x) => x.code)).toContain('E12000004');
  });

  it('reads an upload in its compiled worker and refuses a bad one with row-and-column messages', async () => {
    const token = await tokenFor('demo-council-kent');
    const form = new FormData();
    form.append('kind', 'ssda903');
    form.append('collectionYear', '2025');
    form.append('files', new Blob(['CHILD,SEX\n1,9\n']), 'header.csv');
    const r = await fetch(`${base}/returns`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    const answer = (await r.json()) as { status?: string; errors?: unknown[] };
    expect(r.status, JSON.stringify(answer)).toBe(422);
    expect(answer.status).toBe('rejected');
  });

  it('ships the import command', () => {
    const run = spawnSync(process.execPath, [join(outdir, 'import.js'), '--help'], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH },
    });
    expect(`${run.stdout}${run.stderr}`).toMatch(/npm run import|Usage|usage/);
  });
});
