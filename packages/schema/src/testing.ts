import { assignPseudonyms, demoUsers, type Viewer } from '@continuity/access';
import {
  councils,
  indicatorValues,
  pilotCouncils,
  pilotWaves,
  practiceCouncils,
  practices,
  regions,
  statisticalNeighbours,
  type Database,
} from '@continuity/db';
import { syncCatalogue } from '@continuity/indicators';
import { execute as executeDocument, parse, specifiedRules, validate, type GraphQLError } from 'graphql';
import { flushAudit } from './audit';
import { createContext, type Context } from './context';
import { DEFAULT_LIMITS, operationLimitErrors, type QueryLimits } from './limits';
import { schema } from './schema';

/** Tests' pseudonym secret (the server's comes from configuration and is never committed). */
export const TEST_PSEUDONYM_SECRET = 'continuity-test-pseudonym-secret';

/**
 * A small hand-made hub for read-path tests (schema and gateway): 3 regions, 12 councils with 3
 * statistical neighbours each, 2 pilot waves, 4 practices, the real catalogue, and values of
 * placements_3plus (lower is better, percent) small enough to work by hand:
 *
 *   2024 councils (numerator/denominator = value): 390 10/100=10, 391 12/100=12, 392 8/100=8,
 *     393 9/100=9, 929 11/100=11, 312 14/100=14, 313 7/100=7, 314 suppressed (c), 886 90/1000=9,
 *     887 20/200=10, 845 13/100=13, 850 60/500=12.
 *   2023: Kent 886 100/1000=10. England 2024 7000/100000=7, 2023 8000/100000=8.
 *   Regions 2024: North East 99/1000=9.9, London 120/1000=12, South East 105/1000=10.5.
 *   Practice swp-ntyne (North Tyneside 392 + Northumberland 929), computed 2024: 4/40=10.
 *
 * Worked: 11 councils ranked in 2024; Kent ties South Tyneside at rank 3; LAIT quartile 1 (Q25 = 9,
 * between the 3rd and 4th of 7 8 9 9 10 10 11 12 12 13 14, and Kent's 9 <= Q25).
 * Kent's neighbours 887, 845, 850 pool to (20+13+60)/(200+100+500) x 100 = 11.625.
 * swp-ntyne anchors on 392 (lowest code): region North East, neighbours 390, 391, 393 pool to
 * (10+12+9)/300 x 100 = 10.333...
 */
export const fixture = {
  regions: [
    { code: 'E12000001', name: 'North East' },
    { code: 'E12000007', name: 'London' },
    { code: 'E12000008', name: 'South East' },
  ],
  councils: [
    ['390', 'E08000037', 'Gateshead', 'E12000001'],
    ['391', 'E08000021', 'Newcastle upon Tyne', 'E12000001'],
    ['392', 'E08000022', 'North Tyneside', 'E12000001'],
    ['393', 'E08000023', 'South Tyneside', 'E12000001'],
    ['929', 'E06000057', 'Northumberland', 'E12000001'],
    ['312', 'E09000017', 'Hillingdon', 'E12000007'],
    ['313', 'E09000018', 'Hounslow', 'E12000007'],
    ['314', 'E09000021', 'Kingston upon Thames', 'E12000007'],
    ['886', 'E10000016', 'Kent', 'E12000008'],
    ['887', 'E06000035', 'Medway', 'E12000008'],
    ['845', 'E10000011', 'East Sussex', 'E12000008'],
    ['850', 'E10000014', 'Hampshire', 'E12000008'],
  ] as const,
  neighbours: {
    '390': ['391', '393', '392'],
    '391': ['390', '392', '393'],
    '392': ['390', '391', '393'],
    '393': ['390', '392', '929'],
    '929': ['392', '390', '845'],
    '312': ['313', '314', '887'],
    '313': ['312', '314', '391'],
    '314': ['313', '312', '850'],
    '886': ['887', '845', '850'],
    '887': ['886', '845', '313'],
    '845': ['850', '886', '929'],
    '850': ['845', '886', '314'],
  } as Record<string, string[]>,
  practices: [
    { id: 'swp-kent', name: 'Kent Social Work Practice', model: 'partnership', wave: 1, councils: ['886'] },
    {
      id: 'swp-hillingdon',
      name: 'Hillingdon Social Work Practice',
      model: 'third_sector',
      wave: 1,
      councils: ['312'],
    },
    { id: 'swp-ntyne', name: 'Tyne Practice', model: 'private_company', wave: 2, councils: ['929', '392'] },
    { id: 'swp-styne', name: 'South Tyneside Practice', model: null, wave: 2, councils: ['393'] },
  ] as const,
} as const;

