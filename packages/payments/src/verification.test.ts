/**
 * Issue 18, verification: a statement names its source returns; a correction is a re-issue (a new
 * revision naming the one it supersedes); a line can be disputed by the practice and answered by
 * the council, with its history; the Department reads and changes nothing.
 *
 * Council 201 holds practice P1 (council 202 holds P2). P1's returns: submission 1 (903, 2025,
 * accepted, hash 'aa..'), submission 2 (903, 2024, accepted, 'bb..'), submission 3 (903, 2025,
 * superseded by 1, 'cc..'), and P2's submission 4 (903, 2025, 'dd..').
 * P1 computed figures (from submission 1): immunisations 2025 45/50 = 90; dental_checks 2025 39/50 = 78.
 *
 * Terms: fixed 100,000p, pot 10,001p; immunisations absolute 90, all or nothing, weight 2;
 * dental_checks absolute 80, linear floor 70, weight 1.
 *   Shares (weight 3): 10,001 x 2/3 = 6,667.33 -> 6,667 r 0.33..; x 1/3 = 3,333.67 -> 3,333 r 0.67;
 *   1 penny left -> dental (larger remainder): 6,667 / 3,334.
 *   Immunisations 90 >= 90 met: 6,667. Dental (78 - 70) / (80 - 70) = 0.8: floor(3,334 x 0.8)
 *   = floor(2,667.2) = 2,667. Earned 9,334; total 109,334.
 * Re-issue after P1's dental figure is corrected to 40/50 = 80 (met): 6,667 + 3,334 = 10,001 earned,
 * total 110,001.
 *
 * Rate card (a second contract, 2024-25, no pot): £10.00 per child immunised (the numerator), at most
 * £500.00 a year and £600.00 over the contract. 2024: 38 x 1,000 = 38,000p (under both caps).
 * 2025: 45 x 1,000 = 45,000p, but 60,000 - 38,000 = 22,000p is left of the contract cap: 22,000p.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import type { Viewer } from '@continuity/access';
import {
  councils,
  indicatorValues,
  practiceCouncils,
  practices,
  regions,
  submissions,
  type Database,
} from '@continuity/db';
import { openTestDatabase, testEngines } from '@continuity/db/testing';
import { syncCatalogue } from '@continuity/indicators';
import { sha256Hex } from './canonical';
import type { StatementDocument } from './document';
import { answerDispute, listDisputes, raiseDispute } from './disputes';
import {
  createContract,
  issueStatement,
  listStatements,
  PaymentsError,
  previewStatement,
  reissueStatement,
} from './service';

const viewer = (role: Viewer['role'], kind: Viewer['organisation']['kind'], id: string): Viewer => ({
  userId: `${role}-${id}`,
  name: `${role} ${id}`,
  role,
  organisation: { kind, id },
});
const council201 = viewer('council', 'council', '201');
const council202 = viewer('council', 'council', '202');
const practiceP1 = viewer('practice', 'practice', 'P1');
const practiceP2 = viewer('practice', 'practice', 'P2');
const policy = viewer('policy', 'department', 'dfe');
const at = (iso: string) => ({ now: () => new Date(iso) });
const hash = (c: string) => c.repeat(64);

const terms = {
  fixedFeePence: 100_000,
  outcomePotPence: 10_001,
  missingData: 'treat_as_not_met',
  indicators: [
    {
      indicatorId: 'immunisations',
      weight: 2,
      target: { type: 'absolute', level: 90 },
      partial: { type: 'all_or_nothing' },
    },
    {
      indicatorId: 'dental_checks',
      weight: 1,
      target: { type: 'absolute', level: 80 },
      partial: { type: 'linear', floor: 70 },
    },
  ],
};

async function seed(database: Database) {
  const { db } = database;
  await syncCatalogue(db);
  await db.insert(regions).values({ code: 'R1', name: 'North' });
  await db
    .insert(councils)
    .values(['201', '202'].map((code) => ({ code, onsCode: `E0${code}`, name: `Council ${code}`, regionCode: 'R1' })));
  await db.insert(practices).values([
    { id: 'P1', name: 'Practice one', pseudonym: 'Practice A' },
    { id: 'P2', name: 'Practice two', pseudonym: 'Practice B' },
  ]);
  await db.insert(practiceCouncils).values([
    { practiceId: 'P1', councilCode: '201' },
    { practiceId: 'P2', councilCode: '202' },
  ]);
  const submission = (
    id: number,
    practiceId: string,
    councilCode: string,
    year: number,
    status: 'accepted' | 'superseded',
    c: string,
  ) => ({
    id,
    kind: 'ssda903' as const,
    councilCode,
    practiceId,
    collectionYear: year,
    status,
    submittedBy: 'someone',
    contentHash: hash(c),
  });
  await db
    .insert(submissions)
    .values([
      submission(1, 'P1', '201', 2025, 'accepted', 'a'),
      submission(2, 'P1', '201', 2024, 'accepted', 'b'),
      submission(3, 'P1', '201', 2025, 'superseded', 'c'),
      submission(4, 'P2', '202', 2025, 'accepted', 'd'),
    ]);
  const figure = (indicatorId: string, numerator: number, denominator: number) => ({
    indicatorId,
    subjectKind: 'practice' as const,
    subjectId: 'P1',
    period: 2025,
    source: 'computed' as const,
    numerator,
    denominator,
    value: (numerator * 100) / denominator,
    submissionId: 1,
  });
  await db
    .insert(indicatorValues)
    .values([
      figure('immunisations', 45, 50),
      figure('dental_checks', 39, 50),
      { ...figure('immunisations', 38, 50), period: 2024, submissionId: 2 },
    ]);
}

async function expectError(promise: Promise<unknown>, code: PaymentsError['code'], message?: RegExp) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PaymentsError);
  expect((error as PaymentsError).code).toBe(code);
  if (message) expect((error as PaymentsError).message).toMatch(message);
}

describe.each(testEngines())('statement verification on %s', (engine) => {
  let database: Database;
  let contractId: number;
  let firstId: number;
  let firstHash: string;

  beforeAll(async () => {
    database = await openTestDatabase(engine);
    await seed(database);
    contractId = (
      await createContract(
        database,
        council201,
        { practiceId: 'P1', name: 'P1 2025', periodStart: 2025, periodEnd: 2025, terms },
        at('2025-04-01T09:00:00.000Z'),
      )
    ).id;
  });
  afterAll(async () => {
    await database?.close();
  });

  it('the practice previews its own statement (current terms only), to the penny', async () => {
    const preview = await previewStatement(database, practiceP1, { contractId, period: 2025 });
    expect(preview.lines.map((l) => [l.indicatorId, l.allocatedPence, l.earnedPence])).toEqual([
      ['immunisations', 6_667, 6_667],
      ['dental_checks', 3_334, 2_667],
    ]);
    expect(preview.totals).toMatchObject({ earnedPence: 9_334, totalPence: 109_334 });
    await expectError(previewStatement(database, practiceP1, { contractId, period: 2025, terms }), 'FORBIDDEN');
    await expectError(previewStatement(database, practiceP2, { contractId, period: 2025 }), 'NOT_FOUND');
  });

  it('an issued statement names the returns its facts came from, frozen with it', async () => {
    const issued = await issueStatement(
      database,
      council201,
      { contractId, period: 2025 },
      at('2025-12-01T10:00:00.000Z'),
    );
    firstId = issued.id;
    firstHash = issued.sha256;
    expect(issued).toMatchObject({ revision: 1, supersedesId: null, supersededById: null, totalPence: 109_334 });
    const document = JSON.parse(issued.document) as StatementDocument;
    expect(document.format).toBe('continuity/payment-statement@1');
    // submission 1 (carried by both figures and accepted for 2025); not 2 (2024 is not read),
    // not 3 (superseded), not 4 (another practice)
    expect(document.sources).toEqual([
      {
        submissionId: 1,
        kind: 'ssda903',
        councilCode: '201',
        practiceId: 'P1',
        collectionYear: 2025,
        status: 'accepted',
        contentHash: hash('a'),
      },
    ]);
    expect(document.revision).toBe(1);
    expect(document.supersedes).toBeNull();
    expect(sha256Hex(issued.document)).toBe(issued.sha256);
  });

  it('a correction is a re-issue: a new revision naming what it supersedes; the first stays as issued', async () => {
    await database.db
      .update(indicatorValues)
      .set({ numerator: 40, value: 80 })
      .where(and(eq(indicatorValues.indicatorId, 'dental_checks'), eq(indicatorValues.subjectId, 'P1')));
    await expectError(reissueStatement(database, practiceP1, { statementId: firstId, reason: 'x' }), 'FORBIDDEN');
    await expectError(reissueStatement(database, council202, { statementId: firstId, reason: 'x' }), 'NOT_FOUND');
    await expectError(reissueStatement(database, council201, { statementId: firstId, reason: '  ' }), 'INVALID');
    await expectError(issueStatement(database, council201, { contractId, period: 2025 }), 'CONFLICT');
    const second = await reissueStatement(
      database,
      council201,
      { statementId: firstId, reason: 'dental checks corrected (dispute upheld)' },
      at('2026-01-10T10:00:00.000Z'),
    );
    expect(second).toMatchObject({
      revision: 2,
      supersedesId: firstId,
      supersededById: null,
      earnedPence: 10_001,
      totalPence: 110_001,
    });
    const document = JSON.parse(second.document) as StatementDocument;
    expect(document.supersedes).toEqual({
      statementId: firstId,
      sha256: firstHash,
      reason: 'dental checks corrected (dispute upheld)',
    });
    const all = await listStatements(database, practiceP1, { contractId });
    expect(all.map((s) => [s.id, s.revision, s.supersededById, s.totalPence])).toEqual([
      [firstId, 1, second.id, 109_334],
      [second.id, 2, null, 110_001],
    ]);
    expect(all[0]!.sha256).toBe(firstHash);
    await expectError(
      reissueStatement(database, council201, { statementId: firstId, reason: 'again' }),
      'CONFLICT',
      /latest/,
    );
    // and the database refuses to edit one
    await expect(
      database.db.execute(sql`UPDATE statements SET total_pence = 0 WHERE id = ${firstId}`),
    ).rejects.toThrow();
  });

  it('the practice disputes a line, the council answers, each step kept; the Department only reads', async () => {
    await expectError(
      raiseDispute(database, council201, { statementId: firstId, indicatorId: 'dental_checks', message: 'm' }),
      'FORBIDDEN',
    );
    await expectError(
      raiseDispute(database, policy, { statementId: firstId, indicatorId: 'dental_checks', message: 'm' }),
      'FORBIDDEN',
    );
    await expectError(
      raiseDispute(database, practiceP2, { statementId: firstId, indicatorId: 'dental_checks', message: 'm' }),
      'NOT_FOUND',
    );
    await expectError(
      raiseDispute(database, practiceP1, { statementId: firstId, indicatorId: 'nope', message: 'm' }),
      'INVALID',
    );
    const raised = await raiseDispute(
      database,
      practiceP1,
      { statementId: firstId, indicatorId: 'dental_checks', message: 'Two checks were recorded late: 40 of 50.' },
      at('2025-12-05T09:00:00.000Z'),
    );
    expect(raised).toMatchObject({
      statementId: firstId,
      contractId,
      indicatorId: 'dental_checks',
      state: 'open',
      raisedBy: 'practice-P1',
    });
    await expectError(
      raiseDispute(database, practiceP1, { statementId: firstId, indicatorId: 'dental_checks', message: 'again' }),
      'CONFLICT',
    );
    await expectError(
      answerDispute(database, practiceP1, { disputeId: raised.id, resolution: 'upheld', message: 'm' }),
      'FORBIDDEN',
    );
    await expectError(
      answerDispute(database, policy, { disputeId: raised.id, resolution: 'upheld', message: 'm' }),
      'FORBIDDEN',
    );
    await expectError(
      answerDispute(database, council202, { disputeId: raised.id, resolution: 'upheld', message: 'm' }),
      'NOT_FOUND',
    );
    const answered = await answerDispute(
      database,
      council201,
      { disputeId: raised.id, resolution: 'upheld', message: 'Agreed; re-issued as revision 2.' },
      at('2026-01-10T09:00:00.000Z'),
    );
    expect(answered.state).toBe('upheld');
    expect(answered.events).toEqual([
      {
        kind: 'raised',
        party: 'practice',
        author: 'practice-P1',
        at: '2025-12-05T09:00:00.000Z',
        message: 'Two checks were recorded late: 40 of 50.',
        resolution: null,
      },
      {
        kind: 'answered',
        party: 'council',
        author: 'council-201',
        at: '2026-01-10T09:00:00.000Z',
        message: 'Agreed; re-issued as revision 2.',
        resolution: 'upheld',
      },
    ]);
    await expectError(
      answerDispute(database, council201, { disputeId: raised.id, resolution: 'rejected', message: 'm' }),
      'CONFLICT',
    );
    // the Department reads the same history; the other council and practice see nothing
    expect(await listDisputes(database, policy, { statementIds: [firstId] })).toEqual([answered]);
    expect(await listDisputes(database, council202, { statementIds: [firstId] })).toEqual([]);
    expect(await listDisputes(database, practiceP2, { statementIds: [firstId] })).toEqual([]);
    await expect(database.db.execute(sql`DELETE FROM dispute_events`)).rejects.toThrow();
    // once answered, the line may be disputed again
    const again = await raiseDispute(database, practiceP1, {
      statementId: firstId,
      indicatorId: 'dental_checks',
      message: 'One more point',
    });
    expect(again.state).toBe('open');
  });

  it('a rate-card contract pays per unit, within its yearly and contract caps, to the penny', async () => {
    const rateTerms = {
      fixedFeePence: 0,
      outcomePotPence: 0,
      missingData: 'treat_as_not_met',
      indicators: [],
      rateCard: {
        rates: [{ indicatorId: 'immunisations', pricePence: 1_000 }],
        capPerYearPence: 50_000,
        capContractPence: 60_000,
      },
    };
    const contract = await createContract(database, council201, {
      practiceId: 'P1',
      name: 'P1 rate card',
      periodStart: 2024,
      periodEnd: 2025,
      terms: rateTerms,
    });
    const first = await issueStatement(database, council201, { contractId: contract.id, period: 2024 });
    const firstDoc = JSON.parse(first.document) as StatementDocument;
    expect(firstDoc.rateCard!.lines.map((l) => [l.counted, l.units, l.grossPence, l.paidPence])).toEqual([
      [38, 38, 38_000, 38_000],
    ]);
    expect(first.totalPence).toBe(38_000);
    // the practice's preview of 2025 already counts 2024's pay against the contract cap
    const preview = await previewStatement(database, practiceP1, { contractId: contract.id, period: 2025 });
    expect(preview.rateCard).toMatchObject({
      grossPence: 45_000,
      yearPence: 45_000,
      paidBeforePence: 38_000,
      paidPence: 22_000,
    });
    expect(preview.totals).toMatchObject({ earnedPence: 0, rateCardPence: 22_000, totalPence: 22_000 });
    const second = await issueStatement(database, council201, { contractId: contract.id, period: 2025 });
    expect(second.totalPence).toBe(22_000);
    await expectError(
      createContract(database, council201, {
        practiceId: 'P1',
        name: 'x',
        periodStart: 2024,
        periodEnd: 2025,
        terms: { ...rateTerms, rateCard: undefined },
      }),
      'INVALID',
      /indicators/,
    );
  });
});
