import { describe, expect, it } from 'vitest';
import { evaluate } from './engine/evaluate';
import { CSV_COLUMNS, statementCsv } from './csv';
import { aon, definition, facts, figure, linear, terms } from './test-helpers';

describe('statement CSV', () => {
  it('has one row per indicator, then the fixed fee and the total, exact in pence', () => {
    const { lines, totals } = evaluate(
      terms(
        10_000,
        [
          { indicatorId: 'a', weight: 1, target: { type: 'absolute', level: 80 }, partial: linear(60) },
          { indicatorId: 'b', weight: 1, target: { type: 'absolute', level: 10 }, partial: aon },
        ],
        { fixedFeePence: 123_456 },
      ),
      facts({
        a: {
          definition: { ...definition('a', 'higher_better'), title: 'Title, with "quotes"' },
          actual: figure(70, { numerator: 7, denominator: 10 }),
        },
        b: { definition: definition('b', 'lower_better'), actual: figure(null, { symbol: 'c' }) },
      }),
    );
    const csv = statementCsv(lines, totals);
    const rows = csv.split('\r\n');
    expect(rows).toHaveLength(6); // header, 2 lines, fixed fee, total, and the final empty string
    expect(rows[0]).toBe(CSV_COLUMNS.join(','));
    expect(rows[1]).toMatch(
      /^a,"Title, with ""quotes""",higher_better,1,absolute,linear,at least 80%,80,60,2025,70,7,10,,computed,partly,,0.5,5000,2500,25.00,"Partly met: /,
    );
    expect(rows[2]).toMatch(
      /^b,Indicator b,lower_better,1,absolute,all_or_nothing,at most 10%,10,,2025,,,,c,computed,no_data,treat_as_not_met,0,5000,0,0.00,"No data: /,
    );
    expect(rows[3]).toBe('fixed_fee,Fixed fee,,,,,,,,,,,,,,,,,,123456,1234.56,');
    expect(rows[4]).toBe('total,Total,,,,,,,,,,,,,,,,,133456,125956,1259.56,');
    expect(rows[5]).toBe('');
  });
});
