import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import type { Viewer } from '@continuity/access';
import {
  councils,
  indicatorValues,
  practiceCouncils,
  practices,
  regions,
  statisticalNeighbours,
  type Database,
} from '@continuity/db';
import { openTestDatabase, testEngines } from '@continuity/db/testing';
import { syncCatalogue } from '@continuity/indicators';
import { canonicalJson, sha256Hex } from './canonical';
import type { StatementDocument } from './document';
import { evaluate } from './engine/evaluate';
import { readFacts } from './facts';
import {
  amendTerms,
  createContract,
  getContract,
  getStatement,
  issueStatement,
  listContracts,
  listStatements,
  listVersions,
  PaymentsError,
  previewStatement,
} from './service';
import { parseTerms, type Terms } from './terms';

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
const confused = viewer('council', 'practice', '201'); // role and organisation disagree

type Value = typeof indicatorValues.$inferInsert;
const published = (
  indicatorId: string,
  code: string,
  numerator: number | null,
  denominator: number | null,
  extra: Partial<Value> = {},
): Value => ({
  indicatorId,
  subjectKind: 'council',
  subjectId: code,
  period: 2025,
  source: 'published',
  numerator,
  denominator,
  value: numerator === null || denominator === null ? null : (numerator * 100) / denominator,
  ...extra,
});
const computed = (indicatorId: string, period: number, numerator: number, denominator: number): Value => ({
  indicatorId,
  subjectKind: 'practice',
  subjectId: 'P1',
  period,
  source: 'computed',
  numerator,
  denominator,
  value: (numerator * 100) / denominator,
  submissionId: null,
});

/**
 * Council 201 holds practice P1; council 202 holds P2. 201's neighbours (SN model 2025, by
 * closeness): 202, 203, 204, 205, 206; in the old 2021 model: 207 only. Comparison councils 207, 208.
 *
 * 2025 published council figures:
 *   placements_3plus (lower is better): 202 12/100 = 12, 203 30/200 = 15, 204 5/50 = 10,
 *     205 suppressed (c, denominator 40), 206 13/50 = 26, 207 20/100 = 20.
 *     Neighbours pooled: (12 + 30 + 5 + 13) / (100 + 200 + 50 + 50) = 60 / 400 = 15 (205 has no
 *     numerator). Values 10, 12, 15, 26 (205 has none): percentile_cont over 4 values, position
 *     p x 3: p0 = 10, p25 = 10 + 0.75 x 2 = 11.5, p50 = 12 + 0.5 x 3 = 13.5, p75 = 15 + 0.25 x 11
 *     = 17.75, p100 = 26.
 *   dental_checks (higher is better): 207 70/100, 208 90/100 -> pooled 160 / 200 = 80.
 * P1 computed figures:
 *   placements_3plus 2025 7/50 = 14, 2024 9/50 = 18; immunisations 2025 45/50 = 90;
 *   dental_checks 2025 39/50 = 78; health_assessments 2025 suppressed (c);
 *   review_participation 2025: no row.
 *
 * Terms v1: fixed £10,000.00 (1,000,000p), pot 600,001p, contract rule treat_as_not_met.
 *   A placements_3plus, neighbours average, all or nothing, weight 2: 14 <= 15, met.
 *   B immunisations, absolute 90, all or nothing, weight 1: exactly on target, met.
 *   C dental_checks, comparison 207 + 208 average (80), linear floor 10 points worse (70), weight 1:
 *     (78 - 70) / (80 - 70) = 0.8.
 *   D health_assessments, absolute 85, weight 1, own rule pay_in_full: suppressed -> paid in full.
 *   E review_participation, absolute 60, linear floor 40, weight 1: no row -> treat as not met.
 *   Shares (total weight 6): 600,001 x 2/6 = 200,000 r 2; x 1/6 = 100,000 r 1 (x4); the one penny
 *   left goes to A (largest remainder): 200,001 / 100,000 x 4.
 *   Earned: A 200,001 + B 100,000 + C floor(100,000 x 0.8) = 80,000 + D 100,000 + E 0 = 480,001.
 *   Total 1,000,000 + 480,001 = 1,480,001.
 * Terms v2: A becomes best quartile of neighbours, linear to quartile 3; E is excluded when missing.
 *   A: target p25 = 11.5, floor p75 = 17.75: (14 - 17.75) / (11.5 - 17.75) = 0.6.
 *   Shares over A, B, C, D (total weight 5): 600,001 x 2/5 = 240,000 r 2, x 1/5 = 120,000 r 1:
 *   240,001 / 120,000 x 3. Earned: floor(240,001 x 0.6) = 144,000 + 120,000 + 96,000 + 120,000
 *   = 480,000. Total 1,480,000.
 */
