import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Database } from './open';
import {
  hashStoredRegistrations,
  isStoredRegistration,
  normaliseRegistration,
  REGISTRATION_HASH_PATTERN,
  storedRegistration,
  WITHHELD_REGISTRATION,
  withheldFindings,
  withholdStoredFindings,
} from './registration';
import { cla903SwEpisodes, councils, cswwWorkers, regions, submissions } from './schema/index';
import { openTestDatabase, testEngines } from './testing';

const secret = 'a registration test secret';

describe('storedRegistration', () => {
  it('keeps one value per council and number, whatever the spacing or case, in every year', () => {
    const a = storedRegistration(secret, '886', 'SW8860000001');
    expect(a).toMatch(REGISTRATION_HASH_PATTERN);
    expect(storedRegistration(secret, '886', ' sw886 0000001 ')).toBe(a);
    expect(normaliseRegistration(' sw886 0000001 ')).toBe('SW8860000001');
  });

  it('gives unrelated values in other councils, under other secrets, and for other numbers', () => {
    const a = storedRegistration(secret, '886', 'SW8860000001');
    expect(storedRegistration(secret, '341', 'SW8860000001')).not.toBe(a);
    expect(storedRegistration('another registration secret', '886', 'SW8860000001')).not.toBe(a);
    expect(storedRegistration(secret, '886', 'SW8860000002')).not.toBe(a);
  });

  it('never holds the number itself, and keeps "XX" and blanks as codes', () => {
    const a = storedRegistration(secret, '886', 'SW8860000001');
    expect(a).not.toContain('8860000001');
    expect(storedRegistration(secret, '886', 'xx')).toBe('XX');
    expect(storedRegistration(secret, '886', '  ')).toBe('');
    expect(storedRegistration(secret, '886', null)).toBe('');
  });

  it('is idempotent and refuses a short secret', () => {
    const a = storedRegistration(secret, '886', 'SW8860000001');
    expect(storedRegistration(secret, '886', a)).toBe(a);
    expect(isStoredRegistration(a)).toBe(true);
    expect(isStoredRegistration('SW8860000001')).toBe(false);
    expect(() => storedRegistration('short', '886', 'SW8860000001')).toThrow('at least 16 bytes');
  });
});

describe('data migrations of rows stored before', () => {
  it('withholds registration numbers from stored findings, and changes nothing else', () => {
    const findings = [
      {
        file: 'sw.csv',
        row: 3,
        column: 'SW_DECOM',
        value: '15/05/2024',
        message: 'The previous episode (SW8860000001) ended on 01/06/2024.',
      },
      {
        file: 'c.xml',
        row: 2,
        column: 'SWENo',
        value: 'sw886000008x',
        message: '"sw886000008x" does not have that form.',
      },
      { file: 'sw.csv', row: 4, column: 'SW_ID', value: 'XX', message: 'Placement URN SC123456.' },
    ];
    expect(withheldFindings(findings)).toEqual([
      { ...findings[0], message: `The previous episode (${WITHHELD_REGISTRATION}) ended on 01/06/2024.` },
      { ...findings[1], value: WITHHELD_REGISTRATION, message: `"${WITHHELD_REGISTRATION}" does not have that form.` },
      findings[2],
    ]);
    expect(withheldFindings(withheldFindings(findings)!)).toBeNull();
  });
});

describe.each(testEngines())('hashStoredRegistrations and withholdStoredFindings on %s', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
  });
  afterAll(async () => {
    await database?.close();
  });

  it('rewrite raw rows once: per council, the same value for the same number, "XX" kept; then nothing', async () => {
    const { db } = database;
    await db.insert(regions).values({ code: 'E12000008', name: 'South East' });
    await db.insert(councils).values([
      { code: '886', onsCode: 'E10000016', name: 'Kent', regionCode: 'E12000008' },
      { code: '887', onsCode: 'E06000035', name: 'Medway', regionCode: 'E12000008' },
    ]);
    const [kent, medway] = await db
      .insert(submissions)
      .values([
        {
          kind: 'ssda903',
          councilCode: '886',
          collectionYear: 2025,
          status: 'accepted',
          submittedBy: 't',
          contentHash: 'a',
          warnings: [{ column: 'SW_DECOM', value: '', message: 'After SW8860000001.' }],
        },
        {
          kind: 'csww',
          councilCode: '887',
          collectionYear: 2024,
          status: 'accepted',
          submittedBy: 't',
          contentHash: 'b',
        },
      ])
      .returning({ id: submissions.id });
    await db.insert(cla903SwEpisodes).values([
      { submissionId: kent!.id, councilCode: '886', child: 'A', swId: 'SW8860000001' },
      { submissionId: kent!.id, councilCode: '886', child: 'B', swId: ' sw8860000001' },
      { submissionId: kent!.id, councilCode: '886', child: 'C', swId: 'XX' },
    ]);
    await db
      .insert(cswwWorkers)
      .values({ submissionId: medway!.id, councilCode: '887', sweNo: 'SW8860000001', agencyWorker: false });

    expect(await hashStoredRegistrations(database, secret)).toEqual({ cla903_sw_episodes: 2, csww_workers: 1 });
    const episodes = await database.rows<{ child: string; sw_id: string }>(
      sql`SELECT child, sw_id FROM cla903_sw_episodes ORDER BY child`,
    );
    const hashed = storedRegistration(secret, '886', 'SW8860000001');
    expect(episodes).toEqual([
      { child: 'A', sw_id: hashed },
      { child: 'B', sw_id: hashed },
      { child: 'C', sw_id: 'XX' },
    ]);
    const [worker] = await database.rows<{ swe_no: string }>(sql`SELECT swe_no FROM csww_workers`);
    expect(worker!.swe_no).toBe(storedRegistration(secret, '887', 'SW8860000001'));
    expect(worker!.swe_no).not.toBe(hashed);
    expect(await hashStoredRegistrations(database, secret)).toEqual({ cla903_sw_episodes: 0, csww_workers: 0 });

    expect(await withholdStoredFindings(database)).toBe(1);
    expect(await withholdStoredFindings(database)).toBe(0);
    const [stored] = await database.rows<{ warnings: { message: string }[] }>(
      sql`SELECT warnings FROM submissions WHERE id = ${kent!.id}`,
    );
    expect(stored!.warnings[0]!.message).toBe(`After ${WITHHELD_REGISTRATION}.`);
  });
});
