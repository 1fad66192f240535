/**
 * The history of submissions through the API: who sees which submissions, and who sees the
 * offending values in the findings. Rows are inserted directly on the shared fixture (testing.ts):
 *   1. Kent (886), its own 903 return for 2025, rejected with one error (value 'CHILD-VALUE-1');
 *   2. swp-kent's 903 return to Kent, accepted, one warning;
 *   3. Hillingdon (312), its own CSWW return for 2024, accepted;
 *   4. swp-hillingdon's 903 return to Hillingdon, accepted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submissionFiles, submissions, type Database } from '@continuity/db';
import { openTestDatabase, testEngines } from '@continuity/db/testing';
import { execute, seedFixture, testViewers } from '../testing';

const LIST = `query ($councilCode: ID, $practiceId: ID, $kind: String, $collectionYear: Int) {
  submissions(councilCode: $councilCode, practiceId: $practiceId, kind: $kind, collectionYear: $collectionYear) {
    id kind councilCode practiceId collectionYear status submittedBy submittedAt contentHash
    counts { table rows } errorCount warningCount supersededBy
    files { name sha256 size }
    errors { file row column rule severity message value }
    warnings { file row column rule message value }
  }
}`;
const ONE = `query ($id: ID!) { submission(id: $id) { id councilCode errors(limit: 5) { rule value } } }`;

const issue = (rule: string, value: string, severity: 'error' | 'warning') => ({
  file: 'episodes.csv',
  row: 3,
  column: 'DECOM',
  rule,
  severity,
  message: `Rule ${rule} failed`,
  value,
  child: 'C1',
});

describe.each(testEngines())('submissions API on %s', (engine) => {
  let database: Database;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    database = await openTestDatabase(engine);
    await seedFixture(database);
    const base = { submittedBy: 'someone', contentHash: 'h', counts: { episodes: 2 } };
    const rows = await database.db
      .insert(submissions)
      .values([
        {
          ...base,
          kind: 'ssda903',
          councilCode: '886',
          practiceId: null,
          collectionYear: 2025,
          status: 'rejected',
          submittedAt: new Date('2025-05-01T10:00:00Z'),
          errors: [issue('103', 'CHILD-VALUE-1', 'error')],
        },
        {
          ...base,
          kind: 'ssda903',
          councilCode: '886',
          practiceId: 'swp-kent',
          collectionYear: 2025,
          status: 'accepted',
          submittedAt: new Date('2025-05-02T10:00:00Z'),
          warnings: [issue('W1', 'CHILD-VALUE-2', 'warning')],
        },
        {
          ...base,
          kind: 'csww',
          councilCode: '312',
          collectionYear: 2024,
          status: 'accepted',
          submittedAt: new Date('2025-05-03T10:00:00Z'),
        },
        {
          ...base,
          kind: 'ssda903',
          councilCode: '312',
          practiceId: 'swp-hillingdon',
          collectionYear: 2025,
          status: 'accepted',
          submittedAt: new Date('2025-05-04T10:00:00Z'),
        },
      ] as (typeof submissions.$inferInsert)[])
      .returning({ id: submissions.id, councilCode: submissions.councilCode, practiceId: submissions.practiceId });
    ids.kent = String(rows[0]!.id);
    ids.kentPractice = String(rows[1]!.id);
    ids.hillingdon = String(rows[2]!.id);
    ids.hillingdonPractice = String(rows[3]!.id);
    await database.db.insert(submissionFiles).values({
      submissionId: rows[0]!.id,
      name: 'episodes.csv',
      sha256: 'abc',
      size: 3,
      bytes: new Uint8Array([1, 2, 3]),
    });
  });
  afterAll(() => database?.close());

  const list = async (
    viewer: (typeof testViewers)[keyof typeof testViewers],
    variables: Record<string, unknown> = {},
  ) => {
    const result = await execute(database, viewer, LIST, variables);
    expect(result.errors).toBeUndefined();
    return result.data.submissions as Record<string, any>[];
  };

  it('a council sees its own and its practices’ submissions, newest first, not another council’s', async () => {
    const kent = await list(testViewers.councilKent);
    expect(kent.map((s) => s.id)).toEqual([ids.kentPractice, ids.kent]);
    const [practice, own] = kent;
    expect(own).toMatchObject({
      kind: 'ssda903',
      councilCode: '886',
      practiceId: null,
      collectionYear: 2025,
      status: 'rejected',
      submittedAt: '2025-05-01T10:00:00.000Z',
      counts: [{ table: 'episodes', rows: 2 }],
      errorCount: 1,
      warningCount: 0,
      supersededBy: null,
      files: [{ name: 'episodes.csv', sha256: 'abc', size: 3 }],
      errors: [
        {
          file: 'episodes.csv',
          row: 3,
          column: 'DECOM',
          rule: '103',
          severity: 'error',
          message: 'Rule 103 failed',
          value: 'CHILD-VALUE-1',
        },
      ],
    });
    expect(practice).toMatchObject({
      practiceId: 'swp-kent',
      warningCount: 1,
      warnings: [{ rule: 'W1', value: 'CHILD-VALUE-2' }],
    });

    expect(await list(testViewers.councilKent, { councilCode: '312' })).toEqual([]);
    expect((await list(testViewers.councilKent, { practiceId: 'swp-kent' })).map((s) => s.id)).toEqual([
      ids.kentPractice,
    ]);
    expect((await execute(database, testViewers.councilKent, ONE, { id: ids.hillingdon })).data.submission).toBeNull();
    expect(
      (await execute(database, testViewers.councilKent, ONE, { id: ids.hillingdonPractice })).data.submission,
    ).toBeNull();
  });

  it('a practice sees only its own practice’s submissions', async () => {
    expect((await list(testViewers.practiceKent)).map((s) => s.id)).toEqual([ids.kentPractice]);
    expect(await list(testViewers.practiceKent, { councilCode: '312' })).toEqual([]);
    expect((await list(testViewers.practiceOther)).map((s) => s.id)).toEqual([ids.hillingdonPractice]);
    const own = await execute(database, testViewers.practiceKent, ONE, { id: ids.kentPractice });
    expect(own.data.submission).toEqual({ id: ids.kentPractice, councilCode: '886', errors: [] });
    // the council's own return, though filed with the practice's council, is not the practice's
    expect((await execute(database, testViewers.practiceKent, ONE, { id: ids.kent })).data.submission).toBeNull();
  });

  it('policy and admin see every submission’s metadata, never the offending values', async () => {
    for (const viewer of [testViewers.policy, testViewers.admin]) {
      const all = await list(viewer);
      expect(all.map((s) => s.id)).toEqual([ids.hillingdonPractice, ids.hillingdon, ids.kentPractice, ids.kent]);
      const kent = all.find((s) => s.id === ids.kent)!;
      expect(kent.errors).toEqual([
        // The stored message is the return's own; others read the rule catalogue's wording of rule 103.
        {
          file: 'episodes.csv',
          row: 3,
          column: 'DECOM',
          rule: '103',
          severity: 'error',
          message: 'The ethnicity code is either not valid or has not been entered.',
          value: null,
        },
      ]);
      // 2 episodes read: a count of 1..5 children, suppressed for anyone but the return's council.
      expect(kent.counts).toEqual([{ table: 'episodes', rows: null }]);
      expect(all.find((s) => s.id === ids.kentPractice)!.warnings[0].value).toBeNull();
      expect(JSON.stringify(all)).not.toContain('CHILD-VALUE');
      expect(JSON.stringify(all)).not.toContain('C1');
    }
    expect((await list(testViewers.policy, { kind: 'csww' })).map((s) => s.id)).toEqual([ids.hillingdon]);
    expect((await list(testViewers.policy, { collectionYear: 2024 })).map((s) => s.id)).toEqual([ids.hillingdon]);
  });

  it('denies anonymous viewers', async () => {
    const listed = await execute(database, null, LIST);
    expect(listed.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(listed.data).toBeNull();
    const one = await execute(database, null, ONE, { id: ids.kent });
    expect(one.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('resolves forbidden, unknown and malformed ids to null', async () => {
    for (const id of [ids.kent, '999999', 'abc', '-1', '1.0']) {
      const result = await execute(database, testViewers.councilOther, ONE, { id });
      expect(result.errors).toBeUndefined();
      expect(result.data.submission).toBeNull();
    }
    const own = await execute(database, testViewers.councilKent, ONE, { id: ids.kent });
    expect(own.data.submission).toEqual({
      id: ids.kent,
      councilCode: '886',
      errors: [{ rule: '103', value: 'CHILD-VALUE-1' }],
    });
  });
});

describe.each(testEngines())('capped issue lists through the API on %s (issue 11)', (engine) => {
  let database: Database;
  let id = '';
  // As the import stores a rule cut short by the caps: the findings listed, then a summary issue with `more`.
  // The summary's stored message is made to hold a value, to show non-owners never read it as stored.
  const listed = [issue('103', 'CHILD-VALUE-1', 'error'), issue('103', 'CHILD-VALUE-2', 'error')];
  const summary = {
    file: 'episodes.csv',
    row: 0,
    column: '',
    rule: '103',
    severity: 'error',
    message: 'And 48 more errors like this under rule 103, not listed. CHILD-VALUE-3',
    value: '',
    more: 48,
  };
  const QUERY = `query ($id: ID!) { submission(id: $id) {
    errorCount warningCount errorTotal warningTotal
    errors { row column rule message value more }
    warnings { rule more }
  } }`;

  beforeAll(async () => {
    database = await openTestDatabase(engine);
    await seedFixture(database);
    const [row] = await database.db
      .insert(submissions)
      .values({
        kind: 'ssda903',
        councilCode: '886',
        collectionYear: 2025,
        status: 'rejected',
        submittedBy: 'someone',
        contentHash: 'h',
        errors: [...listed, summary],
        warnings: [
          {
            ...issue('EPI', 'C9', 'warning'),
            row: 0,
            column: '',
            value: '',
            message: '7 warnings under rule EPI, not listed.',
            more: 7,
          },
        ],
      })
      .returning({ id: submissions.id });
    id = String(row!.id);
  });
  afterAll(() => database?.close());

  it('gives entries and totals, and `more` on the summary issue; non-owners read the summary worded afresh', async () => {
    const own = await execute(database, testViewers.councilKent, QUERY, { id });
    expect(own.errors).toBeUndefined();
    expect(own.data.submission).toMatchObject({ errorCount: 3, warningCount: 1, errorTotal: 50, warningTotal: 7 });
    expect((own.data.submission.errors as { more: number | null }[]).map((e) => e.more)).toEqual([null, null, 48]);
    expect(own.data.submission.errors[2].message).toBe(summary.message);
    expect(own.data.submission.warnings).toEqual([{ rule: 'EPI', more: 7 }]);

    const policy = await execute(database, testViewers.policy, QUERY, { id });
    expect(policy.data.submission).toMatchObject({ errorCount: 3, errorTotal: 50, warningTotal: 7 });
    expect(policy.data.submission.errors[2]).toEqual({
      row: 0,
      column: '',
      rule: '103',
      message: 'And 48 more errors like this under rule 103, not listed.',
      value: null,
      more: 48,
    });
    expect(policy.data.submission.warnings).toEqual([{ rule: 'EPI', more: 7 }]);
    expect(JSON.stringify(policy.data)).not.toContain('CHILD-VALUE');
  });
});
