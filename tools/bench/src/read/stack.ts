/**
 * The product as production runs it, on a fresh PostgreSQL database: the built bundle (`npm run build`),
 * NODE_ENV=production, demo sign-in on (to sign in the users whose pages are measured), the dashboard's build
 * served beside the API. Ready once DfE's data is loaded and the demo returns and contracts are in.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';

export interface Stack {
  origin: string;
  databaseUrl: string;
  stop(): Promise<void>;
}

/** A database of its own on the server `serverUrl` names (dropped and made again). */
export async function freshDatabase(serverUrl: string, name: string): Promise<string> {
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.unsafe(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  return databaseIn(serverUrl, name);
}

export function databaseIn(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export function build(repoRoot: string): void {
  const run = spawnSync('npm', ['run', 'build'], { cwd: repoRoot, stdio: 'inherit' });
  if (run.status !== 0) throw new Error('npm run build failed');
}

export async function startProduct(
  repoRoot: string,
  databaseUrl: string,
  port: number,
  log: (line: string) => void,
): Promise<Stack> {
  const dataDir = mkdtempSync(join(tmpdir(), 'continuity-bench-'));
  const child: ChildProcess = spawn(process.execPath, [join(repoRoot, 'apps/gateway/dist/main.js')], {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      DEMO_SIGN_IN: 'true',
      DEMO_RETURNS: 'true',
      DASHBOARD_DIST: 'apps/dashboard/dist',
      PORT: String(port),
      HOST: '127.0.0.1',
      // Keys and secrets of this run only.
      DATA_DIR: join(dataDir, 'pglite'),
      RATE_LIMITS: 'false',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let seeded = false;
  let output = '';
  const onLine = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
    for (const line of chunk.toString().split('\n')) {
      const msg = /"msg":"([^"]*)"/.exec(line)?.[1];
      if (!msg) continue;
      if (/^(published data|demo returns:|demo contracts:)/.test(msg)) log(`gateway: ${msg}`);
      if (/^demo contracts|^demo returns failed/.test(msg)) seeded = true;
    }
  };
  child.stdout?.on('data', onLine);
  child.stderr?.on('data', onLine);
  const origin = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  for (let i = 0; i < 1200 && !seeded; i++) {
    if (child.exitCode !== null) throw new Error(`the gateway exited (${child.exitCode}):\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  if (!seeded) {
    await stop();
    throw new Error(`the demo data did not finish loading:\n${output}`);
  }
  return { origin, databaseUrl, stop };
}

export async function tokenFor(origin: string, userId: string): Promise<string> {
  const r = await fetch(`${origin}/auth/demo-token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId }),
  });
  if (!r.ok) throw new Error(`demo sign-in as ${userId}: ${r.status}`);
  return ((await r.json()) as { token: string }).token;
}
