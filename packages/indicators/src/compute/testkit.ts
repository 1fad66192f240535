/**
 * Test fixtures for the compute suites: places, returns and child-level rows inserted directly
 * with drizzle, and a reader for the computed values. Not exported from the package.
 */
import { and, eq, ne, sql } from 'drizzle-orm';
import {
  cla903Episodes,
  cla903Header,
  cla903Missing,
  cla903Oc2,
  cla903Oc3,
  cla903Reviews,
  cla903SwEpisodes,
  councils,
  cswwLaLevel,
  cswwWorkers,
  indicatorValues,
  practices,
  regions,
  storedRegistration,
  submissions,
  type Db,
} from '@continuity/db';
import { TEST_REGISTRATION_SECRET } from '@continuity/db/testing';
import type { ReturnKind } from './scope';

export const SOUTH_EAST = 'E12000008';
export const NORTH_WEST = 'E12000002';
export const ENGLAND = 'E92000001';

/** Kent (886) and Milton Keynes (826) in the South East, Liverpool (341) in the North West, practice P1. */
export async function seedPlaces(db: Db): Promise<void> {
  await db.insert(regions).values([
    { code: SOUTH_EAST, name: 'South East' },
    { code: NORTH_WEST, name: 'North West' },
  ]);
  await db.insert(councils).values([
    { code: '886', onsCode: 'E10000016', name: 'Kent', regionCode: SOUTH_EAST },
    { code: '826', onsCode: 'E06000042', name: 'Milton Keynes', regionCode: SOUTH_EAST },
    { code: '341', onsCode: 'E08000012', name: 'Liverpool', regionCode: NORTH_WEST },
  ]);
  await db.insert(practices).values([
    { id: 'P1', name: 'Practice One', pseudonym: 'Practice A' },
    { id: 'P2', name: 'Practice Two', pseudonym: 'Practice B' },
  ]);
}

export interface Return {
  id: number;
  councilCode: string;
  practiceId: string | null;
}

let hash = 0;

export async function addReturn(
  db: Db,
  r: {
    kind: ReturnKind;
    council: string;
    year: number;
    practice?: string;
    status?: 'accepted' | 'rejected' | 'superseded';
  },
): Promise<Return> {
  const [row] = await db
    .insert(submissions)
    .values({
      kind: r.kind,
      councilCode: r.council,
      practiceId: r.practice ?? null,
      collectionYear: r.year,
      status: r.status ?? 'accepted',
      submittedBy: 'test',
      contentHash: `hash-${++hash}`,
    })
    .returning({ id: submissions.id });
  return { id: row!.id, councilCode: r.council, practiceId: r.practice ?? null };
}

/** Marks `old` superseded by a new accepted submission of the same return. */
export async function replaceReturn(db: Db, old: Return, kind: ReturnKind, year: number): Promise<Return> {
  const next = await addReturn(db, {
    kind,
    council: old.councilCode,
    year,
    ...(old.practiceId ? { practice: old.practiceId } : {}),
  });
  await db.update(submissions).set({ status: 'superseded', supersededBy: next.id }).where(eq(submissions.id, old.id));
  return next;
}

const of = (r: Return) => ({ submissionId: r.id, councilCode: r.councilCode, practiceId: r.practiceId });

/** [child, DECOM, RNE, LS, PLACE, DEC, REASON_PLACE_CHANGE?] */
export type Episode = [string, string, string, string, string, string | null, string?];

export async function episodes(db: Db, r: Return, rows: Episode[]): Promise<void> {
  await db.insert(cla903Episodes).values(
    rows.map(([child, decom, rne, ls, place, dec, reason]) => ({
      ...of(r),
      child,
      decom,
      rne,
      ls,
      place,
      dec,
      reasonPlaceChange: reason ?? null,
    })),
  );
}

/** [child, DOB] */
export async function headers(db: Db, r: Return, rows: Array<[string, string | null]>): Promise<void> {
  await db.insert(cla903Header).values(rows.map(([child, dob]) => ({ ...of(r), child, dob, sex: 'F' })));
}

/** A registration number as the import stores it: keyed-hashed under the test secret (see @continuity/db registration.ts). */
export const stored = (r: Pick<Return, 'councilCode'>, raw: string) =>
  storedRegistration(TEST_REGISTRATION_SECRET, r.councilCode, raw);

/** [child, SW_ID, SW_DECOM, SW_DEC] */
export async function socialWorkers(db: Db, r: Return, rows: Array<[string, string, string | null, string | null]>) {
  await db
    .insert(cla903SwEpisodes)
    .values(rows.map(([child, swId, swDecom, swDec]) => ({ ...of(r), child, swId: stored(r, swId), swDecom, swDec })));
}

/** [child, MISSING, MIS_START, MIS_END] */
export async function missingRows(db: Db, r: Return, rows: Array<[string, string, string, string | null]>) {
  await db
    .insert(cla903Missing)
    .values(rows.map(([child, missing, misStart, misEnd]) => ({ ...of(r), child, missing, misStart, misEnd })));
}

