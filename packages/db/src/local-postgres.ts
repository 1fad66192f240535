/**
 * Throwaway PostgreSQL servers on loopback, for tests that need more than one server (a primary and its
 * hot standby, a restore target): initdb into a temporary folder, listen on 127.0.0.1 only, and remove
 * everything at the end. Uses the Debian packages' binaries (/usr/lib/postgresql/<version>/bin).
 *
 * initdb and postgres refuse to run as root (CI runs as root): there they run as the `postgres` OS user,
 * in folders that user owns.
 */
import { execFile, execFileSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  writeFileSync,
  appendFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

/** The newest installed PostgreSQL's bin folder, or undefined when there is none (tests then skip). */
export function postgresBinDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')) && existsSync(join(root, v, 'bin', 'pg_basebackup')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : undefined;
}

const asRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

function postgresIds(): { uid: number; gid: number } {
  const info = userInfo({ encoding: 'utf8' });
  if (!asRoot()) return { uid: info.uid, gid: info.gid };
  // `id` is the portable way to look a user up without a native module.
  return { uid: Number(runSync('id', ['-u', 'postgres'])), gid: Number(runSync('id', ['-g', 'postgres'])) };
}

function runSync(file: string, args: string[]): string {
  // Only used for `id`: small, immediate.
  return execFileSync(file, args, { encoding: 'utf8' }).trim();
}

/** Runs a PostgreSQL server binary, as the postgres user when we are root; rejects with its output on failure. */
export function runServerTool(bin: string, tool: string, args: string[], timeoutMs = 60_000): Promise<string> {
  const [file, argv] = asRoot()
    ? ['runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]]
    : [join(bin, tool), args];
  return new Promise((resolve, reject) => {
    execFile(file, argv, { timeout: timeoutMs, encoding: 'utf8', cwd: tmpdir() }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${tool} ${args.join(' ')} failed: ${error.message}\n${stdout}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

/** Runs a client tool (pg_dump, pg_restore, psql) as ourselves: clients may run as root. */
export function runClientTool(bin: string, tool: string, args: string[], timeoutMs = 60_000): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      join(bin, tool),
      args,
      { timeout: timeoutMs, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`${tool} ${args.join(' ')} failed: ${error.message}\n${stdout}\n${stderr}`));
        else resolve(stdout);
      },
    );
  });
}

/** A free TCP port on loopback in [from, to], or any free port when no range is given. */
export async function freePort(from = 0, to = from): Promise<number> {
  for (let port = from; port <= to; port++) {
    const got = await new Promise<number | undefined>((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(undefined));
      server.listen(port, '127.0.0.1', () => {
        const chosen = (server.address() as { port: number }).port;
        server.close(() => resolve(chosen));
      });
    });
    if (got !== undefined) return got;
  }
  throw new Error(`no free port in ${from}-${to}`);
}

/** A temporary folder the server user may write in; remove it with `rmSync(dir, { recursive: true })`. */
export function serverTempDir(prefix = 'continuity-pg-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const { uid, gid } = postgresIds();
  chownSync(dir, uid, gid);
  chmodSync(dir, 0o700);
  return dir;
}

export interface LocalServer {
  port: number;
  dataDir: string;
  /** A connection URL for `database` on this server (trust auth on loopback). */
  url(database?: string): string;
  start(): Promise<void>;
  /** fast: disconnect clients and stop cleanly; immediate: as if the machine went away. */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  running(): boolean;
}

/** A server over an existing data folder (a restored backup); start() it. */
export function localServerAt(bin: string, dataDir: string, port: number): LocalServer {
  return localServer(bin, dataDir, port);
}

function localServer(bin: string, dataDir: string, port: number): LocalServer {
  let up = false;
  const log = join(dataDir, '..', `${port}.log`);
  return {
    port,
    dataDir,
    url: (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`,
    async start() {
      await runServerTool(bin, 'pg_ctl', ['-D', dataDir, '-l', log, '-w', '-t', '60', 'start']);
      up = true;
    },
    async stop(mode = 'fast') {
      if (!up) return;
      await runServerTool(bin, 'pg_ctl', ['-D', dataDir, '-m', mode, '-w', '-t', '60', 'stop']).catch(() => undefined);
      up = false;
    },
    running: () => up,
  };
}

/** Settings both servers get: loopback only, no Unix socket outside the folder, small and quick. */
function serverSettings(port: number, socketDir: string, extra: Record<string, string>): string {
  const settings: Record<string, string> = {
    port: String(port),
    listen_addresses: "'127.0.0.1'",
    unix_socket_directories: `'${socketDir}'`,
    shared_buffers: "'32MB'",
    fsync: 'off',
    synchronous_commit: 'on',
    wal_level: 'replica',
    max_wal_senders: '5',
    hot_standby: 'on',
    // The standby answers reads while it replays: cancel a conflicting read after a short grace, not never.
    max_standby_streaming_delay: "'5s'",
    ...extra,
  };
  return `\n# continuity test server\n${Object.entries(settings)
    .map(([k, v]) => `${k} = ${v}`)
    .join('\n')}\n`;
}

/** A new primary: initdb (trust auth on loopback, replication allowed), configured and started. */
export async function createPrimary(options: {
  bin: string;
  root: string;
  port: number;
  settings?: Record<string, string>;
}): Promise<LocalServer> {
  const dataDir = join(options.root, `primary-${options.port}`);
  await runServerTool(options.bin, 'initdb', [
    '-D',
    dataDir,
    '-U',
    'postgres',
    '--auth=trust',
    '--no-sync',
    '-E',
    'UTF8',
    '--locale=C',
  ]);
  appendFileSync(dataDir + '/postgresql.conf', serverSettings(options.port, options.root, options.settings ?? {}));
  writeFileSync(
    join(dataDir, 'pg_hba.conf'),
    'host all all 127.0.0.1/32 trust\nhost replication all 127.0.0.1/32 trust\nlocal all all trust\nlocal replication all trust\n',
  );
  const server = localServer(options.bin, dataDir, options.port);
  await server.start();
  return server;
}

/** A hot standby of `primary`: pg_basebackup -R (streams WAL, writes primary_conninfo), then started. */
export async function createStandby(options: {
  bin: string;
  root: string;
  port: number;
  primary: LocalServer;
}): Promise<LocalServer> {
  const dataDir = join(options.root, `standby-${options.port}`);
  await runServerTool(options.bin, 'pg_basebackup', [
    '-h',
    '127.0.0.1',
    '-p',
    String(options.primary.port),
    '-U',
    'postgres',
    '-D',
    dataDir,
    '-R',
    '-X',
    'stream',
    '-c',
    'fast',
  ]);
  // The copy carries the primary's port; the standby needs its own.
  appendFileSync(join(dataDir, 'postgresql.conf'), `\nport = ${options.port}\n`);
  const server = localServer(options.bin, dataDir, options.port);
  await server.start();
  return server;
}

/** Stops the servers (immediately: nothing to keep) and removes the folder; never throws. */
export async function removeServers(root: string, servers: (LocalServer | undefined)[]): Promise<void> {
  for (const server of servers) await server?.stop('immediate').catch(() => undefined);
  rmSync(root, { recursive: true, force: true });
}
