/** Test helpers for the import suites: places to import for, generated returns, and row counts. */
import { sql } from 'drizzle-orm';
import { councils, practiceCouncils, practices, regions, type Database } from '@continuity/db';
import { syncCatalogue } from '@continuity/indicators';
import { generateCsww, generateSsda903, writeCswwXml, writeSsda903Csv } from '../generator/index';
import { CHILD_TABLES } from './rows';

/** Kent (886) and Medway (887) in the South East, Liverpool (341) in the North West; practice swp-kent serves Kent. */
export async function seedPlaces(database: Database): Promise<void> {
  const { db } = database;
  await syncCatalogue(db);
  await db.insert(regions).values([
    { code: 'E12000008', name: 'South East' },
    { code: 'E12000002', name: 'North West' },
  ]);
  await db.insert(councils).values([
    { code: '886', onsCode: 'E10000016', name: 'Kent', regionCode: 'E12000008' },
    { code: '887', onsCode: 'E06000035', name: 'Medway', regionCode: 'E12000008' },
    { code: '341', onsCode: 'E08000012', name: 'Liverpool', regionCode: 'E12000002' },
  ]);
  await db.insert(practices).values([{ id: 'swp-kent', name: 'Kent practice', pseudonym: 'Practice K' }]);
  await db.insert(practiceCouncils).values([{ practiceId: 'swp-kent', councilCode: '886' }]);
}

/** A valid generated 903 return as DfE-format CSV files (all twelve tables). */
export function ssda903Files(seed: number | string, councilCode = '886', collectionYear = 2025, children = 25) {
  return writeSsda903Csv(generateSsda903({ seed, councilCode, collectionYear, children }));
}

/** A valid generated workforce census XML file. */
export function cswwFile(seed: number | string, councilCode = '886', censusYear = 2024, workers = 30) {
  return writeCswwXml(generateCsww({ seed, councilCode, censusYear, workers }));
}

const ALL_CHILD_TABLES = [...CHILD_TABLES.ssda903, ...CHILD_TABLES.csww];

/** Rows per child-level table (all submissions). */
export async function childRowCounts(database: Database): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of ALL_CHILD_TABLES) {
    const [row] = await database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM ${sql.identifier(t)}`);
    out[t] = row!.n;
  }
  return out;
}

/** Rows per child-level table for one submission. */
export async function rowsOf(database: Database, submissionId: number): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of ALL_CHILD_TABLES) {
    const [row] = await database.rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM ${sql.identifier(t)} WHERE submission_id = ${submissionId}`,
    );
    if (row!.n > 0) out[t] = row!.n;
  }
  return out;
}
