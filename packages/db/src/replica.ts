import { sql } from 'drizzle-orm';
import type { Database } from './open';

/**
 * Reads on a PostgreSQL hot standby, writes on the primary.
 *
 * The standby is PostgreSQL's own streaming replica (pg_basebackup -R, or CloudNativePG's replicas): it
 * replays the primary's WAL, so a read there may be a little behind. This module measures how far
 * (bytes of WAL not yet replayed, and seconds since the last replayed commit when it is behind), and
 * picks the database a read goes to:
 * - the standby when it answers, is in recovery and is no more than `maxLagBytes` behind;
 * - for a reader that has just written (read-your-writes), the standby only once it has replayed past
 *   that write's commit LSN, waited for at most `waitMs`; otherwise the primary;
 * - the primary whenever the standby is down, too far behind or not a standby at all.
 */

/** A WAL position as PostgreSQL prints it ("16/B374D848"): two hex halves of a 64-bit number. */
export function parseLsn(lsn: string): bigint {
  const match = /^([0-9A-Fa-f]{1,8})\/([0-9A-Fa-f]{1,8})$/.exec(lsn.trim());
  if (!match) throw new Error(`Not a WAL position: ${lsn}`);
  return (BigInt(`0x${match[1]}`) << 32n) | BigInt(`0x${match[2]}`);
}

/** True when `lsn` is a WAL position PostgreSQL could have printed. */
export function isLsn(lsn: string): boolean {
  return /^[0-9A-Fa-f]{1,8}\/[0-9A-Fa-f]{1,8}$/.test(lsn.trim());
}

/** Whether position `a` is at or past position `b`. */
export function reachedLsn(a: string, b: string): boolean {
  return parseLsn(a) >= parseLsn(b);
}

export type ReplicaState = 'up' | 'lagging' | 'down' | 'not-standby';

export interface ReplicaStatus {
  state: ReplicaState;
  /** WAL bytes the standby has not replayed (primary's current position minus the standby's replay position). */
  lagBytes: number | null;
  /** Seconds since the last commit the standby replayed, when it is behind; 0 when it has replayed everything. */
  lagSeconds: number | null;
  primaryLsn: string | null;
  replayLsn: string | null;
  /** When the last probe finished (ISO time); null before the first. */
  checkedAt: string | null;
  /** Why the standby is not used, for /health (no connection details). */
  reason?: string;
}

export type ReadTarget = 'replica' | 'primary';

export interface ReadChoice {
  database: Database;
  target: ReadTarget;
}

export interface ReplicaRoutingOptions {
  primary: Database;
  replica: Database;
  /** Above this many bytes of unreplayed WAL reads go to the primary (default 16 MiB, one WAL segment). */
  maxLagBytes?: number;
  /** How long a read-your-writes read waits for the standby to replay past the write (default 1000 ms). */
  waitMs?: number;
  /** How often the lag is measured in the background (default 2000 ms); 0: only when probe() is called. */
  probeIntervalMs?: number;
  /** A probe that takes longer than this marks the standby down (default 2000 ms). */
  probeTimeoutMs?: number;
}

