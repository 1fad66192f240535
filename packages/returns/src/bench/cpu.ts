import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import type { Database } from '@continuity/db';

/**
 * CPU seconds spent so far by this Node process and, for a PostgreSQL server on this machine, by the server
 * processes serving this bench's connections (read from /proc: utime + stime of each backend). On a shared
 * machine the wall clock also counts other people's work; CPU time does not, so the bench reports both.
 * PGlite runs inside Node, so its work is Node CPU. Background server work (autovacuum, WAL writer,
 * checkpointer) is not counted.
 */
export interface CpuClock {
  /** Node CPU seconds (user + system), all threads. */
  node(): number;
  /** Server CPU seconds of the bench's backends; 0 on PGlite or when /proc cannot be read. */
  db(): number;
  /** Whether server CPU is measured. */
  readonly measuresDb: boolean;
}

const TICKS_PER_SECOND = 100;

function procCpuSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) in parentheses: utime is 14th, stime 15th.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(rest[11]) + Number(rest[12])) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/**
 * Opens every connection of the pool (by holding `size` at once) and records their server process ids.
 * postgres.js keeps idle connections open (no idle timeout by default), so the same backends serve the run.
 */
export async function cpuClock(database: Database, poolSize = 4): Promise<CpuClock> {
  const nodeSeconds = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1e6;
  };
  if (database.engine !== 'postgres') return { node: nodeSeconds, db: () => 0, measuresDb: false };
  const rows = await Promise.all(
    Array.from({ length: poolSize }, () =>
      database.rows<{ pid: number }>(sql`SELECT pg_backend_pid() AS pid, pg_sleep(0.05)`),
    ),
  );
  const pids = [...new Set(rows.map((r) => Number(r[0]?.pid)))].filter((p) => p > 0);
  const readable = pids.every((p) => procCpuSeconds(p) !== null);
  if (!readable) return { node: nodeSeconds, db: () => 0, measuresDb: false };
  // A backend that has gone (a reconnect) keeps its last reading, so the total never goes back.
  const last = new Map<number, number>();
  const dbSeconds = () => {
    let total = 0;
    for (const pid of pids) {
      const now = procCpuSeconds(pid);
      if (now !== null) last.set(pid, now);
      total += last.get(pid) ?? 0;
    }
    return total;
  };
  return { node: nodeSeconds, db: dbSeconds, measuresDb: true };
}

/** Wall and CPU seconds attributed to named segments: `enter(name)` closes the current segment and returns its name. */
export class PhaseClock {
  private current = '';
  private wall0 = 0;
  private node0 = 0;
  private db0 = 0;
  readonly totals = new Map<string, { wall: number; node: number; db: number }>();

  constructor(private readonly cpu: CpuClock) {}

  enter(name: string): string {
    const previous = this.current;
    const wall = performance.now() / 1000;
    const node = this.cpu.node();
    const db = this.cpu.db();
    if (this.current) {
      const t = this.totals.get(this.current) ?? { wall: 0, node: 0, db: 0 };
      t.wall += wall - this.wall0;
      t.node += node - this.node0;
      t.db += db - this.db0;
      this.totals.set(this.current, t);
    }
    this.current = name;
    this.wall0 = wall;
    this.node0 = node;
    this.db0 = db;
    return previous;
  }

  get(name: string): { wall: number; node: number; db: number } {
    return this.totals.get(name) ?? { wall: 0, node: 0, db: 0 };
  }
}
