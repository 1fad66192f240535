import { and, asc, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
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
 * order, for the dataloaders. Practice reads take a PracticeScope: which practices the viewer may
 * see there, applied in SQL (entitlements.ts chooses it).
 */

export type RegionRow = typeof regions.$inferSelect;
/** The pseudonym is read so that a peer can be shown under it; it is not a field of its own. */
export type PracticeRow = typeof practices.$inferSelect;

/** Which practices a read may return. */
export type PracticeScope =
  | { kind: 'all' }
  /** Those serving this council (a council viewer's own practices). */
  | { kind: 'serving'; councilCode: string }
  /** This one practice (a practice viewer, where peers would be linked to a council). */
  | { kind: 'only'; practiceId: string }
  | { kind: 'none' };

function practiceScopeWhere(scope: PracticeScope): SQL | undefined {
  switch (scope.kind) {
    case 'all':
      return undefined;
    case 'serving':
      return sql`EXISTS (SELECT 1 FROM practice_councils sc WHERE sc.practice_id = ${practices.id} AND sc.council_code = ${scope.councilCode})`;
    case 'only':
      return eq(practices.id, scope.practiceId);
    case 'none':
      return sql`false`;
  }
}
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
    .select({
      councilCode: statisticalNeighbours.councilCode,
      model: sql<string>`max(${statisticalNeighbours.model})`.as('latest_model'),
    })
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
  pseudonym: practices.pseudonym,
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
  return database.db
    .select()
    .from(regions)
    .where(inArray(regions.code, [...codes]));
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

/**
 * Practices in scope, optionally only those serving a council. `anonymousOrder`: the viewer sees
 * peers under pseudonyms, so peers are ordered by pseudonym (an order by name would hint at names)
 * after the viewer's own practice.
 */
export function listPractices(
  database: Database,
  filter: { councilCode?: string | null },
  scope: PracticeScope,
  anonymousOrder?: { ownPracticeId: string },
): Promise<PracticeRow[]> {
  const where: (SQL | undefined)[] = [practiceScopeWhere(scope)];
  if (filter.councilCode != null) {
    where.push(
      sql`EXISTS (SELECT 1 FROM practice_councils pc WHERE pc.practice_id = ${practices.id} AND pc.council_code = ${filter.councilCode})`,
    );
  }
  const order = anonymousOrder
    ? [desc(sql`${practices.id} = ${anonymousOrder.ownPracticeId}`), asc(practices.pseudonym)]
    : [asc(practices.name)];
  return database.db
    .select(practiceColumns)
    .from(practices)
    .where(and(...where))
    .orderBy(...order);
}

/** Practices by id (within the scope) and by pseudonym (for peers named by their anonymous id). */
export function findPractices(
  database: Database,
  keys: { ids: readonly string[]; pseudonyms: readonly string[] },
  scope: PracticeScope,
): Promise<PracticeRow[]> {
  const byId = keys.ids.length > 0 ? and(inArray(practices.id, [...keys.ids]), practiceScopeWhere(scope)) : undefined;
  const byPseudonym = keys.pseudonyms.length > 0 ? inArray(practices.pseudonym, [...keys.pseudonyms]) : undefined;
  if (!byId && !byPseudonym) return Promise.resolve([]);
  return database.db.select(practiceColumns).from(practices).where(or(byId, byPseudonym));
}

/** The practices each council contracts (those in scope), by name. */
export async function practicesOfCouncils(
  database: Database,
  codes: readonly string[],
  scope: PracticeScope,
): Promise<PracticeRow[][]> {
  if (scope.kind === 'none') return codes.map(() => []);
  const rows = await database.db
    .select({ key: practiceCouncils.councilCode, ...practiceColumns })
    .from(practiceCouncils)
    .innerJoin(practices, eq(practices.id, practiceCouncils.practiceId))
    .where(and(inArray(practiceCouncils.councilCode, [...codes]), practiceScopeWhere(scope)))
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

/** Every practice -> council link: what ownership needs (a council owns the practices serving it). */
export async function practiceCouncilLinks(database: Database): Promise<Map<string, string[]>> {
  const rows = await database.db
    .select({ practiceId: practiceCouncils.practiceId, councilCode: practiceCouncils.councilCode })
    .from(practiceCouncils)
    .orderBy(asc(practiceCouncils.practiceId), asc(practiceCouncils.councilCode));
  const links = new Map<string, string[]>();
  for (const { practiceId, councilCode } of rows) {
    const list = links.get(practiceId);
    if (list) list.push(councilCode);
    else links.set(practiceId, [councilCode]);
  }
  return links;
}
