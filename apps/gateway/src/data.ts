import { sql } from 'drizzle-orm';
import type { Database, Db } from '@continuity/db';

// The fingerprint of the last complete load is kept as the fact table's COMMENT: it lives in the
// database (so every gateway copy and engine sees it, and it goes when the table goes) and needs no
// table of its own. A `data_loads` table in packages/db would be the tidier home.
const PREFIX = 'continuity published data ';

export interface EnsureDataOptions {
  /** What the data would be if loaded now (see publishedFingerprint). */
  fingerprint: () => string | Promise<string>;
  /** Writes catalogue, reference and published values; idempotent. */
  load: (db: Db) => Promise<unknown>;
}

export interface EnsureDataResult {
  loaded: boolean;
  fingerprint: string;
  milliseconds: number;
}

/**
 * Loads the catalogue, reference data and published values unless the database already holds this
 * exact version of them: one cheap query when nothing changed, a full (idempotent) load when the
 * data is missing, the fingerprint differs, or the published values are gone.
 */
export async function ensureData(database: Database, options: EnsureDataOptions): Promise<EnsureDataResult> {
  const started = performance.now();
  const fingerprint = await options.fingerprint();
  if (!/^[0-9a-f]+$/.test(fingerprint)) throw new Error('A data fingerprint must be lowercase hex');
  const [state] = await database.rows<{ note: string | null; present: boolean }>(sql`
    SELECT obj_description('indicator_values'::regclass, 'pg_class') AS note,
      EXISTS (SELECT 1 FROM indicator_values WHERE source = 'published')
        AND EXISTS (SELECT 1 FROM councils) AS present`);
  const loaded = !(state?.present && state.note === PREFIX + fingerprint);
  if (loaded) {
    await options.load(database.db);
    // COMMENT takes no bind parameters; the fingerprint was checked to be hex above.
    await database.rows(sql.raw(`COMMENT ON TABLE indicator_values IS '${PREFIX}${fingerprint}'`));
  }
  return { loaded, fingerprint, milliseconds: Math.round(performance.now() - started) };
}
