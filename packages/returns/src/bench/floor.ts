import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Database } from '@continuity/db';
import { CHILD_TABLES } from '../import/rows';
import type { CpuClock } from './cpu';

/**
 * The reference floor: how long a bare `COPY ... FROM` of the child-level rows already imported takes,
 * into the same tables (same indexes), one COPY per table in one transaction. The rows are first read out
 * with `COPY ... TO` (not timed), the tables emptied (not timed), then written back (timed), so the tables
 * end as they were. No parsing, no validation, no submission rows, no recompute: the least any import of
 * these rows can cost on this engine.
 */
export interface FloorResult {
  seconds: number;
  /** CPU seconds of the timed part: Node, and the PostgreSQL backends when measured. */
  cpu: { node: number; db: number };
  rows: number;
  bytes: number;
  byTable: Record<string, { rows: number; bytes: number }>;
}

export const FLOOR_TABLES: readonly string[] = [...CHILD_TABLES.ssda903, ...CHILD_TABLES.csww];

const ident = (name: string) => {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unexpected table name ${name}`);
  return `"${name}"`;
};

async function dump(database: Database, table: string): Promise<Uint8Array> {
  const raw = database.raw;
  if (raw.engine === 'pglite') {
    const result = (await raw.pglite.query(`COPY ${ident(table)} TO '/dev/blob'`)) as { blob?: Blob };
    return result.blob ? new Uint8Array(await result.blob.arrayBuffer()) : new Uint8Array();
  }
  // Not `COPY ... TO STDOUT`: postgres.js's readable() can miss the end of a short COPY and hang
  // (porsager/postgres#917). The same text, built by a query: COPY's text format, \N for null.
  const columns = await raw.sql<{ name: string }[]>`
    SELECT attname AS name FROM pg_attribute
    WHERE attrelid = ${table}::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum`;
  const fields = columns.map(({ name }) => {
    const text = `${ident(name)}::text`;
    return `coalesce(replace(replace(replace(replace(${text}, '\\', '\\\\'), E'\t', '\\t'), E'\n', '\\n'), E'\r', '\\r'), '\\N')`;
  });
  const rows = await raw.sql.unsafe<{ line: string }[]>(
    `SELECT concat_ws(E'\\t', ${fields.join(', ')}) AS line FROM ${ident(table)}`,
  );
  return new TextEncoder().encode(rows.map((r) => r.line + '\n').join(''));
}

function countLines(bytes: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 10) n++;
  return n;
}

/** Splits COPY text into pieces of about `size` bytes at line ends, as an importer would stream it. */
function pieces(bytes: Uint8Array, size = 4 << 20): Uint8Array[] {
  const out: Uint8Array[] = [];
  let from = 0;
  while (from < bytes.length) {
    let to = Math.min(bytes.length, from + size);
    while (to < bytes.length && bytes[to - 1] !== 10) to++;
    out.push(bytes.subarray(from, to));
    from = to;
  }
  return out;
}

export async function measureCopyFloor(database: Database, cpu?: CpuClock): Promise<FloorResult> {
  const texts = new Map<string, Uint8Array>();
  for (const t of FLOOR_TABLES) texts.set(t, await dump(database, t));
  const byTable: FloorResult['byTable'] = {};
  for (const [t, bytes] of texts) byTable[t] = { rows: countLines(bytes), bytes: bytes.length };
  const list = FLOOR_TABLES.map(ident).join(', ');

  const raw = database.raw;
  let seconds: number;
  const node0 = cpu?.node() ?? 0;
  let db0 = 0;
  if (raw.engine === 'pglite') {
    await raw.pglite.exec(`TRUNCATE ${list}`);
    const started = performance.now();
    await raw.pglite.transaction(async (tx) => {
      for (const [t, bytes] of texts) {
        if (bytes.length === 0) continue;
        await tx.query(`COPY ${ident(t)} FROM '/dev/blob'`, [], { blob: new Blob([bytes]) });
      }
    });
    seconds = (performance.now() - started) / 1000;
  } else {
    await raw.sql.unsafe(`TRUNCATE ${list}`);
    db0 = cpu?.db() ?? 0;
    const started = performance.now();
    await raw.sql.begin(async (tx) => {
      for (const [t, bytes] of texts) {
        if (bytes.length === 0) continue;
        const stream: Writable = await tx.unsafe(`COPY ${ident(t)} FROM STDIN`).writable();
        await pipeline(Readable.from(pieces(bytes), { objectMode: false }), stream);
      }
    });
    seconds = (performance.now() - started) / 1000;
  }
  const rows = Object.values(byTable).reduce((s, t) => s + t.rows, 0);
  const bytes = Object.values(byTable).reduce((s, t) => s + t.bytes, 0);
  const used = { node: (cpu?.node() ?? 0) - node0, db: (cpu?.db() ?? 0) - db0 };
  return { seconds, cpu: used, rows, bytes, byTable };
}
