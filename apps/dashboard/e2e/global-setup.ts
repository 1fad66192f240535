/**
 * Starts the stack once for the browser tests, as the README's `npm start` does: the gateway's own
 * start code (apps/gateway/src/main.ts, through tsx, in its own process group so it can be stopped
 * whole) on a fresh PGlite directory and free port, and the dashboard's Vite dev server in this
 * process (Vite's JS API: nothing is left running if the run is killed) proxying to it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import type { ViteDevServer } from 'vite';
import { CHROMIUM } from './browser';

const here = dirname(fileURLToPath(import.meta.url));
const dashboard = join(here, '..');
const root = join(dashboard, '../..');

declare module 'vitest' {
  export interface ProvidedContext {
    dashboardUrl: string;
    gatewayUrl: string;
    skipReason: string;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createNetServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitFor(url: string, child: ChildProcess, log: () => string, timeoutMs: number): Promise<void> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`The gateway exited (${child.exitCode}):\n${log()}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`The gateway did not answer ${url} within ${timeoutMs} ms:\n${log()}`);
}

export default async function setup(project: TestProject) {
  if (!existsSync(CHROMIUM)) {
    const reason = `${CHROMIUM} is missing: browser tests skipped (apt-get install chromium; CI does so when apps/dashboard/e2e.enabled exists)`;
    console.warn(`\n[e2e] ${reason}\n`);
    project.provide('skipReason', reason);
    project.provide('dashboardUrl', '');
    project.provide('gatewayUrl', '');
    return undefined;
  }

  // While developing tests: reuse a stack already running (both variables set).
  if (process.env.E2E_GATEWAY_URL && process.env.E2E_DASHBOARD_URL) {
    project.provide('skipReason', '');
    project.provide('dashboardUrl', process.env.E2E_DASHBOARD_URL);
    project.provide('gatewayUrl', process.env.E2E_GATEWAY_URL);
    return undefined;
  }

  const work = mkdtempSync(join(tmpdir(), 'continuity-e2e-'));
  const [gatewayPort, dashboardPort] = [await freePort(), await freePort()];
  const gatewayOrigin = `http://127.0.0.1:${gatewayPort}`;
  let output = '';
  const started = Date.now();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: join(work, 'pglite'),
    PORT: String(gatewayPort),
    HOST: '127.0.0.1',
    NODE_ENV: 'development',
    DEMO_SIGN_IN: 'true',
    // Generated demo returns would change figures while a test compares the page with the API; the
    // screenshots want them (practices have no published figures), and wait for them below.
    DEMO_RETURNS: process.env.SCREENSHOTS === '1' ? 'true' : 'false',
  };
  delete env.DATABASE_URL; // the README's default: PGlite
  const gateway = spawn(process.execPath, ['--import', 'tsx', join(root, 'apps/gateway/src/main.ts')], {
    cwd: join(root, 'apps/gateway'),
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  gateway.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  gateway.stderr?.on('data', (d: Buffer) => (output += d.toString()));

  let vite: ViteDevServer | null = null;
  const stop = async () => {
    await vite?.close().catch(() => undefined);
    let forced = false;
    if (gateway.exitCode === null && gateway.pid) {
      const exited = new Promise((r) => gateway.once('exit', r));
      try {
        process.kill(-gateway.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (gateway.exitCode === null) {
        forced = true;
        try {
          process.kill(-gateway.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    }
    rmSync(work, { recursive: true, force: true });
    // A gateway that ignores SIGTERM would hang every deployment's restart: fail the run, not just kill it.
    if (forced) throw new Error(`the gateway did not stop within 5 s of SIGTERM:\n${output.slice(-2000)}`);
  };

  try {
    await waitFor(`${gatewayOrigin}/health`, gateway, () => output, 150_000);
    console.log(`[e2e] gateway up on ${gatewayOrigin} in ${Date.now() - started} ms`);
    if (process.env.SCREENSHOTS === '1') {
      const deadline = Date.now() + 240_000;
      // The demo contracts are seeded right after the demo returns.
      while (!/demo contracts|demo returns failed/.test(output) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 1000));
      }
      console.log(
        `[e2e] ${/demo returns: [^\n]*/.exec(output)?.[0] ?? 'demo returns not finished'}; ${/demo contracts[^\n]*/.exec(output)?.[0] ?? ''}`,
      );
    }

    // vite.config.ts reads these when it loads.
    process.env.GATEWAY_URL = gatewayOrigin;
    process.env.DASHBOARD_PORT = String(dashboardPort);
    const { createServer } = await import('vite');
    vite = await createServer({
      configFile: join(dashboard, 'vite.config.ts'),
      root: dashboard,
      logLevel: 'warn',
      clearScreen: false,
    });
    await vite.listen();
    const dashboardUrl = `http://127.0.0.1:${dashboardPort}`;
    // Warm the dev server (the first request transforms the app) so the first test's timings are fair.
    await fetch(`${dashboardUrl}/`).then((r) => r.text());
    await vite.warmupRequest('/src/main.tsx').catch(() => undefined);
    console.log(`[e2e] dashboard up on ${dashboardUrl} in ${Date.now() - started} ms`);

    project.provide('skipReason', '');
    project.provide('dashboardUrl', dashboardUrl);
    project.provide('gatewayUrl', gatewayOrigin);
  } catch (error) {
    await stop().catch(() => undefined); // the start-up failure is the one to report
    throw error;
  }
  return stop;
}
