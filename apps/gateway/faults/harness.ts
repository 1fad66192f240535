/*
 * The fault suite's machinery: a PostgreSQL cluster of its own (initdb / pg_ctl on a loopback port, removed
 * afterwards), gateway processes it can kill -9, uploads through POST /returns, and the database checks
 * every scenario ends on. Bounded waits only; every process and folder it makes is recorded and cleaned up
 * by cleanup(), which run.ts calls however the run ends.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { openDatabase, type Database } from '@continuity/db';
import { recomputeAll } from '@continuity/indicators';
import { CLEAN, checkIntegrity, computedFigures } from '@continuity/returns';
import { repoRoot } from '../src/env';

export const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

const cleanups: (() => void | Promise<void>)[] = [];
export function onCleanup(fn: () => void | Promise<void>): void {
  cleanups.unshift(fn);
}
export async function cleanup(): Promise<void> {
  while (cleanups.length) {
    try {
      await cleanups.shift()!();
    } catch (error) {
      console.error('cleanup:', error instanceof Error ? error.message : error);
    }
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `check` every `everyMs` until it returns a value, at most `tries` times; throws `what` after. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | null | undefined | false>,
  tries = 240,
  everyMs = 250,
): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const value = await check().catch(() => null);
    if (value) return value as T;
    await sleep(everyMs);
  }
  throw new Error(`timed out waiting for ${what}`);
}

export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`assertion failed: ${message}`);
}

/* ---------------------------------------------------------------- PostgreSQL cluster */

export interface Cluster {
  port: number;
  url: (database?: string) => string;
  /** pg_ctl restart -m fast, without blocking this process (reads go on meanwhile). */
  restart(): Promise<void>;
  stop(): void;
}

