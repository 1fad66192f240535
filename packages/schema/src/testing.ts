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
 * Worked: 11 councils ranked in 2024; Kent ties South Tyneside at rank 3, quartile ceil(4x3/11)=2.
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
    { id: 'swp-hillingdon', name: 'Hillingdon Social Work Practice', model: 'third_sector', wave: 1, councils: ['312'] },
    { id: 'swp-ntyne', name: 'Tyne Practice', model: 'private_company', wave: 2, councils: ['929', '392'] },
    { id: 'swp-styne', name: 'South Tyneside Practice', model: null, wave: 2, councils: ['393'] },
  ] as const,
} as const;

const v2024: Record<string, [number | null, number]> = {
  '390': [10, 100], '391': [12, 100], '392': [8, 100], '393': [9, 100], '929': [11, 100],
  '312': [14, 100], '313': [7, 100], '314': [null, 100], '886': [90, 1000], '887': [20, 200],
  '845': [13, 100], '850': [60, 500],
};

/** Writes the fixture into an empty, migrated database. */
export async function seedFixture(database: Database): Promise<void> {
  const { db } = database;
  await syncCatalogue(db);
  await db.insert(regions).values([...fixture.regions]);
  await db.insert(councils).values(
    fixture.councils.map(([code, onsCode, name, regionCode]) => ({ code, onsCode, name, regionCode })),
  );
  await db.insert(statisticalNeighbours).values(
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
  await db.insert(practices).values(
    fixture.practices.map(({ councils: _c, ...p }) => ({ ...p, started: '2010-01-04', pseudonym: `Practice ${p.id}` })),
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
  await db.insert(indicatorValues).values([
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
