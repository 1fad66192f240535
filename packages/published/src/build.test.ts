import { describe, expect, it } from 'vitest';
import { buildValues } from './build';
import { workingDaysInCensusYear, type PublishedSource } from './sources';
import { parseCsv } from './tables';

const HEAD =
  'time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,old_la_code,la_name,new_la_code';
const ENGLAND = 'Reporting year,National,E92000001,England,,,,,';
const SOUTH_EAST = 'Reporting year,Regional,E92000001,England,E12000008,South East,,,';
const KENT = 'Reporting year,Local authority,E92000001,England,E12000008,South East,886,Kent,E10000016';
const RUTLAND = 'Reporting year,Local authority,E92000001,England,E12000004,East Midlands,857,Rutland,E06000017';

// A long table: one row per measure, with the group's total beside it.
const longTable = parseCsv(
  [
    `\uFEFF${HEAD},group,measure,count,percent`,
    `2025,${ENGLAND},G,Moved,8850,11`,
    `2025,${ENGLAND},G,Total,83750,100`,
    `2025,${ENGLAND},Other,Moved,1,1`,
    `2025,${SOUTH_EAST},G,Moved,1330,12`,
    `2025,${SOUTH_EAST},G,Total,11050,100`,
    `2025,${KENT},G,Moved,221,12`,
    `2025,${KENT},G,Total,1896,100`,
    `2025,${RUTLAND},G,Moved,c,c`,
    `2025,${RUTLAND},G,Total,32,100`,
  ].join('\n'),
);

const longSource: PublishedSource = {
  file: 'long',
  rows: { group: 'G' },
  value: { column: 'percent', where: { measure: 'Moved' } },
  numerator: { cell: { column: 'count', where: { measure: 'Moved' } } },
  denominator: { cell: { column: 'count', where: { measure: 'Total' } } },
};

