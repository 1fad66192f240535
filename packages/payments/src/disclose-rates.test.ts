/**
 * Disclosure of a rate card (issue 18): pay = units x price gives the count back, so a count of 1
 * to 5 withholds the line's units and pence, the rate card's pay and the statement's total from
 * viewers outside the contract; a count of 12 is shown. Pot lines are untouched.
 */
import { describe, expect, it } from 'vitest';
import { buildDocument } from './document';
import { discloseStatement } from './disclose';
import { definition, facts, figure, terms } from './test-helpers';

const contract = {
  id: 1,
  name: 'C',
  councilCode: '201',
  councilName: null,
  practiceId: 'P1',
  practiceName: null,
  periodStart: 2025,
  periodEnd: 2025,
};
const version = { version: 1, createdBy: 'u', createdAt: '2025-01-01T00:00:00.000Z', note: null, overridden: false };

function statement(count: number) {
  const t = { ...terms(0, []), rateCard: { rates: [{ indicatorId: 'eet', pricePence: 10_000 }] } };
  const f = facts({
    eet: {
      definition: definition('eet', 'higher_better'),
      actual: figure((count * 100) / 20, { numerator: count, denominator: 20 }),
    },
  });
  return buildDocument({ status: 'preview', statementId: null, contract, version, terms: t, facts: f, issued: null });
}

describe('rate card disclosure', () => {
  it('withholds the pence of a suppressed count (4 x £100.00 would give 4 back)', () => {
    const document = statement(4);
    expect(document.totals).toMatchObject({ rateCardPence: 40_000, totalPence: 40_000 });
    const seen = discloseStatement(document);
    expect(seen.rateCard!.lines[0]).toMatchObject({
      counted: null,
      units: null,
      grossPence: null,
      paidPence: null,
      countedSymbol: 'c',
    });
    expect(seen.rateCard!.paidPence).toBeNull();
    expect(seen.totals.totalPence).toBeNull();
    expect('rateCardPence' in seen.totals).toBe(false);
    expect(JSON.stringify(seen)).not.toContain('40000');
  });

  it('shows a count above the threshold with its pence', () => {
    const seen = discloseStatement(statement(12));
    expect(seen.rateCard!.lines[0]).toMatchObject({ counted: 12, units: 12, paidPence: 120_000 });
    expect(seen.totals).toMatchObject({ rateCardPence: 120_000, totalPence: 120_000 });
  });
});
