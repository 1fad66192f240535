import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { indicatorValues, submissions, type Database } from '@continuity/db';
import { openTestDatabase, testEngines } from '@continuity/db/testing';
import { preparePublishedData } from '../startup-data';
import { runImportCli } from './cli';

/*
 * Done when (issue 10): a council's realistic 903 CSV return, with short-break (V3/V4) children,
 * temporary placements (T0-T4) and a README.txt (and a .DS_Store) in the folder, goes in through the
 * import command on a fresh database (migrated, reference data loaded by the command itself), and its
 * figures equal the ones worked by hand below.
 *
 * Kent (886), year to 31 March 2025 (1 April 2024 .. 31 March 2025). Per child:
 *
 * child  care                                              31 Mar  placements  SWs  LT (under 16, in care <= 30/09/2022; carer <= 31/03/2023)  OC2 12 months (health assessment)
 * A1     foster U1 since 01/06/2021                        yes     1           1    13, 2021 / carer 2021: numerator                          yes (1)
 * A2     U1 since 10/01/2022; hospital T1 in July and      yes     1 (the stays 1    10, 2022 / carer 2022 (stays do not reset): numerator      yes (1)
 *        respite-of-carer T2 in October, back to U1 each           and returns
 *        time                                                      not counted)
 * A3     U1 06/2023, P to U4 05/2024, B to U5 08/2024      yes     3 (S, P, T;  3    2023: out                                                  yes (0)
 *        (same carer), T to U6 10/2024                             B not)
 * A4     short breaks only (V3), one open at 31 March      no      -           0    -                                                          no (V3)
 *        (no social worker episode: SW01STG1 must not ask)
 * A5     short breaks only (V4), open at 31 March, with    no      -           3    -                                                          no
 *        3 social workers
 * A6     entered 01/06/2024, blank OC2 row                 yes     1           1    2024: out                                                  no (entered June): its blank row counts nowhere
 * A7     left care 01/10/2024, 3 social workers            no      1           3    -                                                          no
 * A8     U3 since 01/03/2022, aged 3                       yes     1           1    3, 2022 / 2022: numerator                                  yes (1; development check 1)
 * A9     U1 since 01/05/2021, placed for adoption with     yes     1 (adoption  1    5, 2021 / carer 2021 (adoption with the carer counts     yes (1)
 *        the foster carer (A5, RNE U) 01/11/2024                   with carer   with the placement before): numerator
 *                                                                  not counted)
 * A10    U1 since 01/01/2021, P to U4 01/06/2023           yes     1           1    11, 2021 / carer 2023-06-01: denominator only             yes (1)
 *
 * Looked after at 31 March (V3/V4 excluded): A1 A2 A3 A6 A8 A9 A10 = 7.
 * placements_3plus: A3 = 1/7. (Counting the returns from temporary stays, A2 would have 3.)
 * social_workers_3plus: A3 = 1/7 (A5's and A7's three workers do not count: not in the cohort).
 * long_term_stability: A1 A2 A8 A9 / A1 A2 A8 A9 A10 = 4/5 = 80%.
 * health_assessments: cohort A1 A2 A3 A8 A9 A10 = 6 (A6's blank row is not in it); assessed all but A3 = 5/6.
 * development_assessments: under 5 in the cohort: A8 (A9 is 5 on 31 March 2025) = 1/1.
 */

const HEADER = 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB';
const EPISODES = 'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN';
const SW = 'CHILD,DOB,SW_ID,SW_DECOM,SW_DEC,SW_REASON';
const OC2 =
  'CHILD,DOB,SDQ_SCORE,SDQ_REASON,CONVICTED,HEALTH_CHECK,IMMUNISATIONS,TEETH_CHECK,HEALTH_ASSESSMENT,SUBSTANCE_MISUSE,INTERVENTION_RECEIVED,INTERVENTION_OFFERED';

const dob: Record<string, string> = {
  A1: '01/01/2012',
  A2: '05/05/2014',
  A3: '01/01/2012',
  A4: '02/02/2013',
  A5: '03/03/2011',
  A6: '06/06/2016',
  A7: '07/07/2009',
  A8: '01/09/2021',
  A9: '07/07/2019',
  A10: '01/01/2013',
};

const header = [
  HEADER,
  ...Object.entries(dob).map(([child, d], i) => {
    const sex = i % 2 ? 'M' : 'F';
    // MOTHER only for girls aged 12+ looked after (and never for short breaks, rule 399)
    const mother = sex === 'F' && ['A1', 'A3', 'A7'].includes(child) ? '0' : '';
    return `${child},${sex},${d},WBRI,UN1,${mother},`;
  }),
];

