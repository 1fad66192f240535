/**
 * Verification through the API (issue 18): the returns a statement names, a line disputed by the
 * practice and answered by the council (the Department reads, writes nothing), and a re-issue as a
 * new revision. Fixture (testing.ts): Kent (886) and its practice swp-kent; added here a Kent
 * submission from swp-kent (903, 2024, hash 'e' x 64) and swp-kent computed 2024 immunisations
 * 45/50 = 90 from it.
 * Terms: fixed 100,000p, pot 9,999p, immunisations absolute 95, linear from 85, weight 1:
 * (90 - 85) / (95 - 85) = 0.5 -> floor(9,999 x 0.5) = 4,999 earned, total 104,999.
 * After the figure is corrected to 48/50 = 96 (met): 9,999 earned, total 109,999.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { indicatorValues, submissions, type Database } from '@continuity/db';
import { openTestDatabase, testEngines } from '@continuity/db/testing';
import { execute, seedFixture, testViewers } from '../../testing';

const TERMS = {
  fixedFeePence: 100_000,
  outcomePotPence: 9_999,
  missingData: 'TREAT_AS_NOT_MET',
  indicators: [
    {
      indicatorId: 'immunisations',
      weight: 1,
      target: { type: 'ABSOLUTE', level: 95 },
      partial: { type: 'LINEAR', floor: 85 },
    },
  ],
};
const DISPUTES = 'disputes { id indicatorId state raisedBy events { kind party author message resolution } }';
const STATEMENT = `id revision supersedesId supersededById reissueReason earnedPence totalPence
  sources { submissionId kind councilCode practiceId collectionYear status contentHash } ${DISPUTES}`;
const codeOf = (r: { errors: readonly { extensions?: Record<string, unknown> }[] | undefined }) =>
  r.errors?.[0]?.extensions?.code;

describe.each(testEngines())('statement verification API on %s', (engine) => {
  let database: Database;
  let contractId: string;
  let statementId: string;
  let submissionId: number;
  const { councilKent, councilOther, practiceKent, practiceOther, policy } = testViewers;

  beforeAll(async () => {
    database = await openTestDatabase(engine);
    await seedFixture(database);
    const [row] = await database.db
      .insert(submissions)
      .values({
        kind: 'ssda903',
        councilCode: '886',
        practiceId: 'swp-kent',
        collectionYear: 2024,
        status: 'accepted',
        submittedBy: 'u',
        contentHash: 'e'.repeat(64),
      })
      .returning({ id: submissions.id });
    submissionId = row!.id;
    await database.db.insert(indicatorValues).values({
      indicatorId: 'immunisations',
      subjectKind: 'practice',
      subjectId: 'swp-kent',
      period: 2024,
      source: 'computed',
      numerator: 45,
      denominator: 50,
      value: 90,
      submissionId,
    });
    const created = await execute(
      database,
      councilKent,
      `mutation ($input: CreateContractInput!) { createContract(input: $input) { id } }`,
      { input: { practiceId: 'swp-kent', name: 'Kent 2024', periodStart: 2024, periodEnd: 2024, terms: TERMS } },
    );
    contractId = created.data.createContract.id;
  });
  afterAll(() => database?.close());

  it('the practice previews its own statement, to the penny', async () => {
    const q = `query ($id: ID!) { previewStatement(contractId: $id, period: 2024) { status earnedPence totalPence revision sources { submissionId } } }`;
    const preview = await execute(database, practiceKent, q, { id: contractId });
    expect(preview.data.previewStatement).toEqual({
      status: 'PREVIEW',
      earnedPence: 4_999,
      totalPence: 104_999,
      revision: null,
      sources: [{ submissionId: String(submissionId) }],
    });
  });

  it('an issued statement names its returns; the practice disputes a line and the council answers', async () => {
    const issued = await execute(
      database,
      councilKent,
      `mutation ($id: ID!) { issueStatement(contractId: $id, period: 2024) { ${STATEMENT} } }`,
      { id: contractId },
    );
    expect(issued.errors).toBeUndefined();
    statementId = issued.data.issueStatement.id;
    expect(issued.data.issueStatement).toMatchObject({
      revision: 1,
      supersedesId: null,
      earnedPence: 4_999,
      totalPence: 104_999,
      sources: [
        {
          submissionId: String(submissionId),
          kind: 'ssda903',
          councilCode: '886',
          practiceId: 'swp-kent',
          collectionYear: 2024,
          status: 'accepted',
          contentHash: 'e'.repeat(64),
        },
      ],
      disputes: [],
    });

    const RAISE = `mutation ($id: ID!) { raiseDispute(statementId: $id, indicatorId: "immunisations", message: "48 of 50 were done") { id state } }`;
    for (const v of [councilKent, policy])
      expect(codeOf(await execute(database, v, RAISE, { id: statementId }))).toBe('FORBIDDEN');
    expect(codeOf(await execute(database, practiceOther, RAISE, { id: statementId }))).toBe('BAD_USER_INPUT');
    const raised = await execute(database, practiceKent, RAISE, { id: statementId });
    expect(raised.data.raiseDispute.state).toBe('OPEN');
    const disputeId = raised.data.raiseDispute.id;

    const ANSWER = `mutation ($id: ID!) { answerDispute(disputeId: $id, resolution: UPHELD, message: "Agreed") { state } }`;
    for (const v of [practiceKent, policy])
      expect(codeOf(await execute(database, v, ANSWER, { id: disputeId }))).toBe('FORBIDDEN');
    expect((await execute(database, councilKent, ANSWER, { id: disputeId })).data.answerDispute.state).toBe('UPHELD');

    const READ = `query ($id: ID!) { statement(id: $id) { ${DISPUTES} } }`;
    const history = {
      disputes: [
        {
          id: disputeId,
          indicatorId: 'immunisations',
          state: 'UPHELD',
          raisedBy: practiceKent.userId,
          events: [
            {
              kind: 'raised',
              party: 'practice',
              author: practiceKent.userId,
              message: '48 of 50 were done',
              resolution: null,
            },
            { kind: 'answered', party: 'council', author: councilKent.userId, message: 'Agreed', resolution: 'UPHELD' },
          ],
        },
      ],
    };
    for (const v of [practiceKent, councilKent, policy])
      expect((await execute(database, v, READ, { id: statementId })).data.statement).toEqual(history);
    expect((await execute(database, councilOther, READ, { id: statementId })).data.statement).toBeNull();
  });

  it('the council re-issues: a new revision; the first is kept, marked superseded', async () => {
    await database.db
      .update(indicatorValues)
      .set({ numerator: 48, value: 96 })
      .where(and(eq(indicatorValues.indicatorId, 'immunisations'), eq(indicatorValues.subjectId, 'swp-kent')));
    const REISSUE = `mutation ($id: ID!) { reissueStatement(statementId: $id, reason: "dispute upheld") { ${STATEMENT} } }`;
    expect(codeOf(await execute(database, practiceKent, REISSUE, { id: statementId }))).toBe('FORBIDDEN');
    const again = await execute(database, councilKent, REISSUE, { id: statementId });
    expect(again.data.reissueStatement).toMatchObject({
      revision: 2,
      supersedesId: statementId,
      reissueReason: 'dispute upheld',
      earnedPence: 9_999,
      totalPence: 109_999,
      disputes: [],
    });
    const list = await execute(
      database,
      practiceKent,
      `query ($id: ID!) { statements(contractId: $id) { id revision supersededById totalPence } }`,
      { id: contractId },
    );
    expect(list.data.statements).toEqual([
      { id: statementId, revision: 1, supersededById: again.data.reissueStatement.id, totalPence: 104_999 },
      { id: again.data.reissueStatement.id, revision: 2, supersededById: null, totalPence: 109_999 },
    ]);
  });
});
