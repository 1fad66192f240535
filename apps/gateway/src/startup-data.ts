import { loadOrCreateSecretFile } from '@continuity/access';
import {
  hashStoredRegistrations,
  withholdStoredFindings,
  type Database,
  type RegistrationSecret,
} from '@continuity/db';
import { loadAll } from '@continuity/published';
import { ensureData, type EnsureDataResult } from './data';
import type { Env } from './env';
import { publishedFingerprint } from './fingerprint';

/**
 * The server secret: the practice pseudonym key, also the key registration numbers are hashed under
 * at import (with a label of its own; see @continuity/db registration.ts). From configuration
 * (PSEUDONYM_SECRET) or its file, generated once in development.
 */
export async function loadServerSecret(config: Pick<Env, 'pseudonymSecret'>): Promise<RegistrationSecret> {
  return 'value' in config.pseudonymSecret
    ? config.pseudonymSecret.value
    : loadOrCreateSecretFile(config.pseudonymSecret.file);
}

/**
 * What start-up puts in the database besides the migrations (which openDatabase applies): the
 * catalogue, the reference data (regions, councils, statistical neighbours, pilots and practices)
 * and DfE's published tables, loaded unless this exact version is already there (ensureData), so
 * running it again costs one query. Then any registration number stored before they were hashed at
 * import is hashed, and withheld from findings stored before they were withheld (data migrations;
 * nothing to do after the first run). The gateway runs it at
 * start and the import command before it imports, so either can be the first to touch a fresh database.
 */
export async function preparePublishedData(
  database: Database,
  config: Pick<Env, 'pseudonymSecret'>,
): Promise<EnsureDataResult & { registrationsHashed: Record<string, number>; findingsWithheld: number }> {
  const pseudonymSecret = await loadServerSecret(config);
  const data = await ensureData(database, {
    fingerprint: () => publishedFingerprint(),
    load: (db) => loadAll(db, { pseudonymSecret }),
  });
  const registrationsHashed = await hashStoredRegistrations(database, pseudonymSecret);
  return { ...data, registrationsHashed, findingsWithheld: await withholdStoredFindings(database) };
}