const v2024: Record<string, [number | null, number]> = {
  '390': [10, 100],
  '391': [12, 100],
  '392': [8, 100],
  '393': [9, 100],
  '929': [11, 100],
  '312': [14, 100],
  '313': [7, 100],
  '314': [null, 100],
  '886': [90, 1000],
  '887': [20, 200],
  '845': [13, 100],
  '850': [60, 500],
};

/** Writes the fixture into an empty, migrated database. */
export async function seedFixture(database: Database): Promise<void> {
  const { db } = database;
  await syncCatalogue(db);
  await db.insert(regions).values([...fixture.regions]);
  await db
    .insert(councils)
    .values(fixture.councils.map(([code, onsCode, name, regionCode]) => ({ code, onsCode, name, regionCode })));
  await db
    .insert(statisticalNeighbours)
    .values(
      Object.entries(fixture.neighbours).flatMap(([councilCode, list]) =>
        list.map((neighbourCode, i) => ({ councilCode, neighbourCode, position: i + 1, model: '2025' })),
      ),
    );
  await db.insert(pilotWaves).values([
    { wave: 1, name: 'First wave', startYear: 2009, description: 'The first six pilots.' },
    { wave: 2, name: 'Second wave', startYear: 2011, description: 'The second wave of pilots.' },
  ]);
  await db.insert(pilotCouncils).values([
    { wave: 1, councilCode: '312' },
    { wave: 1, councilCode: '886' },
    { wave: 2, councilCode: '392' },
    { wave: 2, councilCode: '929' },
    { wave: 2, councilCode: '393' },
  ]);
  const pseudonyms = assignPseudonyms(
    TEST_PSEUDONYM_SECRET,
    fixture.practices.map((p) => p.id),
  );
  await db.insert(practices).values(
    fixture.practices.map(({ councils: _c, ...p }) => ({
      ...p,
      started: '2010-01-04',
      pseudonym: pseudonyms.get(p.id)!,
    })),
  );
  await db
    .insert(practiceCouncils)
    .values(fixture.practices.flatMap((p) => p.councils.map((councilCode) => ({ practiceId: p.id, councilCode }))));

  const value = (
    subjectKind: 'england' | 'region' | 'council' | 'practice',
    subjectId: string,
    period: number,
    numerator: number | null,
    denominator: number,
    source: 'published' | 'computed' = 'published',
  ) => ({
    indicatorId: 'placements_3plus',
    subjectKind,
    subjectId,
    period,
    source,
    numerator,
    denominator,
    value: numerator === null ? null : (numerator * 100) / denominator,
    symbol: numerator === null ? 'c' : null,
  });
  await db
    .insert(indicatorValues)
    .values([
      ...Object.entries(v2024).map(([code, [n, d]]) => value('council', code, 2024, n, d)),
      value('council', '886', 2023, 100, 1000),
      value('england', 'E92000001', 2024, 7000, 100000),
      value('england', 'E92000001', 2023, 8000, 100000),
      value('region', 'E12000001', 2024, 99, 1000),
      value('region', 'E12000007', 2024, 120, 1000),
      value('region', 'E12000008', 2024, 105, 1000),
      value('practice', 'swp-ntyne', 2024, 4, 40, 'computed'),
    ]);
}

/**
 * Computed figures worked by hand for disclosure tests, added to `seedFixture`: placements_3plus in
 * 2025 (no published figure that year), and two more practices of Kent, so Kent has three.
 *
 *   practices: swp-kent 3/30, swp-kent-b 12/60, swp-kent-c 20/100 (Kent's three), swp-hillingdon 2/20
 *   councils:  Kent 886 40/400, Medway 887 20/200, Hillingdon 312 4/50, Hounslow 313 9/90, Kingston 314 30/300
 *   regions:   South East 60/600 (886 + 887), London 43/440 (312 + 313 + 314); England 103/1040
 *
 * Worked for a viewer who owns none of it (policy), numerators (denominators are all over 5):
 *   primary: swp-kent 3, swp-hillingdon 2, Hillingdon 4 -> c.
 *   London = 312 + 313 + 314 hides only 312: complement the smallest other, Hounslow 9 -> c.
 *   Kent = its practices hides only swp-kent: complement swp-kent-b 12 -> c.
 *   Hillingdon = swp-hillingdon hides both. Nothing else is determined (312 + 313 = 13, swp-kent +
 *   swp-kent-b = 20, swp-hillingdon = 312: three equations, five unknowns, none pinned).
 *   Rounded to 10: London 43 -> 40, England 103 -> 100; South East 60, denominators 440, 1040 as they are.
 *   Hillingdon's neighbours 313, 314, 887 pool to 59/590: 313 is suppressed, so the pooled numerator
 *   (and the rate) is withheld; Kent's neighbours pool Medway alone, 20/200 = 10, shown.
 */
