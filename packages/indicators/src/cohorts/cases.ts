import type { CohortEpisode } from './definitions';

/**
 * Hand-worked cases for every cohort boundary, run through both the TypeScript and the SQL forms
 * (cohorts.test.ts). Each case is one child in one collection year; the expectations are worked by
 * hand in the comments, never from the code's output. Year 2025 = 1 April 2024 .. 31 March 2025
 * unless a case says otherwise.
 */
export interface CohortCase {
  name: string;
  year: number;
  dob: string | null;
  /** [DECOM, DEC, RNE, LS, PLACE, REC?, PLACE_PROVIDER?, URN?] */
  episodes: Array<[string, string | null, string, string, string, string?, string?, string?]>;
  expect: {
    at31March: boolean;
    inYear: boolean;
    months12: boolean;
    placements: number;
    careStart: string | null;
    carerStart: string | null;
    longTerm: boolean;
    sameCarer: boolean;
  };
}

export const toEpisode = ([
  DECOM,
  DEC,
  RNE,
  LS,
  PLACE,
  REC,
  PLACE_PROVIDER,
  URN,
]: CohortCase['episodes'][number]): CohortEpisode => ({
  DECOM,
  DEC,
  RNE,
  LS,
  PLACE,
  REC: REC ?? null,
  PLACE_PROVIDER: PLACE_PROVIDER ?? null,
  URN: URN ?? null,
});

const no = { longTerm: false, sameCarer: false };

