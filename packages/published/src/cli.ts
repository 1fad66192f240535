/**
 * Loads the catalogue, reference data and published DfE figures, and prints what loaded and how long
 * it took. `DATABASE_URL` selects PostgreSQL; otherwise PGlite (in `PGLITE_DIR`, or in memory).
 * `--again` loads a second time to show that a reload writes nothing. Practice pseudonyms are keyed
 * with `PSEUDONYM_SECRET`, or the secret in `.data/pseudonym-secret` (the gateway's; made if absent).
 *   npx tsx packages/published/src/cli.ts [--again]
 */
import { fileURLToPath } from 'node:url';
import { DEFAULT_PSEUDONYM_SECRET_FILE, loadOrCreateSecretFile } from '@continuity/access';
import { openDatabase } from '@continuity/db';
import { loadAll } from './load-all';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const pseudonymSecret =
  process.env.PSEUDONYM_SECRET || (await loadOrCreateSecretFile(repoRoot + DEFAULT_PSEUDONYM_SECRET_FILE));

const opened = performance.now();
const database = await openDatabase({ url: process.env.DATABASE_URL, dataDir: process.env.PGLITE_DIR });
const openMs = Math.round(performance.now() - opened);
try {
  const summary = await loadAll(database.db, { pseudonymSecret });
  const again = process.argv.includes('--again') ? await loadAll(database.db, { pseudonymSecret }) : undefined;
  console.log(
    JSON.stringify(
      {
        engine: database.engine,
        openMs,
        ...summary,
        again: again && { values: again.values, written: again.written, milliseconds: again.milliseconds },
      },
      null,
      2,
    ),
  );
} finally {
  await database.close();
}