const termsV1: Terms = parseTerms({
  fixedFeePence: 1_000_000,
  outcomePotPence: 600_001,
  missingData: 'treat_as_not_met',
  indicators: [
    {
      indicatorId: 'placements_3plus',
      weight: 2,
      target: { type: 'neighbours', position: 'at_or_better_than_average' },
      partial: { type: 'all_or_nothing' },
    },
    {
      indicatorId: 'immunisations',
      weight: 1,
      target: { type: 'absolute', level: 90 },
      partial: { type: 'all_or_nothing' },
    },
    {
      indicatorId: 'dental_checks',
      weight: 1,
      target: { type: 'comparison', councils: ['207', '208'], position: 'at_or_better_than_average' },
      partial: { type: 'linear', floor: -10 },
    },
    {
      indicatorId: 'health_assessments',
      weight: 1,
      target: { type: 'absolute', level: 85 },
      partial: { type: 'all_or_nothing' },
      missingData: 'pay_in_full',
    },
    {
      indicatorId: 'review_participation',
      weight: 1,
      target: { type: 'absolute', level: 60 },
      partial: { type: 'linear', floor: 40 },
    },
  ],
});
const termsV2: Terms = {
  ...termsV1,
  indicators: termsV1.indicators.map((t) =>
    t.indicatorId === 'placements_3plus'
      ? {
          ...t,
          target: { type: 'neighbours', position: 'quartile', quartile: 1 },
          partial: { type: 'linear', floor: 3 },
        }
      : t.indicatorId === 'review_participation'
        ? { ...t, missingData: 'exclude_and_reweight' }
        : t,
  ),
};

async function seed(database: Database) {
  const { db } = database;
  await syncCatalogue(db);
  await db.insert(regions).values({ code: 'R1', name: 'North' });
  const codes = ['201', '202', '203', '204', '205', '206', '207', '208'];
  await db
    .insert(councils)
    .values(codes.map((code) => ({ code, onsCode: `E0${code}`, name: `Council ${code}`, regionCode: 'R1' })));
  await db.insert(statisticalNeighbours).values([
    ...['202', '203', '204', '205', '206'].map((n, i) => ({
      councilCode: '201',
      neighbourCode: n,
      position: i + 1,
      model: '2025',
    })),
    { councilCode: '201', neighbourCode: '207', position: 1, model: '2021' },
  ]);
  await db.insert(practices).values([
    { id: 'P1', name: 'Practice one', pseudonym: 'Practice A' },
    { id: 'P2', name: 'Practice two', pseudonym: 'Practice B' },
  ]);
  await db.insert(practiceCouncils).values([
    { practiceId: 'P1', councilCode: '201' },
    { practiceId: 'P2', councilCode: '202' },
  ]);
  await db.insert(indicatorValues).values([
    published('placements_3plus', '202', 12, 100),
    published('placements_3plus', '203', 30, 200),
    published('placements_3plus', '204', 5, 50),
    published('placements_3plus', '205', null, 40, { symbol: 'c', numeratorSymbol: 'c' }),
    published('placements_3plus', '206', 13, 50),
    published('placements_3plus', '207', 20, 100),
    // a computed figure for a neighbour must not count: comparators read published figures only
    { ...published('placements_3plus', '206', 1, 50), source: 'computed' },
    published('dental_checks', '207', 70, 100),
    published('dental_checks', '208', 90, 100),
    computed('placements_3plus', 2025, 7, 50),
    computed('placements_3plus', 2024, 9, 50),
    computed('immunisations', 2025, 45, 50),
    computed('dental_checks', 2025, 39, 50),
    { ...computed('health_assessments', 2025, 1, 1), numerator: null, value: null, symbol: 'c', numeratorSymbol: 'c' },
  ]);
}

const fixedClock = (iso: string) => ({ now: () => new Date(iso) });

async function expectError(promise: Promise<unknown>, code: PaymentsError['code'], message?: RegExp) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PaymentsError);
  expect((error as PaymentsError).code).toBe(code);
  if (message) expect((error as PaymentsError).message).toMatch(message);
}

