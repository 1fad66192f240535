import { loadOrCreateSecretFile } from '@continuity/access';
import type { Database } from '@continuity/db';
import { loadAll } from '@continuity/published';
import { ensureData, type EnsureDataResult } from './data';
import type { Env } from './env';
import { publishedFingerprint } from './fingerprint';

/**
 * What start-up puts in the database besides the migrations (which openDatabase applies): the
 * catalogue, the reference data (regions, councils, statistical neighbours, pilots and practices)
 * and DfE's published tables, loaded unless this exact version is already there (ensureData), so
 * running it again costs one query. The gateway runs it at start and the import command before it
 * imports, so either can be the first to touch a fresh database.
 */
export async function preparePublishedData(database: Database, config: Pick<Env, 'pseudonymSecret'>): Promise<EnsureDataResult> {
  const pseudonymSecret =
    'value' in config.pseudonymSecret ? config.pseudonymSecret.value : await loadOrCreateSecretFile(config.pseudonymSecret.file);
  return ensureData(database, {
    fingerprint: () => publishedFingerprint(),
    load: (db) => loadAll(db, { pseudonymSecret }),
  });
}