export const computedFixture = {
  period: 2025,
  practices: [
    { id: 'swp-kent-b', name: 'Kent Practice B', model: 'third_sector', wave: null, councils: ['886'] },
    { id: 'swp-kent-c', name: 'Kent Practice C', model: 'private_company', wave: null, councils: ['886'] },
  ],
  values: [
    ['practice', 'swp-kent', 3, 30],
    ['practice', 'swp-kent-b', 12, 60],
    ['practice', 'swp-kent-c', 20, 100],
    ['practice', 'swp-hillingdon', 2, 20],
    ['council', '886', 40, 400],
    ['council', '887', 20, 200],
    ['council', '312', 4, 50],
    ['council', '313', 9, 90],
    ['council', '314', 30, 300],
    ['region', 'E12000008', 60, 600],
    ['region', 'E12000007', 43, 440],
    ['england', 'E92000001', 103, 1040],
  ] as const,
} as const;

export async function seedComputedFixture(database: Database): Promise<void> {
  const { db } = database;
  const existing = new Map(
    (await db.select({ id: practices.id, pseudonym: practices.pseudonym }).from(practices)).map((p) => [
      p.id,
      p.pseudonym,
    ]),
  );
  const pseudonyms = assignPseudonyms(
    TEST_PSEUDONYM_SECRET,
    computedFixture.practices.map((p) => p.id),
    existing,
  );
  await db.insert(practices).values(
    computedFixture.practices.map(({ councils: _c, ...p }) => ({
      ...p,
      started: '2012-04-01',
      pseudonym: pseudonyms.get(p.id)!,
    })),
  );
  await db
    .insert(practiceCouncils)
    .values(
      computedFixture.practices.flatMap((p) => p.councils.map((councilCode) => ({ practiceId: p.id, councilCode }))),
    );
  await db.insert(indicatorValues).values(
    computedFixture.values.map(([subjectKind, subjectId, numerator, denominator]) => ({
      indicatorId: 'placements_3plus',
      subjectKind,
      subjectId,
      period: computedFixture.period,
      source: 'computed' as const,
      numerator,
      denominator,
      value: (numerator * 100) / denominator,
      symbol: null,
    })),
  );
}

/** Viewers for tests: the demo users, and a second council and practice. */
const demo = (id: string): Viewer => demoUsers.find((u) => u.viewer.userId === id)!.viewer;
export const testViewers = {
  policy: demo('demo-policy'),
  admin: demo('demo-admin'),
  councilKent: demo('demo-council-kent'),
  councilOther: demo('demo-council-hillingdon'),
  practiceKent: demo('demo-practice-kent'),
  practiceOther: {
    userId: 'test-practice-hillingdon',
    name: 'Hillingdon practice user',
    role: 'practice',
    organisation: { kind: 'practice', id: 'swp-hillingdon' },
  } satisfies Viewer,
} as const;

export interface Executed {
  data: any;
  errors: readonly GraphQLError[] | undefined;
  context: Context;
}

/**
 * Runs a document as the gateway does, without HTTP: parse (token limit), validate, query limits,
 * execute, then write the request's audit rows. For schema tests.
 */
export async function execute(
  database: Database,
  viewer: Viewer | null,
  source: string,
  variables?: Record<string, unknown>,
  limits: Partial<QueryLimits> = {},
): Promise<Executed> {
  const context = createContext({ database, viewer, limits });
  const all = { ...DEFAULT_LIMITS, ...limits };
  let document;
  try {
    document = parse(source, { maxTokens: all.maxTokens });
  } catch (error) {
    return { data: undefined, errors: [error as GraphQLError], context };
  }
  const invalid = validate(schema, document, specifiedRules);
  if (invalid.length > 0) return { data: undefined, errors: invalid, context };
  const over = operationLimitErrors({ schema, document, variables, operationName: undefined, context, limits: all });
  if (over.length > 0) return { data: undefined, errors: over, context };
  const result = await executeDocument({ schema, document, variableValues: variables, contextValue: context });
  await flushAudit(context);
  return { data: result.data, errors: result.errors, context };
}
