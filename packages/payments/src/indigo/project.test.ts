/**
 * The INDIGO export by hand, validated against the project's INDIGO subset schema (ajv). Terms:
 * pot 10,001p over two targets, weights 2 and 1: 6,667p and 3,334p (largest remainder) -> maximum
 * prices £66.67 and £33.34; a rate card of £12.50 per child (1,250p), at most £100.00 a year.
 * Statement 2025: target A met (6,667p = £66.67), target B linear with a count of 3 withheld from the
 * public (PRIVATE, no amount); rate 12 children x 1,250 = 15,000p over the 10,000p cap = £100.00.
 */
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { buildDocument } from '../document';
import { definition, facts, figure, linear, aon, terms as termsOf } from '../test-helpers';
import type { Terms } from '../terms';
import { indigoProject } from './project';

const schema = JSON.parse(readFileSync(new URL('./project-subset.schema.json', import.meta.url), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

const terms: Terms = {
  ...termsOf(10_001, [
    { indicatorId: 'a', weight: 2, target: { type: 'absolute', level: 50 }, partial: aon },
    { indicatorId: 'b', weight: 1, target: { type: 'absolute', level: 80 }, partial: linear(40) },
  ]),
  rateCard: { rates: [{ indicatorId: 'eet', pricePence: 1_250 }], capPerYearPence: 10_000 },
};
const contract = {
  name: 'Stable homes',
  periodStart: 2025,
  periodEnd: 2026,
  councilName: 'Kent',
  practiceName: 'SWP Kent',
};
const doc = buildDocument({
  status: 'issued',
  statementId: 7,
  contract: { id: 1, councilCode: '886', practiceId: 'p', ...contract },
  version: { version: 1, createdBy: 'u', createdAt: '2025-01-01T00:00:00.000Z', note: null, overridden: false },
  terms,
  facts: facts({
    a: { definition: definition('a', 'higher_better'), actual: figure(60, { numerator: 30, denominator: 50 }) },
    // 3 of 5 = 60: partly met ((60 - 40) / (80 - 40) = 0.5), and the count 3 is suppressed for the public
    b: { definition: definition('b', 'higher_better'), actual: figure(60, { numerator: 3, denominator: 5 }) },
    eet: { definition: definition('eet', 'higher_better'), actual: figure(60, { numerator: 12, denominator: 20 }) },
  }),
  issued: { by: 'u', at: '2025-12-01T00:00:00.000Z' },
});
const defs = [
  { id: 'a', title: 'Indicator a' },
  { id: 'b', title: 'Indicator b' },
  { id: 'eet', title: 'Care leavers in education, employment or training' },
];

describe('INDIGO export', () => {
  const project = indigoProject(contract, terms, defs, [doc]);

  it('validates against the INDIGO subset schema', () => {
    expect(validate(project), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...project, surprise: 1 })).toBe(false);
  });

  it('carries metrics, prices and payments in pounds, to the penny', () => {
    expect(project.name).toEqual({ value: 'Stable homes (Kent and SWP Kent)' });
    expect(project.dates).toEqual({
      start_date_of_service_provision: { value: '2024-04-01', status: 'PUBLIC' },
      anticipated_end_date_of_service_provision: { value: '2026-03-31', status: 'PUBLIC' },
    });
    expect(project.outcome_metrics.map((m) => m.id)).toEqual(['target-a', 'target-b', 'rate-eet']);
    expect(
      project.outcome_pricings.map((p) => [
        p.outcome_metric_id.value,
        'maximum_price_if_all_targets_achieved' in p
          ? p.maximum_price_if_all_targets_achieved.amount.value
          : p.price_per_unit.amount.value,
      ]),
    ).toEqual([
      ['target-a', '66.67'],
      ['target-b', '33.34'],
      ['rate-eet', 12.5],
    ]);
    expect(project.outcome_pricings[2]!.price_description).toEqual({ value: 'Per child counted; at most 100 a year' });
    expect(
      project.outcome_payments.map((p) => [p.outcome_metric_id.value, p.status, p.money?.amount.value ?? null]),
    ).toEqual([
      ['target-a', 'PUBLIC', 66.67],
      ['target-b', 'PRIVATE', null],
      ['rate-eet', 'PUBLIC', 100],
    ]);
    expect(project.outcome_payments[0]!.period).toEqual({
      start_date: { value: '2024-04-01' },
      end_date: { value: '2025-03-31' },
    });
    // nothing of the withheld line's pence (floor(3,334 x 0.5) = 1,667p) is in the export
    expect(JSON.stringify(project)).not.toMatch(/16\.67|1667/);
  });
});
