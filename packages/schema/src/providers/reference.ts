import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import {
  councils,
  pilotCouncils,
  pilotWaves,
  practiceCouncils,
  practices,
  regions,
  statisticalNeighbours,
  type Database,
} from '@continuity/db';

/**
 * Reads of the reference tables (regions, councils, neighbours, practices, pilots). Each function is
 * one SQL statement; the batch readers take many keys at once and return one list per key, in key
 * order, for the dataloaders.
 */

export type RegionRow = typeof regions.$inferSelect;
export type PracticeRow = Omit<typeof practices.$inferSelect, 'pseudonym'>;
export type PilotWaveRow = typeof pilotWaves.$inferSelect;
export interface CouncilRow {
  code: string;
  onsCode: string;
  name: string;
  regionCode: string;
  /** The earliest pilot wave the council took part in, if any. */
  pilotWave: number | null;
}

/** Each pilot council's earliest wave, joined (hashed) rather than looked up once per row. */
function firstWaves(database: Database) {
  return database.db
    .select({ councilCode: pilotCouncils.councilCode, wave: sql<number>`min(${pilotCouncils.wave})`.as('first_wave') })
    .from(pilotCouncils)
    .groupBy(pilotCouncils.councilCode)
    .as('first_waves');
}

/** Each council's latest statistical-neighbour model. */
function latestModels(database: Database) {
  return database.db
    .select({ councilCode: statisticalNeighbours.councilCode, model: sql<string>`max(${statisticalNeighbours.model})`.as('latest_model') })
    .from(statisticalNeighbours)
    .groupBy(statisticalNeighbours.councilCode)
    .as('latest_models');
}

function councilColumns(waves: ReturnType<typeof firstWaves>) {
  return {
    code: councils.code,
    onsCode: councils.onsCode,
    name: councils.name,
    regionCode: councils.regionCode,
    pilotWave: sql<number | null>`${waves.wave}`,
  };
}

const practiceColumns = {
  id: practices.id,
  name: practices.name,
  model: practices.model,
  wave: practices.wave,
  started: practices.started,
  ended: practices.ended,
};

/** Files rows under their key, one (possibly empty) list per requested key, in key order. */
function groupByKey<K, R>(keys: readonly K[], rows: readonly (R & { key: K })[]): Omit<R, 'key'>[][] {
  const byKey = new Map<K, Omit<R, 'key'>[]>();
  for (const { key, ...row } of rows) {
    const list = byKey.get(key);
    if (list) list.push(row);
    else byKey.set(key, [row]);
  }
  return keys.map((k) => byKey.get(k) ?? []);
}

export function listRegions(database: Database): Promise<RegionRow[]> {
  return database.db.select().from(regions).orderBy(asc(regions.name));
}

export function regionsByCodes(database: Database, codes: readonly string[]): Promise<RegionRow[]> {
  return database.db.select().from(regions).where(inArray(regions.code, [...codes]));
}

export function listCouncils(
  database: Database,
  filter: { region?: string | null; pilotWave?: number | null } = {},
): Promise<CouncilRow[]> {
  const where: SQL[] = [];
  if (filter.region != null) where.push(eq(councils.regionCode, filter.region));
  if (filter.pilotWave != null) {
    where.push(
      sql`EXISTS (SELECT 1 FROM pilot_councils pc WHERE pc.council_code = ${councils.code} AND pc.wave = ${filter.pilotWave})`,
    );
  }
  const waves = firstWaves(database);
  return database.db
    .select(councilColumns(waves))
    .from(councils)
    .leftJoin(waves, eq(waves.councilCode, councils.code))
    .where(and(...where))
    .orderBy(asc(councils.name));
}

export function councilsByCodes(database: Database, codes: readonly string[]): Promise<CouncilRow[]> {
  const waves = firstWaves(database);
  return database.db
    .select(councilColumns(waves))
    .from(councils)
    .leftJoin(waves, eq(waves.councilCode, councils.code))
    .where(inArray(councils.code, [...codes]));
}

/** Each council's statistical neighbours in the latest SN model it has, closest first. */
export async function neighboursOf(database: Database, codes: readonly string[]): Promise<CouncilRow[][]> {
  const latest = latestModels(database);
  const waves = firstWaves(database);
  const rows = await database.db
    .select({ key: statisticalNeighbours.councilCode, ...councilColumns(waves) })
    .from(councils)
    .leftJoin(waves, eq(waves.councilCode, councils.code))
    .innerJoin(statisticalNeighbours, eq(statisticalNeighbours.neighbourCode, councils.code))
    .innerJoin(
      latest,
      and(eq(latest.councilCode, statisticalNeighbours.councilCode), eq(latest.model, statisticalNeighbours.model)),
    )
    .where(inArray(statisticalNeighbours.councilCode, [...codes]))
    .orderBy(asc(statisticalNeighbours.councilCode), asc(statisticalNeighbours.position));
  return groupByKey(codes, rows);
}

export function listPractices(database: Database, filter: { councilCode?: string | null } = {}): Promise<PracticeRow[]> {
  const where =
    filter.councilCode == null
      ? undefined
      : sql`EXISTS (SELECT 1 FROM practice_councils pc WHERE pc.practice_id = ${practices.id} AND pc.council_code = ${filter.councilCode})`;
  return database.db.select(practiceColumns).from(practices).where(where).orderBy(asc(practices.name));
}

export function practicesByIds(database: Database, ids: readonly string[]): Promise<PracticeRow[]> {
  return database.db.select(practiceColumns).from(practices).where(inArray(practices.id, [...ids]));
}

/** The practices each council contracts, by name. */
export async function practicesOfCouncils(database: Database, codes: readonly string[]): Promise<PracticeRow[][]> {
  const rows = await database.db
    .select({ key: practiceCouncils.councilCode, ...practiceColumns })
    .from(practiceCouncils)
    .innerJoin(practices, eq(practices.id, practiceCouncils.practiceId))
    .where(inArray(practiceCouncils.councilCode, [...codes]))
    .orderBy(asc(practices.name));
  return groupByKey(codes, rows);
}

/** The councils each practice serves, by DfE code (so the first is the one comparisons anchor on). */
export async function councilsOfPractices(database: Database, ids: readonly string[]): Promise<CouncilRow[][]> {
  const waves = firstWaves(database);
  const rows = await database.db
    .select({ key: practiceCouncils.practiceId, ...councilColumns(waves) })
    .from(councils)
    .leftJoin(waves, eq(waves.councilCode, councils.code))
    .innerJoin(practiceCouncils, eq(practiceCouncils.councilCode, councils.code))
    .where(inArray(practiceCouncils.practiceId, [...ids]))
    .orderBy(asc(councils.code));
  return groupByKey(ids, rows);
}

export function listPilotWaves(database: Database): Promise<PilotWaveRow[]> {
  return database.db.select().from(pilotWaves).orderBy(asc(pilotWaves.wave));
}

/** The councils of each pilot wave, by name. */
export async function councilsOfWaves(database: Database, waveNumbers: readonly number[]): Promise<CouncilRow[][]> {
  const waves = firstWaves(database);
  const rows = await database.db
    .select({ key: pilotCouncils.wave, ...councilColumns(waves) })
    .from(councils)
    .leftJoin(waves, eq(waves.councilCode, councils.code))
    .innerJoin(pilotCouncils, eq(pilotCouncils.councilCode, councils.code))
    .where(inArray(pilotCouncils.wave, [...waveNumbers]))
    .orderBy(asc(councils.name));
  return groupByKey(waveNumbers, rows);
}