const episodes = [
  EPISODES,
  'A1,01/06/2021,S,C2,N1,U1,PR1,,,,AB1 2CD,EF3 4GH,SC100001',
  // temporary stays (hospital T1, holiday of the carer T2) and the returns to the same placement
  'A2,10/01/2022,S,C2,N1,U1,PR1,01/07/2024,X1,,AB1 2CD,EF3 4GH,SC100002',
  'A2,01/07/2024,P,C2,N1,T1,PR0,15/07/2024,X1,,AB1 2CD,EF3 4GA,',
  'A2,15/07/2024,P,C2,N1,U1,PR1,01/10/2024,X1,,AB1 2CD,EF3 4GH,SC100002',
  'A2,01/10/2024,P,C2,N1,T2,PR1,10/10/2024,X1,,AB1 2CD,EF3 4GB,',
  'A2,10/10/2024,P,C2,N1,U1,PR1,,,,AB1 2CD,EF3 4GH,SC100002',
  'A3,01/06/2023,S,C1,N1,U1,PR1,01/05/2024,X1,CARPL,AB1 2CD,EF3 4GC,SC100003',
  'A3,01/05/2024,P,C1,N1,U4,PR4,01/08/2024,X1,PLACE,AB1 2CD,EF3 4GD,SC100004',
  'A3,01/08/2024,B,C1,N1,U5,PR4,01/10/2024,X1,CARPL,AB1 2CD,EF3 4GD,SC100004',
  'A3,01/10/2024,T,C2,N1,U6,PR4,,,,AB1 2CD,EF3 4GE,SC100005',
  // short breaks (agreed series of short-term placements)
  'A4,01/05/2024,S,V3,N2,H5,PR1,03/05/2024,E13,,AB1 2CD,EF3 4GF,SC100006',
  'A4,27/03/2025,S,V3,N2,H5,PR1,,,,AB1 2CD,EF3 4GF,SC100006',
  'A5,28/03/2025,S,V4,N2,H5,PR1,,,,AB1 2CD,EF3 4GF,SC100006',
  'A6,01/06/2024,S,C2,N1,U1,PR1,,,,AB1 2CD,EF3 4GG,SC100007',
  'A7,01/01/2023,S,C2,N1,U1,PR1,01/10/2024,E4A,,AB1 2CD,EF3 4GJ,SC100008',
  'A8,01/03/2022,S,C2,N1,U3,PR1,,,,AB1 2CD,EF3 4GK,SC100009',
  // placed for adoption with the current foster carer
  'A9,01/05/2021,S,C2,N1,U1,PR1,01/11/2024,X1,PLACE,AB1 2CD,EF3 4GL,SC100010',
  'A9,01/11/2024,U,E1,N1,A5,PR1,,,,AB1 2CD,EF3 4GL,',
  'A10,01/01/2021,S,C2,N1,U1,PR1,01/06/2023,X1,CARPL,AB1 2CD,EF3 4GM,SC100011',
  'A10,01/06/2023,P,C2,N1,U4,PR4,,,,AB1 2CD,EF3 4GN,SC100012',
];

const sw = (child: string, id: string, from: string, to: string, reason: string) =>
  `${child},${dob[child]},${id},${from},${to},${reason}`;
const swEpisodes = [
  SW,
  sw('A1', 'SW100001', '01/06/2021', '', ''),
  sw('A2', 'SW100002', '10/01/2022', '', ''),
  sw('A3', 'SW100003', '01/06/2023', '01/06/2024', ''),
  sw('A3', 'SW100004', '01/06/2024', '01/12/2024', 'LEFTRL'),
  sw('A3', 'SW100005', '01/12/2024', '', 'MANAGE'),
  sw('A5', 'SW100006', '01/04/2024', '01/08/2024', 'MANAGE'),
  sw('A5', 'SW100007', '01/08/2024', '01/12/2024', 'LEFTRL'),
  sw('A5', 'SW100008', '01/12/2024', '', 'MANAGE'),
  sw('A6', 'SW100009', '01/06/2024', '', 'MANAGE'),
  sw('A7', 'SW100010', '01/01/2023', '01/05/2024', ''),
  sw('A7', 'SW100011', '01/05/2024', '01/08/2024', 'LEFTRL'),
  sw('A7', 'SW100012', '01/08/2024', '01/10/2024', 'MANAGE'),
  sw('A8', 'SW100013', '01/03/2022', '', ''),
  sw('A9', 'SW100014', '01/05/2021', '', ''),
  sw('A10', 'SW100015', '01/01/2021', '', ''),
];