describe('buildValues', () => {
  it('takes the measure row over its total row, for every level', () => {
    const values = buildValues('m', [longSource], () => longTable);
    expect(values).toHaveLength(4);
    expect(values.find((v) => v.subjectKind === 'england')).toEqual({
      indicatorId: 'm',
      subjectKind: 'england',
      subjectId: 'E92000001',
      period: 2025,
      numerator: 8850,
      denominator: 83750,
      value: 11,
      symbol: null,
      numeratorSymbol: null,
      denominatorSymbol: null,
    });
    expect(values.find((v) => v.subjectKind === 'region')).toMatchObject({
      subjectId: 'E12000008',
      numerator: 1330,
      denominator: 11050,
      value: 12,
    });
    expect(values.find((v) => v.subjectId === '886')).toMatchObject({ numerator: 221, denominator: 1896, value: 12 });
  });

  it('keeps suppressed cells as symbols beside the numbers that were published', () => {
    const rutland = buildValues('m', [longSource], () => longTable).find((v) => v.subjectId === '857');
    expect(rutland).toMatchObject({
      value: null,
      symbol: 'c',
      numerator: null,
      numeratorSymbol: 'c',
      denominator: 32,
      denominatorSymbol: null,
    });
  });

  // A wide table (CSWW layout): one row per subject; denominators by DfE's formulas.
  const wide = parseCsv(
    [
      `${HEAD},inpost_fte,agency_fte,agency_rate_fte,working_days_lost_fte,absence_rate_fte`,
      `2025,${ENGLAND},36186.3,5415.9,13,322786.3,3.5`,
      `2025,Reporting year,Local authority,E92000001,England,E12000001,North East,394,Sunderland,E08000024,229.5,low,low,2236,3.9`,
      `2024,Reporting year,Local authority,E92000001,England,E13000002,Outer London,314 / 318,Kingston upon Thames / Richmond upon Thames,E09000021 / E09000027,148.8,20,11.8,1000,2.7`,
      `2024,Reporting year,Local authority,E92000001,England,E13000002,Outer London,318,Richmond upon Thames,E09000027,1,1,50,1,1`,
      `2023,Reporting year,Local authority,E92000001,England,E13000002,Outer London,940 / 941,North / West,E1 / E2,10,1,9.1,1,1`,
    ].join('\n'),
  );

  it('sums and scales cells for formula denominators, rounded to the printed precision', () => {
    const agency = buildValues(
      'agency',
      [
        {
          file: 'wide',
          rows: {},
          value: { column: 'agency_rate_fte' },
          numerator: { cell: { column: 'agency_fte' } },
          denominator: { sum: [{ column: 'agency_fte' }, { column: 'inpost_fte' }] },
        },
      ],
      () => wide,
    );
    expect(agency.find((v) => v.subjectKind === 'england')).toMatchObject({
      numerator: 5415.9,
      denominator: 41602.2,
      value: 13,
    });
    // A sum with a symbol in it is that symbol.
    expect(agency.find((v) => v.subjectId === '394')).toMatchObject({
      value: null,
      symbol: 'low',
      numeratorSymbol: 'low',
      denominator: null,
      denominatorSymbol: 'low',
    });

    const absence = buildValues(
      'absence',
      [
        {
          file: 'wide',
          rows: {},
          value: { column: 'absence_rate_fte' },
          numerator: { cell: { column: 'working_days_lost_fte' } },
          denominator: { cell: { column: 'inpost_fte' }, times: 253 },
        },
      ],
      () => wide,
    );
    // 36186.3 x 253 = 9155133.9
    expect(absence.find((v) => v.subjectKind === 'england')).toMatchObject({ denominator: 9155133.9, value: 3.5 });
  });

  it('applies a factor that depends on the period (working days in a census year)', () => {
    expect([2019, 2020, 2023, 2024, 2025, 2100].map(workingDaysInCensusYear)).toEqual([253, 254, 253, 254, 253, 253]);
    const absence = buildValues(
      'absence',
      [
        {
          file: 'wide',
          rows: {},
          value: { column: 'absence_rate_fte' },
          numerator: { cell: { column: 'working_days_lost_fte' } },
          denominator: { cell: { column: 'inpost_fte' }, times: (period) => (period === 2025 ? 254 : 253) },
        },
      ],
      () => wide,
    );
    // 36186.3 x 254 = 9191320.2
    expect(absence.find((v) => v.subjectKind === 'england')).toMatchObject({ denominator: 9191320.2 });
  });

  it("gives a joint service's figure to its first council and z to partners without a row of their own", () => {
    const values = buildValues('inpost', [{ file: 'wide', rows: {}, value: { column: 'inpost_fte' } }], () => wide);
    const council = (id: string, period: number) => values.filter((v) => v.subjectId === id && v.period === period);
    expect(council('314', 2024)).toMatchObject([{ value: 148.8, symbol: null }]);
    expect(council('318', 2024)).toMatchObject([{ value: 1, symbol: null }]); // its own row wins
    expect(council('940', 2023)).toMatchObject([{ value: 10 }]);
    expect(council('941', 2023)).toMatchObject([
      { value: null, symbol: 'z', numerator: null, numeratorSymbol: null, denominatorSymbol: null },
    ]);
  });

  it('takes each period whole from the newest source that has it', () => {
    const older = parseCsv(
      [
        `${HEAD},group,measure,count,percent`,
        `2023,${ENGLAND},G,Moved,8630,10`,
        `2023,${ENGLAND},G,Total,83840,100`,
        `2023,Reporting year,Local authority,E92000001,England,E12000009,South West,836,Poole,E06000029,G,Moved,z,z`,
        `2023,Reporting year,Local authority,E92000001,England,E12000009,South West,836,Poole,E06000029,G,Total,z,z`,
        `2022,${ENGLAND},G,Moved,7000,9`,
        `2022,${ENGLAND},G,Total,80000,100`,
      ].join('\n'),
    );
    const newer = parseCsv(
      [
        `${HEAD},group,measure,count,percent`,
        `2023,${ENGLAND},G,Moved,8850,11`,
        `2023,${ENGLAND},G,Total,83750,100`,
      ].join('\n'),
    );
    const values = buildValues('m', [{ ...longSource, file: 'old' }, longSource], (file) =>
      file === 'old' ? older : newer,
    );
    expect(values.map((v) => [v.subjectId, v.period, v.numerator, v.value])).toEqual([
      ['E92000001', 2023, 8850, 11],
      ['E92000001', 2022, 7000, 9],
    ]);
  });

  it('fails loudly when a spec no longer matches its file', () => {
    const missing: PublishedSource = {
      ...longSource,
      denominator: { cell: { column: 'count', where: { measure: 'All' } } },
    };
    expect(() => buildValues('m', [missing], () => longTable)).toThrow(/0 rows for count/);
    const noColumn: PublishedSource = { ...longSource, value: { column: 'pct', where: { measure: 'Moved' } } };
    expect(() => buildValues('m', [noColumn], () => longTable)).toThrow(/no column pct/);
  });
});
