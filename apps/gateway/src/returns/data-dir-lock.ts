import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, resolve } from 'node:path';

/*
 * PGlite is an embedded, single-process database: two processes opening one data directory corrupt it
 * (PGlite itself takes no lock; its postmaster.pid is a placeholder). Every process that opens a PGlite
 * directory (the gateway, the import CLI) takes this lock file beside it first: `<dataDir>.lock`.
 */

export class DataDirBusyError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    super(
      `The PGlite database in ${dataDir} is in use by process ${holder.pid} (${holder.owner}, since ${holder.since}). ` +
        'PGlite is single-process: a second process would corrupt it. Stop that process first, or, if it is the ' +
        'gateway, upload through it (POST /returns), or run the gateway and the import on PostgreSQL (DATABASE_URL).',
    );
    this.name = 'DataDirBusyError';
  }
}

export interface LockHolder {
  pid: number;
  owner: string;
  host: string;
  since: string;
}

export function lockPath(dataDir: string): string {
  return `${resolve(dataDir).replace(/\/+$/, '')}.lock`;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(path: string): LockHolder | null {
  try {
    const holder = JSON.parse(readFileSync(path, 'utf8')) as LockHolder;
    return typeof holder.pid === 'number' ? holder : null;
  } catch {
    return null;
  }
}

/**
 * Takes the data directory's lock for this process, or throws DataDirBusyError naming the process that
 * holds it. A lock left by a process that is gone (same host) is taken over. Release it on exit.
 */
export function lockDataDir(dataDir: string, owner: string): { path: string; release(): void } {
  const path = lockPath(dataDir);
  mkdirSync(dirname(path), { recursive: true });
  const me: LockHolder = { pid: process.pid, owner, host: hostname(), since: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, JSON.stringify(me));
      closeSync(fd);
      let released = false;
      return {
        path,
        release() {
          if (released) return;
          released = true;
          if (readHolder(path)?.pid === process.pid) unlinkSync(path);
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readHolder(path);
      if (holder && holder.pid !== process.pid && (holder.host !== me.host || alive(holder.pid))) {
        throw new DataDirBusyError(resolve(dataDir), holder);
      }
      // Stale (its process is gone) or unreadable: take it over.
      try {
        unlinkSync(path);
      } catch {
        // Someone else removed it first; try again.
      }
    }
  }
  throw new Error(`Could not take the lock ${path}`);
}