export interface ReplicaRouting {
  readonly primary: Database;
  readonly replica: Database;
  /** The last measurement (no query). */
  status(): ReplicaStatus;
  /** Measures now, updating status(). Never throws: a failure is state 'down'. */
  probe(): Promise<ReplicaStatus>;
  /** The primary's current WAL position: after a write has committed, reads must see at least this. */
  primaryLsn(): Promise<string>;
  /** Where a read goes; `minLsn`: the reader's own last write, which the read must see. */
  forRead(minLsn?: string): Promise<ReadChoice>;
  /** Stops the background probe (the databases are the caller's to close). */
  stop(): void;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function createReplicaRouting(options: ReplicaRoutingOptions): ReplicaRouting {
  const { primary, replica } = options;
  const maxLagBytes = options.maxLagBytes ?? 16 * 1024 * 1024;
  const waitMs = options.waitMs ?? 1000;
  const probeTimeoutMs = options.probeTimeoutMs ?? 2000;
  let current: ReplicaStatus = {
    state: 'down',
    lagBytes: null,
    lagSeconds: null,
    primaryLsn: null,
    replayLsn: null,
    checkedAt: null,
    reason: 'not measured yet',
  };
  let inFlight: Promise<ReplicaStatus> | undefined;

  async function primaryLsn(): Promise<string> {
    const [row] = await primary.rows<{ lsn: string }>(sql`SELECT pg_current_wal_lsn()::text AS lsn`);
    return row!.lsn;
  }

  async function replayLsn(): Promise<{ inRecovery: boolean; replay: string | null; replayedAt: number | null }> {
    const [row] = await replica.rows<{ in_recovery: boolean; replay: string | null; seconds: number | null }>(sql`
      SELECT pg_is_in_recovery() AS in_recovery,
             pg_last_wal_replay_lsn()::text AS replay,
             extract(epoch FROM now() - pg_last_xact_replay_timestamp())::float8 AS seconds`);
    return {
      inRecovery: row!.in_recovery,
      replay: row!.replay,
      replayedAt: row!.seconds === null ? null : Number(row!.seconds),
    };
  }

  async function measure(): Promise<ReplicaStatus> {
    const checkedAt = () => new Date().toISOString();
    let standby;
    try {
      standby = await withTimeout(replayLsn(), probeTimeoutMs);
    } catch (error) {
      return {
        state: 'down',
        lagBytes: null,
        lagSeconds: null,
        primaryLsn: null,
        replayLsn: null,
        checkedAt: checkedAt(),
        reason: `standby: ${(error as Error).message}`,
      };
    }
    if (!standby.inRecovery || standby.replay === null) {
      return {
        state: 'not-standby',
        lagBytes: null,
        lagSeconds: null,
        primaryLsn: null,
        replayLsn: null,
        checkedAt: checkedAt(),
        reason: 'DATABASE_READ_URL is not a server in recovery',
      };
    }
    let head: string;
    try {
      head = await withTimeout(primaryLsn(), probeTimeoutMs);
    } catch (error) {
      // The primary is the one not answering: the standby is still the best place to read.
      return {
        state: 'up',
        lagBytes: null,
        lagSeconds: null,
        primaryLsn: null,
        replayLsn: standby.replay,
        checkedAt: checkedAt(),
        reason: `primary: ${(error as Error).message}`,
      };
    }
    const behind = parseLsn(head) - parseLsn(standby.replay);
    const lagBytes = behind > 0n ? Number(behind) : 0;
    // Seconds since the last replayed commit only mean lag while WAL is waiting: an idle primary sends none.
    const lagSeconds = lagBytes === 0 ? 0 : Math.max(0, standby.replayedAt ?? 0);
    return {
      state: lagBytes > maxLagBytes ? 'lagging' : 'up',
      lagBytes,
      lagSeconds,
      primaryLsn: head,
      replayLsn: standby.replay,
      checkedAt: checkedAt(),
      ...(lagBytes > maxLagBytes ? { reason: `standby ${lagBytes} bytes behind (limit ${maxLagBytes})` } : {}),
    };
  }

  function probe(): Promise<ReplicaStatus> {
    // One measurement at a time: concurrent callers share it.
    inFlight ??= measure().then((status) => {
      current = status;
      inFlight = undefined;
      return status;
    });
    return inFlight;
  }

  async function caughtUp(minLsn: string): Promise<boolean> {
    const deadline = Date.now() + waitMs;
    for (;;) {
      try {
        const { replay } = await withTimeout(replayLsn(), probeTimeoutMs);
        if (replay !== null && reachedLsn(replay, minLsn)) return true;
      } catch {
        void probe();
        return false;
      }
      if (Date.now() >= deadline) return false;
      await sleep(Math.min(20, Math.max(1, deadline - Date.now())));
    }
  }

  async function forRead(minLsn?: string): Promise<ReadChoice> {
    if (current.state !== 'up') return { database: primary, target: 'primary' };
    if (minLsn && !(current.replayLsn && reachedLsn(current.replayLsn, minLsn)) && !(await caughtUp(minLsn))) {
      return { database: primary, target: 'primary' };
    }
    return { database: replica, target: 'replica' };
  }

  const interval = options.probeIntervalMs ?? 2000;
  const timer = interval > 0 ? setInterval(() => void probe(), interval) : undefined;
  timer?.unref();

  return { primary, replica, status: () => current, probe, primaryLsn, forRead, stop: () => clearInterval(timer) };
}