export const cohortCases: CohortCase[] = [
  {
    // Only short breaks (V3/V4): looked after, but outside every cohort; short breaks are not placements.
    name: 'short breaks only (V3/V4)',
    year: 2025,
    dob: '2012-06-01',
    episodes: [
      ['2024-05-01', '2024-05-03', 'S', 'V3', 'K1', 'E13'],
      ['2024-06-01', '2024-06-03', 'S', 'V3', 'K1', 'E13'],
      ['2025-03-28', null, 'S', 'V4', 'K1'],
    ],
    expect: {
      at31March: false,
      inYear: false,
      months12: false,
      placements: 0,
      careStart: '2025-03-28',
      carerStart: '2025-03-28',
      ...no,
    },
  },
  {
    // One foster placement since 2021: 12 months, 1 placement, 2.5 years in care and 2 with the carer, aged 13.
    name: 'settled since 2021',
    year: 2025,
    dob: '2012-01-01',
    episodes: [['2021-06-01', null, 'S', 'C2', 'U1']],
    expect: {
      at31March: true,
      inYear: true,
      months12: true,
      placements: 1,
      careStart: '2021-06-01',
      carerStart: '2021-06-01',
      longTerm: true,
      sameCarer: true,
    },
  },
  {
    // A fortnight in hospital (T1) and back to the same foster placement: neither the stay nor the
    // return is a placement, nor does either reset the carer (still 2022-01-10). X1 throughout: 12 months.
    name: 'temporary stay and return to the same carer',
    year: 2025,
    dob: '2014-05-05',
    episodes: [
      ['2022-01-10', '2024-07-01', 'S', 'C2', 'U1', 'X1'],
      ['2024-07-01', '2024-07-15', 'P', 'C2', 'T1', 'X1'],
      ['2024-07-15', null, 'P', 'C2', 'U1'],
    ],
    expect: {
      at31March: true,
      inYear: true,
      months12: true,
      placements: 1,
      careStart: '2022-01-10',
      carerStart: '2022-01-10',
      longTerm: true,
      sameCarer: true,
    },
  },
  {
    // Two temporary stays in a row (T1 then T2), then back to U1: still one placement, carer unchanged.
    name: 'two temporary stays in a row',
    year: 2025,
    dob: '2013-02-02',
    episodes: [
      ['2022-02-01', '2024-10-01', 'S', 'C2', 'U1', 'X1'],
      ['2024-10-01', '2024-10-10', 'P', 'C2', 'T1', 'X1'],
      ['2024-10-10', '2024-10-20', 'P', 'C2', 'T2', 'X1'],
      ['2024-10-20', null, 'P', 'C2', 'U1'],
    ],
    expect: {
      at31March: true,
      inYear: true,
      months12: true,
      placements: 1,
      careStart: '2022-02-01',
      carerStart: '2022-02-01',
      longTerm: true,
      sameCarer: true,
    },
  },
  {
    // After a T4 stay the child goes to a different placement (U4, not U1): that is a new carer.
    // Care since 2023-01-01: short of 2.5 years, so not in the long-term cohort.
    name: 'temporary stay then a different carer',
    year: 2025,
    dob: '2013-03-03',
    episodes: [
      ['2023-01-01', '2024-09-01', 'S', 'C2', 'U1', 'X1'],
      ['2024-09-01', '2024-09-05', 'P', 'C2', 'T4', 'X1'],
      ['2024-09-05', null, 'P', 'C2', 'U4'],
    ],
    expect: {
      at31March: true,
      inYear: true,
      months12: true,
      placements: 2,
      careStart: '2023-01-01',
      carerStart: '2024-09-05',
      ...no,
    },
  },
  {
    // Back to the same placement type after T2 but from another provider (PR1 then PR4): a new carer.
    // Entered 20 April 2024: not 12 months.
    name: 'temporary stay then same type, other provider',
    year: 2025,
    dob: '2013-04-04',
    episodes: [
      ['2024-04-20', '2024-06-01', 'S', 'C2', 'U1', 'X1', 'PR1'],
      ['2024-06-01', '2024-06-03', 'P', 'C2', 'T2', 'X1'],
      ['2024-06-03', null, 'P', 'C2', 'U1', undefined, 'PR4'],
    ],
    expect: {
      at31March: true,
      inYear: true,
      months12: false,
      placements: 2,
      careStart: '2024-04-20',
      carerStart: '2024-06-03',
      ...no,
    },
  },
  {
    // In a temporary placement on 31 March: looked after then; the carer is still the usual one.
    name: 'in a temporary placement on 31 March',
    year: 2025,
    dob: '2011-11-11',
    episodes: [
      ['2022-01-01', '2025-03-25', 'S', 'C2', 'U1', 'X1'],
      ['2025-03-25', null, 'P', 'C2', 'T3'],
    ],
    expect: {
      at31March: true,
      inYear: true,
      months12: true,
      placements: 1,
      careStart: '2022-01-01',
      carerStart: '2022-01-01',
      longTerm: true,
      sameCarer: true,
    },
  },
  {
    // A temporary stay across 1 April and the return on 5 April: the placement held in the year is
    // the return to U1 (1 placement); carer unchanged since 2022. 12 months: in care on 1 April (T1), X1 on.
    name: 'temporary stay across 1 April',
    year: 2025,
    dob: '2012-12-12',
    episodes: [
      ['2022-01-01', '2024-03-25', 'S', 'C2', 'U1', 'X1'],
      ['2024-03-25', '2024-04-05', 'P', 'C2', 'T1', 'X1'],
      ['2024-04-05', null, 'P', 'C2', 'U1'],
    ],
    expect: {
      at31March: true,
      inYear: true,
      months12: true,
      placements: 1,
      careStart: '2022-01-01',
      carerStart: '2022-01-01',
      longTerm: true,
      sameCarer: true,
    },
  },
  {
    // Only the temporary stay and the return are held (the placement before is in no loaded return):
    // the return is taken as DfE rule 383 requires, to the usual carer. The first episode held starts
    // the chain (2024-03-25), so the long-term cohort can only be understated.
    name: 'return from a temporary stay whose placement before is not held',
    year: 2025,
    dob: '2012-12-12',
    episodes: [
      ['2024-03-25', '2024-04-05', 'P', 'C2', 'T1', 'X1'],
      ['2024-04-05', null, 'P', 'C2', 'U1'],
    ],
    expect: {
      at31March: true,
      inYear: true,
      months12: true,
      placements: 1,
      careStart: '2024-03-25',
      carerStart: '2024-03-25',
      ...no,
    },
  },
  {
    // U then B: the placement type changes (foster to placed for adoption) with the same carer.
    // One placement; carer since 2022-01-10. Born 1 April 2010: 14 at 31 March 2025, under 16.
    name: 'same carer through U and B',
    year: 2025,
    dob: '2010-04-01',
    episodes: [
      ['2022-01-10', '2024-06-01', 'S', 'C2', 'U3', 'X1'],
      ['2024-06-01', '2024-09-01', 'U', 'E1', 'A4', 'X1'],
      ['2024-09-01', null, 'B', 'E1', 'A5'],
    ],
    expect: {
      at31March: true,
      inYear: true,
      months12: true,
      placements: 1,
      careStart: '2022-01-10',
      carerStart: '2022-01-10',
      longTerm: true,
      sameCarer: true,
    },
  },
  {
    // Placed for adoption with the current foster carer (A5) recorded with RNE T: not a new carer
    // ("adoptive placement together with their previous placement"). One placement; same carer since 2021.
    name: 'placed for adoption with the foster carer, RNE T',
    year: 2025,
    dob: '2019-07-07',
    episodes: [
      ['2021-05-01', '2024-11-01', 'S', 'C2', 'U1', 'X1'],
      ['2024-11-01', null, 'T', 'E1', 'A5'],
    ],
    expect: {
      at31March: true,
      inYear: true,
      months12: true,
      placements: 1,
      careStart: '2021-05-01',
      carerStart: '2021-05-01',
      longTerm: true,
      sameCarer: true,
    },
  },
  {
    // Three placements: U1 (open 1 April), P to U4, B (same carer, not counted), T to U6.
    name: 'three placements, a B move not counted',
    year: 2025,
    dob: '2012-01-01',
    episodes: [
      ['2023-06-01', '2024-05-01', 'S', 'C2', 'U1', 'X1'],
      ['2024-05-01', '2024-08-01', 'P', 'C2', 'U4', 'X1'],
      ['2024-08-01', '2024-10-01', 'B', 'C2', 'U4', 'X1'],
      ['2024-10-01', null, 'T', 'C2', 'U6'],
    ],
    expect: {
      at31March: true,
      inYear: true,
      months12: true,
      placements: 3,
      careStart: '2023-06-01',
      carerStart: '2024-10-01',
      ...no,
    },
  },
  {
    // Three placements but ceased on 31 March: not looked after at 31 March (so in no 31 March measure).
    name: 'ceased on 31 March',
    year: 2025,
    dob: '2011-01-01',
    episodes: [
      ['2024-05-01', '2024-09-01', 'S', 'C2', 'U1', 'X1'],
      ['2024-09-01', '2024-12-01', 'P', 'C2', 'U2', 'X1'],
      ['2024-12-01', '2025-03-31', 'P', 'C2', 'U3', 'E11'],
    ],
    expect: {
      at31March: false,
      inYear: true,
      months12: false,
      placements: 3,
      careStart: '2024-05-01',
      carerStart: '2024-12-01',
      ...no,
    },
  },
  {
    // Left care in October: looked after in the year only.
    name: 'left care before 31 March',
    year: 2025,
    dob: '2008-08-08',
    episodes: [['2023-01-01', '2024-10-01', 'S', 'C2', 'U1', 'E4A']],
    expect: {
      at31March: false,
      inYear: true,
      months12: false,
      placements: 1,
      careStart: '2023-01-01',
      carerStart: '2023-01-01',
      ...no,
    },
  },
  {
    // Entered on 1 April 2024: looked after for the whole year to 31 March 2025, so 12 months.
    name: 'entered on 1 April',
    year: 2025,
    dob: '2015-01-01',
    episodes: [['2024-04-01', null, 'S', 'C2', 'U1']],
    expect: {
      at31March: true,
      inYear: true,
      months12: true,
      placements: 1,
      careStart: '2024-04-01',
      carerStart: '2024-04-01',
      ...no,
    },
  },
  {
    // Entered on 2 April 2024: a day short of 12 months.
    name: 'entered on 2 April',
    year: 2025,
    dob: '2015-01-01',
    episodes: [['2024-04-02', null, 'S', 'C2', 'U1']],
    expect: {
      at31March: true,
      inYear: true,
      months12: false,
      placements: 1,
      careStart: '2024-04-02',
      carerStart: '2024-04-02',
      ...no,
    },
  },
  {
    // The episode that ended on 31 March 2024 is last year's; two placements this year.
    name: 'an episode ending on 31 March of the year before',
    year: 2025,
    dob: '2014-02-02',
    episodes: [
      ['2022-02-01', '2024-03-31', 'S', 'C2', 'U5', 'X1'],
      ['2024-03-31', '2024-06-01', 'P', 'C2', 'U1', 'X1'],
      ['2024-06-01', null, 'P', 'C2', 'U2'],
    ],
    expect: {
      at31March: true,
      inYear: true,
      months12: true,
      placements: 2,
      careStart: '2022-02-01',
      carerStart: '2024-06-01',
      longTerm: true,
      sameCarer: false,
    },
  },
  {
    // Left in August, came back in September: a break, so not 12 months; a new period of care.
    name: 'a break in the year',
    year: 2025,
    dob: '2012-02-02',
    episodes: [
      ['2023-01-01', '2024-08-01', 'S', 'C2', 'U1', 'E11'],
      ['2024-09-01', null, 'S', 'C2', 'U2'],
    ],
    expect: {
      at31March: true,
      inYear: true,
      months12: false,
      placements: 2,
      careStart: '2024-09-01',
      carerStart: '2024-09-01',
      ...no,
    },
  },
  {
    // A move on the same day (DEC = DECOM, under 24 hours) is not a placement: 2 placements.
    name: 'a placement of less than a day',
    year: 2025,
    dob: '2013-08-08',
    episodes: [
      ['2023-01-01', '2024-06-01', 'S', 'C2', 'U1', 'X1'],
      ['2024-06-01', '2024-06-01', 'P', 'C2', 'U2', 'X1'],
      ['2024-06-01', null, 'P', 'C2', 'U3'],
    ],
    expect: {
      at31March: true,
      inYear: true,
      months12: true,
      placements: 2,
      careStart: '2023-01-01',
      carerStart: '2024-06-01',
      ...no,
    },
  },
  {
    // L only changes the legal status: one placement, carer since 2020. Born 1 April 2009: 15.
    name: 'legal status change only',
    year: 2025,
    dob: '2009-04-01',
    episodes: [
      ['2020-05-01', '2022-10-01', 'S', 'C1', 'U1', 'X1'],
      ['2022-10-01', null, 'L', 'C2', 'U1'],
    ],
    expect: {
      at31March: true,
      inYear: true,
      months12: true,
      placements: 1,
      careStart: '2020-05-01',
      carerStart: '2020-05-01',
      longTerm: true,
      sameCarer: true,
    },
  },
  {
    // Exactly 2.5 years in care (30 September 2022) and exactly 2 years with the carer (31 March 2023).
    name: 'long-term bounds met exactly',
    year: 2025,
    dob: '2015-06-01',
    episodes: [
      ['2022-09-30', '2023-03-31', 'S', 'C2', 'U1', 'X1'],
      ['2023-03-31', null, 'P', 'C2', 'U2'],
    ],
    expect: {
      at31March: true,
      inYear: true,
      months12: true,
      placements: 1,
      careStart: '2022-09-30',
      carerStart: '2023-03-31',
      longTerm: true,
      sameCarer: true,
    },
  },
  {
    // A day short of 2.5 years in care (1 October 2022): outside the long-term cohort.
    name: 'a day short of 2.5 years',
    year: 2025,
    dob: '2014-01-01',
    episodes: [['2022-10-01', null, 'S', 'C2', 'U1']],
    expect: {
      at31March: true,
      inYear: true,
      months12: true,
      placements: 1,
      careStart: '2022-10-01',
      carerStart: '2022-10-01',
      ...no,
    },
  },
  {
    // 16 on 31 March 2025 (born 31 March 2009): not under 16.
    name: 'sixteen on 31 March',
    year: 2025,
    dob: '2009-03-31',
    episodes: [['2015-01-01', null, 'S', 'C2', 'U1']],
    expect: {
      at31March: true,
      inYear: true,
      months12: true,
      placements: 1,
      careStart: '2015-01-01',
      carerStart: '2015-01-01',
      ...no,
    },
  },
  {
    // Leap year 2023-24 (year 2024: 1 April 2023 .. 31 March 2024), a move on 29 February 2024, X1:
    // continuous, 2 placements. Born 29 February 2008: 16 on 29 February 2024, so not under 16.
    name: 'leap year: a move on 29 February, a 29 February birthday',
    year: 2024,
    dob: '2008-02-29',
    episodes: [
      ['2020-04-01', '2024-02-29', 'S', 'C2', 'U1', 'X1'],
      ['2024-02-29', null, 'P', 'C2', 'U2'],
    ],
    expect: {
      at31March: true,
      inYear: true,
      months12: true,
      placements: 2,
      careStart: '2020-04-01',
      carerStart: '2024-02-29',
      ...no,
    },
  },
  {
    // Leap year 2024: a short break (V3) during an otherwise continuous year breaks the 12 months
    // (DfE excludes respite from the OC2 cohort), but the child is looked after at 31 March and the
    // short break is not a placement.
    name: 'leap year: a short break inside the year',
    year: 2024,
    dob: '2012-02-29',
    episodes: [
      ['2021-01-01', '2023-05-01', 'S', 'C2', 'U1', 'X1'],
      ['2023-05-01', '2023-05-03', 'L', 'V3', 'U1', 'X1'],
      ['2023-05-03', null, 'L', 'C2', 'U1'],
    ],
    expect: {
      at31March: true,
      inYear: true,
      months12: false,
      placements: 1,
      careStart: '2021-01-01',
      carerStart: '2021-01-01',
      longTerm: true,
      sameCarer: true,
    },
  },
];