/** initdb + pg_ctl start as the postgres user (PostgreSQL refuses to run as root), trust auth on loopback. */
export function createCluster(port: number): Cluster {
  const dir = tempDir('continuity-faults-pg-');
  const asRoot = process.getuid?.() === 0;
  const run = (bin: string, args: string[]) => {
    const command = asRoot ? 'runuser' : join(PG_BIN, bin);
    const argv = asRoot ? ['-u', 'postgres', '--', join(PG_BIN, bin), ...args] : args;
    const r = spawnSync(command, argv, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${bin} ${args.join(' ')} failed: ${r.stderr || r.stdout}`);
  };
  if (asRoot)
    chownSync(
      dir,
      Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim()),
      Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim()),
    );
  const data = join(dir, 'data');
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60`;
  const ctlArgs = (args: string[]) => ['-D', data, '-l', join(dir, 'log'), '-o', options, '-w', '-t', '60', ...args];
  const ctl = (args: string[]) => run('pg_ctl', ctlArgs(args));
  const ctlAsync = (args: string[]) =>
    new Promise<void>((resolve, reject) => {
      const argv = asRoot ? ['-u', 'postgres', '--', join(PG_BIN, 'pg_ctl'), ...ctlArgs(args)] : ctlArgs(args);
      const child = spawn(asRoot ? 'runuser' : join(PG_BIN, 'pg_ctl'), argv, { stdio: 'ignore' });
      child.once('exit', (code) =>
        code === 0 ? resolve() : reject(new Error(`pg_ctl ${args.join(' ')} exited ${code}`)),
      );
    });
  ctl(['start']);
  let running = true;
  onCleanup(() => {
    if (running) ctl(['stop', '-m', 'immediate']);
  });
  return {
    port,
    url: (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`,
    restart: () => ctlAsync(['restart', '-m', 'fast']),
    stop: () => {
      ctl(['stop', '-m', 'fast']);
      running = false;
    },
  };
}

export async function createDatabase(cluster: Cluster, name: string): Promise<string> {
  const admin = postgres(cluster.url(), { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return cluster.url(name);
}

/* ---------------------------------------------------------------- gateway processes */

export interface Gateway {
  port: number;
  child: ChildProcess;
  /** Resolves with the exit code (or signal) when the process ends. */
  exited: Promise<number | string>;
  output(): string;
  kill9(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts `tsx src/main.ts` on loopback with the given environment; does not wait for it to be ready. */
export function startGateway(port: number, env: Record<string, string>): Gateway {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: join(repoRoot, 'apps/gateway'),
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      NODE_ENV: 'development',
      DEMO_RETURNS: 'false',
      DEMO_SIGN_IN: 'true',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += String(d)));
  child.stderr!.on('data', (d) => (out += String(d)));
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  let ended = false;
  void exited.then(() => (ended = true));
  onCleanup(async () => {
    if (!ended) {
      child.kill('SIGKILL');
      await exited;
    }
  });
  return {
    port,
    child,
    exited,
    output: () => out,
    kill9: async () => {
      child.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      if (ended) return;
      child.kill('SIGTERM');
      const done = await Promise.race([exited, sleep(20_000).then(() => null)]);
      if (done === null) await (child.kill('SIGKILL'), exited);
    },
  };
}

export async function health(port: number, timeoutMs = 2_000): Promise<number> {
  try {
    const r = await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(timeoutMs) });
    return r.status;
  } catch {
    return 0;
  }
}

/** Waits until the gateway answers /health 200 (first start loads the published data: up to ~2 minutes). */
export async function ready(gateway: Gateway, tries = 600): Promise<void> {
  let gone: number | string | null = null;
  void gateway.exited.then((c) => (gone = c));
  await waitFor(
    `the gateway on port ${gateway.port}`,
    async () => {
      if (gone !== null)
        throw new Error(`the gateway exited (${gone}) before it was ready:\n${gateway.output().slice(-2000)}`);
      return (await health(gateway.port)) === 200;
    },
    tries,
    250,
  ).catch((error: Error) => {
    if (gone !== null)
      throw new Error(`the gateway exited (${gone}) before it was ready:\n${gateway.output().slice(-2000)}`);
    throw error;
  });
}

/** A demo council officer's token for Kent (886). */
export async function kentToken(port: number): Promise<string> {
  const users = (await (await fetch(`http://127.0.0.1:${port}/auth/demo-users`)).json()) as {
    users: { id: string; role: string; organisation: { kind: string; id: string } }[];
  };
  const kent = users.users.find((u) => u.role === 'council' && u.organisation.id === '886');
  assert(kent, 'a demo council user for Kent');
  const r = await fetch(`http://127.0.0.1:${port}/auth/demo-token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId: kent.id }),
  });
  return ((await r.json()) as { token: string }).token;
}

export interface UploadAnswer {
  status: number;
  /** NDJSON: the phases seen, in order. */
  phases: string[];
  body: { status?: string; submissionId?: number; errors?: { rule: string }[]; error?: string } | null;
  /** The connection was cut before an answer (the gateway was killed). */
  cut: boolean;
}

/**
 * Uploads Kent's 903 return with NDJSON progress; `onPhase` sees each phase as it arrives (to kill the
 * gateway or the database at that moment).
 */
export async function upload(
  port: number,
  token: string,
  files: { name: string; bytes: Uint8Array }[],
  onPhase?: (phase: string) => void | Promise<void>,
): Promise<UploadAnswer> {
  const form = new FormData();
  form.append('councilCode', '886');
  form.append('collectionYear', '2025');
  form.append('kind', 'ssda903');
  for (const f of files) form.append('files', new Blob([f.bytes]), f.name);
  const phases: string[] = [];
  try {
    const r = await fetch(`http://127.0.0.1:${port}/returns`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, accept: 'application/x-ndjson' },
      body: form,
      signal: AbortSignal.timeout(180_000),
    });
    const reader = r.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    let result: UploadAnswer | null = null;
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = JSON.parse(buffer.slice(0, nl)) as Record<string, unknown>;
        buffer = buffer.slice(nl + 1);
        if (line.type === 'progress') {
          const phase = String(line.phase);
          if (phases.at(-1) !== phase) {
            phases.push(phase);
            await onPhase?.(phase);
          }
        } else if (line.type === 'result') {
          result = { status: Number(line.httpStatus), phases, body: line as UploadAnswer['body'], cut: false };
        } else if (line.type === 'error') {
          result = { status: Number(line.status), phases, body: line as UploadAnswer['body'], cut: false };
        }
      }
    }
    return result ?? { status: 0, phases, body: null, cut: true };
  } catch {
    return { status: 0, phases, body: null, cut: true };
  }
}

/* ---------------------------------------------------------------- checks */

/**
 * What every scenario ends on: no partial or stale rows, one accepted submission per return, every
 * submission with its files and audit row, and the computed figures equal to what a clean recompute of
 * the accepted returns gives (recomputeAll, run here, must change nothing).
 */
export async function checkDatabase(
  open: () => Promise<Database>,
  label: string,
): Promise<{ accepted: number; rejected: number }> {
  const database = await open();
  try {
    const integrity = await checkIntegrity(database);
    assert(JSON.stringify(integrity) === JSON.stringify(CLEAN), `${label}: ${JSON.stringify(integrity)}`);
    const before = await computedFigures(database);
    await recomputeAll(database.db);
    const after = await computedFigures(database);
    const differing = after.filter((f, i) => before[i] !== f).length + Math.abs(after.length - before.length);
    assert(differing === 0, `${label}: ${differing} computed figure(s) differ from a clean recompute`);
    const counts = await database.rows<{ status: string; n: number }>(
      (await import('drizzle-orm')).sql`SELECT status::text AS status, count(*)::int AS n FROM submissions GROUP BY 1`,
    );
    const of = (s: string) => counts.find((c) => c.status === s)?.n ?? 0;
    return { accepted: of('accepted'), rejected: of('rejected') };
  } finally {
    await database.close();
  }
}

export const openUrl = (url: string) => () => openDatabase({ url, max: 2 });
export const openDir = (dataDir: string) => () => openDatabase({ dataDir });

export function binariesPresent(): boolean {
  return existsSync(join(PG_BIN, 'initdb')) && existsSync(join(PG_BIN, 'pg_ctl'));
}