/** [child, REVIEW, REVIEW_CODE] */
export async function reviewRows(db: Db, r: Return, rows: Array<[string, string, string]>) {
  await db
    .insert(cla903Reviews)
    .values(rows.map(([child, review, reviewCode]) => ({ ...of(r), child, review, reviewCode })));
}

export interface Oc2Row {
  child: string;
  sdq?: number | null;
  convicted?: boolean;
  healthCheck?: boolean;
  immunisations?: boolean;
  teeth?: boolean;
  assessment?: boolean;
  substance?: boolean;
}

export async function oc2Rows(db: Db, r: Return, rows: Oc2Row[]) {
  await db.insert(cla903Oc2).values(
    rows.map((o) => ({
      ...of(r),
      child: o.child,
      sdqScore: o.sdq ?? null,
      convicted: o.convicted ?? false,
      healthCheck: o.healthCheck ?? false,
      immunisations: o.immunisations ?? false,
      teethCheck: o.teeth ?? false,
      healthAssessment: o.assessment ?? false,
      substanceMisuse: o.substance ?? false,
    })),
  );
}

/** [child, DOB, IN_TOUCH, ACTIV, ACCOM] */
export async function oc3Rows(db: Db, r: Return, rows: Array<[string, string | null, string, string, string]>) {
  await db
    .insert(cla903Oc3)
    .values(rows.map(([child, dob, inTouch, activ, accom]) => ({ ...of(r), child, dob, inTouch, activ, accom })));
}

export interface WorkerRow {
  swe: string;
  agency?: boolean;
  fte?: number | null;
  fte30?: number | null;
  start?: string | null;
  end?: string | null;
  cases30?: number | null;
  daysLost?: number | null;
}

export async function workerRows(db: Db, r: Return, rows: WorkerRow[]) {
  await db.insert(cswwWorkers).values(
    rows.map((w) => ({
      ...of(r),
      sweNo: stored(r, w.swe),
      agencyWorker: w.agency ?? false,
      fte: w.fte ?? null,
      fte30: w.fte30 ?? null,
      roleStartDate: w.start ?? null,
      roleEndDate: w.end ?? null,
      cases30: w.cases30 ?? null,
      workingDaysLost: w.daysLost ?? null,
    })),
  );
}

export async function laLevel(db: Db, r: Return, vacanciesFte: number | null, agencyFte: number | null) {
  await db.insert(cswwLaLevel).values({ ...of(r), vacanciesFte, agencyFte });
}

export interface Computed {
  indicatorId: string;
  subjectKind: string;
  subjectId: string;
  period: number;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  symbol: string | null;
  submissionId: number | null;
}

/** Every computed value, in a stable order; practice parts (per council) only when asked for. */
export async function computedValues(db: Db, options: { parts?: boolean } = {}): Promise<Computed[]> {
  return db
    .select({
      indicatorId: indicatorValues.indicatorId,
      subjectKind: indicatorValues.subjectKind,
      subjectId: indicatorValues.subjectId,
      period: indicatorValues.period,
      numerator: indicatorValues.numerator,
      denominator: indicatorValues.denominator,
      value: indicatorValues.value,
      symbol: indicatorValues.symbol,
      submissionId: indicatorValues.submissionId,
    })
    .from(indicatorValues)
    .where(
      and(
        eq(indicatorValues.source, 'computed'),
        options.parts ? undefined : ne(indicatorValues.subjectKind, 'practice_part'),
      ),
    )
    .orderBy(
      indicatorValues.indicatorId,
      indicatorValues.subjectKind,
      indicatorValues.subjectId,
      indicatorValues.period,
    );
}

/** One computed value, or undefined. */
export async function computedValue(
  db: Db,
  indicatorId: string,
  subjectKind: 'england' | 'region' | 'council' | 'practice' | 'practice_part',
  subjectId: string,
  period: number,
): Promise<Computed | undefined> {
  const rows = await db
    .select()
    .from(indicatorValues)
    .where(
      and(
        eq(indicatorValues.indicatorId, indicatorId),
        eq(indicatorValues.subjectKind, subjectKind),
        eq(indicatorValues.subjectId, subjectId),
        eq(indicatorValues.period, period),
        eq(indicatorValues.source, 'computed'),
      ),
    );
  return rows[0];
}

/** numerator / denominator / value (rounded to 6 places for float comparisons) / symbol. */
export function nds(v: Computed | undefined) {
  if (!v) return undefined;
  return {
    numerator: v.numerator,
    denominator: v.denominator,
    value: v.value === null ? null : Math.round(v.value * 1e6) / 1e6,
    symbol: v.symbol,
  };
}

export const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** Removes every computed value (to compare a bulk recompute with per-council ones). */
export async function clearComputed(db: Db): Promise<void> {
  await db.execute(sql`DELETE FROM indicator_values WHERE source = 'computed'`);
}
