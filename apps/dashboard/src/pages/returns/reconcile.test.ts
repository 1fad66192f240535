import { describe, expect, it } from 'vitest';
import { toCsv } from '../../figures/csv';
import { reconciliationCsv, reconciliationTable, type ReconciliationRow } from './reconcile';

const indicator = {
  id: 'placements_3plus',
  title: 'Children with 3 or more placements',
  unit: 'percent',
  decimals: 0,
  periodType: 'reporting_year',
};
const rows: ReconciliationRow[] = [
  {
    indicator,
    period: 2024,
    computed: { value: 9500 / 1050, numerator: 95, denominator: 1050, symbol: null },
    published: { value: 9, numerator: 90, denominator: 1000, symbol: null },
    difference: 9500 / 1050 - 9,
    reasons: ['Equal once rounded as DfE prints it (0 decimal places).'],
  },
  {
    indicator,
    period: 2025,
    computed: { value: 10, numerator: 40, denominator: 400, symbol: null },
    published: null,
    difference: null,
    reasons: ['DfE has published no figure for this council and year (yet).'],
  },
];

describe('reconciliation table', () => {
  it('shows both figures as the indicator prints them, newest year first, with a signed difference', () => {
    expect(reconciliationTable(rows)).toEqual([
      {
        key: 'placements_3plus:2025',
        indicator: indicator.title,
        year: '2024-25',
        computed: '10% (40 of 400)',
        published: 'Not published',
        difference: '—',
        reasons: [rows[1]!.reasons[0]],
      },
      // 9.048 - 9 = 0.048 points, to one more decimal than the figure: +0.0 points.
      {
        key: 'placements_3plus:2024',
        indicator: indicator.title,
        year: '2023-24',
        computed: '9% (95 of 1050)',
        published: '9% (90 of 1000)',
        difference: '+0.0 points',
        reasons: [rows[0]!.reasons[0]],
      },
    ]);
  });

  it('downloads every figure at full precision', () => {
    const csv = toCsv(reconciliationCsv(rows)).split('\r\n');
    expect(csv[0]).toBe(
      'indicator_id,indicator,period,computed_value,computed_numerator,computed_denominator,computed_symbol,published_value,published_numerator,published_denominator,published_symbol,difference,reasons',
    );
    expect(csv[1]).toBe(
      `placements_3plus,Children with 3 or more placements,2024,${9500 / 1050},95,1050,,9,90,1000,,${9500 / 1050 - 9},Equal once rounded as DfE prints it (0 decimal places).`,
    );
    expect(csv[2]).toBe(
      'placements_3plus,Children with 3 or more placements,2025,10,40,400,,,,,not published,,DfE has published no figure for this council and year (yet).',
    );
  });
});