describe.each(testEngines())('payments on %s', (engine) => {
  let database: Database;
  let contractId: number;

  beforeAll(async () => {
    database = await openTestDatabase(engine);
    await seed(database);
    const contract = await createContract(
      database,
      council201,
      {
        practiceId: 'P1',
        name: 'P1 outcomes 2024-26',
        periodStart: 2024,
        periodEnd: 2026,
        terms: termsV1,
        note: 'signed',
      },
      fixedClock('2025-04-01T09:00:00.000Z'),
    );
    contractId = contract.id;
  });
  afterAll(() => database?.close());

  describe('facts', () => {
    it('pool neighbours, take percentiles in SQL, and keep symbols (never 0)', async () => {
      const facts = await readFacts(database.db, {
        councilCode: '201',
        practiceId: 'P1',
        period: 2025,
        terms: termsV2,
      });
      const a = facts.indicators.placements_3plus!;
      expect(a.actual).toMatchObject({
        found: true,
        value: 14,
        numerator: 7,
        denominator: 50,
        source: 'computed',
        period: 2025,
      });
      expect(a.group).toMatchObject({
        kind: 'neighbours',
        councilCode: '201',
        model: '2025',
        members: ['202', '203', '204', '205', '206'],
        pooled: { numerator: 60, denominator: 400, value: 15, councils: 4 },
        percentiles: { count: 4, p0: 10, p25: 11.5, p50: 13.5, p75: 17.75, p100: 26 },
      });
      expect(a.group!.values.map((v) => [v.subjectId, v.value, v.symbol, v.source])).toEqual([
        ['202', 12, null, 'published'],
        ['203', 15, null, 'published'],
        ['204', 10, null, 'published'],
        ['205', null, 'c', 'published'],
        ['206', 26, null, 'published'],
      ]);
      expect(facts.indicators.dental_checks!.group).toMatchObject({
        kind: 'comparison',
        members: ['207', '208'],
        pooled: { value: 80, councils: 2 },
      });
      expect(facts.indicators.health_assessments!.actual).toMatchObject({
        found: true,
        value: null,
        symbol: 'c',
        numeratorSymbol: 'c',
      });
      expect(facts.indicators.review_participation!.actual).toMatchObject({ found: false, value: null, symbol: null });
    });

    it("read the terms' SN model when pinned, and the baseline period for improvements", async () => {
      const terms = parseTerms({
        ...termsV1,
        neighbourModel: '2021',
        indicators: [
          termsV1.indicators[0],
          {
            indicatorId: 'immunisations',
            weight: 1,
            target: { type: 'improvement', baselinePeriod: 2020, by: 1, unit: 'points' },
            partial: { type: 'all_or_nothing' },
          },
        ],
      });
      const facts = await readFacts(database.db, { councilCode: '201', practiceId: 'P1', period: 2025, terms });
      expect(facts.indicators.placements_3plus!.group).toMatchObject({
        model: '2021',
        members: ['207'],
        pooled: { value: 20 },
        percentiles: null,
      });
      expect(facts.indicators.immunisations!.baseline).toMatchObject({ found: false, period: 2020, value: null });
    });
  });

  describe('contracts and versions', () => {
    it('a council creates a contract with its own practice: version 1 holds the terms', async () => {
      const contract = await getContract(database, council201, contractId);
      expect(contract).toMatchObject({
        councilCode: '201',
        councilName: 'Council 201',
        practiceId: 'P1',
        practiceName: 'Practice one',
        periodStart: 2024,
        periodEnd: 2026,
        createdBy: 'council-201',
        createdAt: '2025-04-01T09:00:00.000Z',
        latestVersion: 1,
      });
    });

    it('only the council may set terms, and only for a practice that serves it', async () => {
      const input = { practiceId: 'P1', name: 'x', periodStart: 2025, periodEnd: 2025, terms: termsV1 };
      await expectError(createContract(database, practiceP1, input), 'FORBIDDEN');
      await expectError(createContract(database, policy, input), 'FORBIDDEN');
      await expectError(createContract(database, confused, { ...input, councilCode: '201' }), 'FORBIDDEN');
      await expectError(createContract(database, council202, { ...input, councilCode: '201' }), 'FORBIDDEN');
      await expectError(createContract(database, council202, input), 'NOT_FOUND', /No practice P1 serves council 202/);
      await expectError(
        createContract(database, council201, { ...input, periodStart: 2026, periodEnd: 2025 }),
        'INVALID',
      );
    });

    it('terms are checked against the catalogue before anything is written', async () => {
      const bad = { ...termsV1, indicators: [{ ...termsV1.indicators[1]!, indicatorId: 'nowhere' }] };
      await expectError(
        createContract(database, council201, {
          practiceId: 'P1',
          name: 'x',
          periodStart: 2025,
          periodEnd: 2025,
          terms: bad,
        }),
        'INVALID',
        /no indicator nowhere/,
      );
      await expectError(
        amendTerms(database, council201, { contractId, terms: { ...termsV1, missingData: undefined } }),
        'INVALID',
      );
      expect((await listContracts(database, council201)).length).toBe(1);
      expect((await listVersions(database, council201, contractId))!.length).toBe(1);
    });

    it('contracts are read by their parties and policy; others see nothing', async () => {
      expect((await listContracts(database, council201)).map((c) => c.id)).toEqual([contractId]);
      expect((await listContracts(database, practiceP1)).map((c) => c.id)).toEqual([contractId]);
      expect((await listContracts(database, policy)).map((c) => c.id)).toEqual([contractId]);
      expect(await listContracts(database, council202)).toEqual([]);
      expect(await listContracts(database, practiceP2)).toEqual([]);
      expect(await listContracts(database, confused)).toEqual([]);
      expect(await getContract(database, council202, contractId)).toBeNull();
      expect(await listVersions(database, practiceP2, contractId)).toBeNull();
    });
  });

  describe('statements', () => {
    let issued: Awaited<ReturnType<typeof issueStatement>>;
    let frozen: StatementDocument;

    beforeAll(async () => {
      issued = await issueStatement(
        database,
        council201,
        { contractId, period: 2025 },
        fixedClock('2025-12-01T10:00:00.000Z'),
      );
      frozen = JSON.parse(issued.document) as StatementDocument;
    });

    it('issuing works out every line by hand-worked numbers and records the version used', () => {
      expect(issued).toMatchObject({
        contractId,
        version: 1,
        period: 2025,
        status: 'issued',
        issuedBy: 'council-201',
        issuedAt: '2025-12-01T10:00:00.000Z',
        fixedPence: 1_000_000,
        earnedPence: 480_001,
        totalPence: 1_480_001,
        intact: true,
      });
      expect(
        frozen.lines.map((l) => [
          l.indicatorId,
          l.outcome,
          l.targetValue,
          l.actual.value,
          l.achievement,
          l.allocatedPence,
          l.earnedPence,
        ]),
      ).toEqual([
        ['placements_3plus', 'met', 15, 14, 1, 200_001, 200_001],
        ['immunisations', 'met', 90, 90, 1, 100_000, 100_000],
        ['dental_checks', 'partly', 80, 78, 0.8, 100_000, 80_000],
        ['health_assessments', 'no_data', 85, null, 1, 100_000, 100_000],
        ['review_participation', 'no_data', 60, null, 0, 100_000, 0],
      ]);
      expect(frozen.totals).toEqual({
        fixedFeePence: 1_000_000,
        outcomePotPence: 600_001,
        allocatedPence: 600_001,
        earnedPence: 480_001,
        unearnedPence: 120_000,
        totalPence: 1_480_001,
      });
      expect(frozen.lines[3]!.explanation).toBe(
        "No data: the practice's 2025 figure is suppressed (c). Missing-data rule 'pay in full' (set for this indicator): paid in full, so it earns the whole £1,000.00 allocated (weight 1 of 6).",
      );
      expect(frozen.lines[2]!.actual).toEqual({
        value: 78,
        numerator: 39,
        denominator: 50,
        symbol: null,
        numeratorSymbol: null,
        denominatorSymbol: null,
        source: 'computed',
        period: 2025,
      });
      expect(frozen).toMatchObject({
        format: 'continuity/payment-statement@1',
        status: 'issued',
        statementId: issued.id,
        version: { version: 1, createdBy: 'council-201', note: 'signed', overridden: false },
        issued: { by: 'council-201', at: '2025-12-01T10:00:00.000Z' },
        terms: termsV1,
      });
      expect(frozen.indicators.map((d) => [d.id, d.polarity])).toEqual([
        ['placements_3plus', 'lower_better'],
        ['immunisations', 'higher_better'],
        ['dental_checks', 'higher_better'],
        ['health_assessments', 'higher_better'],
        ['review_participation', 'higher_better'],
      ]);
    });

    it('the document is canonical JSON whose SHA-256 is stored, and re-derives from its own facts', () => {
      expect(canonicalJson(frozen)).toBe(issued.document);
      expect(sha256Hex(issued.document)).toBe(issued.sha256);
      const again = evaluate(frozen.terms, frozen.facts);
      expect(again.lines).toEqual(frozen.lines);
      expect(again.totals).toEqual(frozen.totals);
    });

    it('a period is issued once; only the council issues, and only within the contract', async () => {
      await expectError(issueStatement(database, council201, { contractId, period: 2025 }), 'CONFLICT');
      await expectError(issueStatement(database, practiceP1, { contractId, period: 2026 }), 'FORBIDDEN');
      await expectError(issueStatement(database, policy, { contractId, period: 2026 }), 'FORBIDDEN');
      await expectError(issueStatement(database, council202, { contractId, period: 2026 }), 'NOT_FOUND');
      await expectError(
        issueStatement(database, council201, { contractId, period: 2027 }),
        'INVALID',
        /outside contract/,
      );
    });

    it('the database refuses to change an issued statement or a version', async () => {
      // drizzle wraps the driver's error: the trigger's message is on its cause
      const refusal = (query: ReturnType<typeof sql>) =>
        database.rows(query).then(
          () => 'accepted',
          (e: Error & { cause?: Error }) => e.cause?.message ?? e.message,
        );
      expect(await refusal(sql`UPDATE statements SET total_pence = 0 WHERE id = ${issued.id}`)).toBe(
        'statements rows are immutable: insert a new row instead',
      );
      expect(await refusal(sql`DELETE FROM statements WHERE id = ${issued.id}`)).toMatch(/immutable/);
      expect(await refusal(sql`UPDATE contract_versions SET note = 'x' WHERE contract_id = ${contractId}`)).toBe(
        'contract_versions rows are immutable: insert a new row instead',
      );
      expect((await getStatement(database, council201, issued.id))!.document).toBe(issued.document);
    });

    it('a preview writes nothing, and a what-if recomputes under changed terms', async () => {
      const before = await listStatements(database, council201);
      const current = await previewStatement(database, council201, { contractId, period: 2025 });
      expect(current).toMatchObject({
        status: 'preview',
        statementId: null,
        issued: null,
        version: { version: 1, overridden: false },
      });
      expect(current.totals.totalPence).toBe(1_480_001);
      const whatIf = await previewStatement(database, council201, { contractId, period: 2025, terms: termsV2 });
      expect(whatIf.version).toMatchObject({ version: 1, overridden: true });
      expect(whatIf.lines[0]).toMatchObject({
        outcome: 'partly',
        targetValue: 11.5,
        floorValue: 17.75,
        achievement: 0.6,
        earnedPence: 144_000,
      });
      expect(whatIf.totals.totalPence).toBe(1_480_000);
      // an improvement on the 2024 baseline (18 - 3 = 15): 14 is met
      const improvement = parseTerms({
        ...termsV1,
        indicators: [
          {
            indicatorId: 'placements_3plus',
            weight: 1,
            target: { type: 'improvement', baselinePeriod: 2024, by: 3, unit: 'points' },
            partial: { type: 'all_or_nothing' },
          },
        ],
      });
      const imp = await previewStatement(database, council201, { contractId, period: 2025, terms: improvement });
      expect(imp.lines[0]).toMatchObject({
        outcome: 'met',
        targetValue: 15,
        comparatorValue: 18,
        earnedPence: 600_001,
      });
      expect(await listStatements(database, council201)).toEqual(before);
      expect((await listVersions(database, council201, contractId))!.length).toBe(1);
    });

    it('previews: the practice sees its own but may not change terms; others may not preview', async () => {
      expect((await previewStatement(database, practiceP1, { contractId, period: 2026 })).status).toBe('preview');
      await expectError(
        previewStatement(database, practiceP1, { contractId, period: 2025, terms: termsV2 }),
        'FORBIDDEN',
      );
      await expectError(previewStatement(database, policy, { contractId, period: 2025 }), 'FORBIDDEN');
      await expectError(previewStatement(database, council202, { contractId, period: 2025 }), 'NOT_FOUND');
      await expectError(
        previewStatement(database, council201, { contractId, period: 2025, terms: { nope: 1 } }),
        'INVALID',
      );
    });

    it('amending terms adds version 2 and keeps version 1 as it was', async () => {
      const v2 = await amendTerms(
        database,
        council201,
        { contractId, terms: termsV2, note: 'quartile target' },
        fixedClock('2026-01-05T00:00:00.000Z'),
      );
      expect(v2).toMatchObject({
        contractId,
        version: 2,
        note: 'quartile target',
        createdAt: '2026-01-05T00:00:00.000Z',
        terms: termsV2,
      });
      const versions = (await listVersions(database, practiceP1, contractId))!;
      expect(versions.map((v) => [v.version, v.note])).toEqual([
        [1, 'signed'],
        [2, 'quartile target'],
      ]);
      expect(versions[0]!.terms).toEqual(termsV1);
      await expectError(amendTerms(database, practiceP1, { contractId, terms: termsV1 }), 'FORBIDDEN');
      await expectError(amendTerms(database, council202, { contractId, terms: termsV1 }), 'NOT_FOUND');
    });

    it('a frozen statement is unchanged, byte for byte, after new data and new terms', async () => {
      // new data: a figure appears, one is revised, a neighbour is republished
      await database.db.insert(indicatorValues).values(computed('review_participation', 2025, 40, 50));
      await database.db
        .update(indicatorValues)
        .set({ numerator: 40, value: 80 })
        .where(
          and(
            eq(indicatorValues.indicatorId, 'immunisations'),
            eq(indicatorValues.subjectId, 'P1'),
            eq(indicatorValues.period, 2025),
          ),
        );
      await database.db
        .update(indicatorValues)
        .set({ numerator: 40, value: 40 })
        .where(and(eq(indicatorValues.indicatorId, 'placements_3plus'), eq(indicatorValues.subjectId, '202')));

      const again = (await getStatement(database, practiceP1, issued.id))!;
      expect(again.document).toBe(issued.document);
      expect(again.sha256).toBe(issued.sha256);
      expect(again.intact).toBe(true);
      expect(again.version).toBe(1);

      // while a statement worked out now differs: latest terms (v2) and the new figures
      const now = await previewStatement(database, council201, { contractId, period: 2025 });
      expect(now.version.version).toBe(2);
      expect(now.lines.find((l) => l.indicatorId === 'immunisations')).toMatchObject({
        outcome: 'not_met',
        actual: { value: 80 },
      });
      expect(canonicalJson({ ...now, status: 'issued' })).not.toBe(issued.document);
    });

    it('a new statement records the version it used', async () => {
      const s2026 = await issueStatement(
        database,
        council201,
        { contractId, period: 2026 },
        fixedClock('2026-12-01T10:00:00.000Z'),
      );
      expect(s2026.version).toBe(2);
      const s2024 = await issueStatement(
        database,
        council201,
        { contractId, period: 2024, version: 1 },
        fixedClock('2026-12-02T10:00:00.000Z'),
      );
      expect(s2024.version).toBe(1);
      // 2026 has no figures at all: every line is no data, each under its rule
      const doc = JSON.parse(s2026.document) as StatementDocument;
      expect(doc.lines.map((l) => [l.outcome, l.missingDataRule, l.excluded])).toEqual([
        ['no_data', 'treat_as_not_met', false],
        ['no_data', 'treat_as_not_met', false],
        ['no_data', 'treat_as_not_met', false],
        ['no_data', 'pay_in_full', false],
        ['no_data', 'exclude_and_reweight', true],
      ]);
      // shares over weights 2, 1, 1, 1 (as v2 above): only D, paid in full, earns 120,000
      expect(doc.totals).toMatchObject({ earnedPence: 120_000, totalPence: 1_120_000 });
    });

    it('statements are listed for their parties and policy only', async () => {
      const periods = async (v: Viewer, filter = {}) =>
        (await listStatements(database, v, filter)).map((s) => s.period);
      expect(await periods(council201)).toEqual([2024, 2025, 2026]);
      expect(await periods(practiceP1)).toEqual([2024, 2025, 2026]);
      expect(await periods(policy, { practiceId: 'P1', period: 2025 })).toEqual([2025]);
      expect(await periods(council202)).toEqual([]);
      expect(await periods(practiceP2)).toEqual([]);
      expect(await periods(practiceP2, { practiceId: 'P1' })).toEqual([]);
      expect(await getStatement(database, council202, issued.id)).toBeNull();
      expect((await getStatement(database, policy, issued.id))!.document).toBe(issued.document);
    });
  });
});
