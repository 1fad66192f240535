/**
 * A rate-card contract through the API (issue 18). Fixture (testing.ts) plus swp-kent computed 2024
 * immunisations 4/5 (a count of 4: withheld from viewers outside the contract) and placements_3plus
 * 10/100. Terms: no fixed fee, no pot; £25.00 per child immunised, £1.50 per child with 3+ moves
 * capped at 8 units, yearly cap £100.00. Gross: 4 x 2,500 = 10,000p; min(10, 8) = 8 x 150 = 1,200p;
 * 11,200p over the 10,000p cap: 10,000 x 10,000 / 11,200 = 8,928.57 -> 8,928 r .57; 10,000 x 1,200 /
 * 11,200 = 1,071.43 -> 1,071 r .43; 1 penny left -> immunisations: 8,929 + 1,071 = 10,000p.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indicatorValues, type Database } from '@continuity/db';
import { openTestDatabase, testEngines } from '@continuity/db/testing';
import { execute, seedFixture, testViewers } from '../../testing';

const TERMS = {
  fixedFeePence: 0,
  outcomePotPence: 0,
  missingData: 'TREAT_AS_NOT_MET',
  indicators: [],
  rateCard: {
    rates: [
      { indicatorId: 'immunisations', pricePence: 2_500 },
      { indicatorId: 'placements_3plus', pricePence: 150, maxUnits: 8 },
    ],
    capPerYearPence: 10_000,
  },
};
const PREVIEW = `query ($id: ID!) { previewStatement(contractId: $id, period: 2024) { totalPence rateCardPence
  rateCardLines { indicatorId counted countedSymbol units grossPence paidPence } } }`;

describe.each(testEngines())('rate cards API on %s', (engine) => {
  let database: Database;
  let contractId: string;

  beforeAll(async () => {
    database = await openTestDatabase(engine);
    await seedFixture(database);
    const value = (indicatorId: string, numerator: number, denominator: number) => ({
      indicatorId,
      subjectKind: 'practice' as const,
      subjectId: 'swp-kent',
      period: 2024,
      source: 'computed' as const,
      numerator,
      denominator,
      value: (numerator * 100) / denominator,
    });
    await database.db
      .insert(indicatorValues)
      .values([value('immunisations', 4, 5), value('placements_3plus', 10, 100)]);
  });
  afterAll(() => database?.close());

  it('the council writes a rate-card contract; the parties see its pay to the penny, policy without the small count', async () => {
    const created = await execute(
      database,
      testViewers.councilKent,
      `mutation ($input: CreateContractInput!) { createContract(input: $input) { id terms { indicators { indicatorId } rateCard { capPerYearPence capContractPence rates { indicatorId pricePence maxUnits } } } } }`,
      { input: { practiceId: 'swp-kent', name: 'Kent rate card', periodStart: 2024, periodEnd: 2024, terms: TERMS } },
    );
    expect(created.errors).toBeUndefined();
    contractId = created.data.createContract.id;
    expect(created.data.createContract.terms).toEqual({
      indicators: [],
      rateCard: {
        ...TERMS.rateCard,
        capContractPence: null,
        rates: [{ ...TERMS.rateCard.rates[0], maxUnits: null }, TERMS.rateCard.rates[1]],
      },
    });

    const preview = await execute(database, testViewers.practiceKent, PREVIEW, { id: contractId });
    expect(preview.data.previewStatement).toEqual({
      totalPence: 10_000,
      rateCardPence: 10_000,
      rateCardLines: [
        {
          indicatorId: 'immunisations',
          counted: 4,
          countedSymbol: null,
          units: 4,
          grossPence: 10_000,
          paidPence: 8_929,
        },
        {
          indicatorId: 'placements_3plus',
          counted: 10,
          countedSymbol: null,
          units: 8,
          grossPence: 1_200,
          paidPence: 1_071,
        },
      ],
    });

    const issued = await execute(
      database,
      testViewers.councilKent,
      `mutation ($id: ID!) { issueStatement(contractId: $id, period: 2024) { id totalPence } }`,
      { id: contractId },
    );
    expect(issued.data.issueStatement.totalPence).toBe(10_000);
    const READ = `query ($id: ID!) { statement(id: $id) { totalPence rateCardPence rateCardLines { indicatorId counted countedSymbol units paidPence } } }`;
    const policy = await execute(database, testViewers.policy, READ, { id: issued.data.issueStatement.id });
    // the count of 4 is withheld, and under the binding cap so is every share (1,071p would give the
    // immunisations gross back: 10,000 x 1,200 / (gross + 1,200))
    expect(policy.data.statement).toEqual({
      totalPence: null,
      rateCardPence: null,
      rateCardLines: [
        { indicatorId: 'immunisations', counted: null, countedSymbol: 'c', units: null, paidPence: null },
        { indicatorId: 'placements_3plus', counted: 10, countedSymbol: null, units: 8, paidPence: null },
      ],
    });
  });

  it('exports the contract as an INDIGO project: withheld amounts PRIVATE, for every viewer alike', async () => {
    const Q = `query ($id: ID!) { indigoProject(contractId: $id) }`;
    for (const viewer of [testViewers.policy, testViewers.councilKent]) {
      const project = JSON.parse((await execute(database, viewer, Q, { id: contractId })).data.indigoProject);
      expect(
        project.outcome_pricings.map(
          (p: { price_per_unit: { amount: { value: number } } }) => p.price_per_unit.amount.value,
        ),
      ).toEqual([25, 1.5]);
      // the count of 4 is withheld and, under the binding cap, both shares with it
      expect(
        project.outcome_payments.map((p: { status: string; money?: unknown }) => [p.status, p.money ?? null]),
      ).toEqual([
        ['PRIVATE', null],
        ['PRIVATE', null],
      ]);
    }
    expect((await execute(database, testViewers.councilOther, Q, { id: contractId })).data.indigoProject).toBeNull();
  });
});