// SDQ for ages 4-16; HEALTH_CHECK for under-5s; CONVICTED for 10+.
const oc2 = [
  OC2,
  `A1,${dob.A1},12,,0,,1,1,1,0,,`,
  `A2,${dob.A2},10,,0,,1,1,1,0,,`,
  `A3,${dob.A3},15,,0,,1,0,0,0,,`,
  `A6,${dob.A6},,,,,,,,,,`, // outside the 12-month cohort: a blank row
  `A8,${dob.A8},,,,1,1,1,1,0,,`,
  `A9,${dob.A9},8,,,,1,1,1,0,,`,
  `A10,${dob.A10},14,,0,,1,1,1,0,,`,
];

const work = mkdtempSync(join(tmpdir(), 'continuity-real-return-'));
const folder = join(work, 'kent-903-2024-25');
mkdirSync(folder);
writeFileSync(join(folder, 'header.csv'), header.join('\n') + '\n');
writeFileSync(join(folder, 'episodes.csv'), episodes.join('\n') + '\n');
writeFileSync(join(folder, 'social_worker_episodes.csv'), swEpisodes.join('\n') + '\n');
writeFileSync(join(folder, 'oc2.csv'), oc2.join('\n') + '\n');
writeFileSync(
  join(folder, 'README.txt'),
  'Kent 903 return 2024-25, exported from the case management system.\nContact: data team.\n',
);
writeFileSync(join(folder, '.DS_Store'), Uint8Array.from([0, 0, 0, 1, 0x42, 0x75, 0x64, 0x31, 0, 0, 0x10, 0]));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.each(testEngines())('a real council folder through the import command on %s', (engine) => {
  let database: Database;
  const out: string[] = [];
  const err: string[] = [];
  let code: number;

  beforeAll(async () => {
    // fresh: migrated by openDatabase, no councils, no catalogue; the command loads them itself
    database = await openTestDatabase(engine);
    code = await runImportCli(['--council', '886', '--year', '2025', folder], {
      env: {},
      cwd: work,
      out: (l) => void out.push(l),
      err: (l) => void err.push(l),
      open: async () => ({ database, close: async () => {}, label: 'test database' }),
      prepare: (db) => preparePublishedData(db, { pseudonymSecret: { value: 'a test pseudonym secret' } }),
    });
  }, 240_000);
  afterAll(() => database?.close());

  const value = async (indicatorId: string) => {
    const [row] = await database.db
      .select({ numerator: indicatorValues.numerator, denominator: indicatorValues.denominator })
      .from(indicatorValues)
      .where(
        and(
          eq(indicatorValues.indicatorId, indicatorId),
          eq(indicatorValues.subjectKind, 'council'),
          eq(indicatorValues.subjectId, '886'),
          eq(indicatorValues.period, 2025),
          eq(indicatorValues.source, 'computed'),
        ),
      );
    return row;
  };

  it('loads the reference data itself and accepts the return, listing the README and .DS_Store as skipped', async () => {
    expect(err.some((l) => /^reference and published data loaded in \d+ ms$/.test(l))).toBe(true);
    expect(code, [...err, ...out].join('\n')).toBe(0);
    expect(out[0]).toMatch(/^ACCEPTED ssda903 886 2025: submission \d+/);
    const [sub] = await database.db
      .select({ status: submissions.status, warnings: submissions.warnings })
      .from(submissions);
    expect(sub!.status).toBe('accepted');
    const warnings = sub!.warnings as Array<{ file: string; rule: string }>;
    expect(
      warnings
        .filter((w) => w.rule === 'FILE-SKIPPED')
        .map((w) => w.file)
        .sort(),
    ).toEqual(['.DS_Store', 'README.txt']);
    expect(warnings.filter((w) => w.rule === 'SW01STG1')).toEqual([]);
  });

  it('computes the figures worked by hand', async () => {
    expect(await value('placements_3plus')).toEqual({ numerator: 1, denominator: 7 });
    expect(await value('social_workers_3plus')).toEqual({ numerator: 1, denominator: 7 });
    expect(await value('long_term_stability')).toEqual({ numerator: 4, denominator: 5 });
    expect(await value('health_assessments')).toEqual({ numerator: 5, denominator: 6 });
    expect(await value('development_assessments')).toEqual({ numerator: 1, denominator: 1 });
  });

  it('a second run finds the reference data in place and the return unchanged', async () => {
    const again: string[] = [];
    const c = await runImportCli(['-c', '886', '-y', '2025', folder], {
      env: {},
      cwd: work,
      out: (l) => void again.push(l),
      err: (l) => void again.push(l),
      open: async () => ({ database, close: async () => {}, label: 'test database' }),
      prepare: (db) => preparePublishedData(db, { pseudonymSecret: { value: 'a test pseudonym secret' } }),
    });
    expect(c).toBe(0);
    expect(again).toContain('reference and published data up to date');
    expect(again.some((l) => l.startsWith('UNCHANGED'))).toBe(true);
  });
});
