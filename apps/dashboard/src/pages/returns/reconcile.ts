/**
 * The reconciliation table (a council's computed figures against DfE's published ones) as table
 * rows and CSV rows. Pure: unit tested in node. Figures are formatted as the indicator prints them;
 * the CSV keeps the API's full precision.
 */
import { csvFileName, type CsvCell } from '../../figures/csv';
import { formatCell, formatValue, periodLabel } from '../../format/values';
import type { ReconciliationQuery } from '../../graphql/generated';

export type ReconciliationRow = NonNullable<ReconciliationQuery['reconciliation']>[number];

export interface ReconciliationTableRow {
  key: string;
  indicator: string;
  year: string;
  computed: string;
  published: string;
  difference: string;
  reasons: string[];
}

/** Newest year first within each indicator, indicators in the order the API gives them. */
export function reconciliationTable(rows: readonly ReconciliationRow[]): ReconciliationTableRow[] {
  return rows
    .map((r, i) => ({ r, i }))
    .sort((a, b) => (a.r.indicator.id === b.r.indicator.id ? b.r.period - a.r.period : a.i - b.i))
    .map(({ r }) => {
      const spec = { unit: r.indicator.unit, decimals: r.indicator.decimals };
      const signed =
        r.difference === null
          ? '—'
          : `${r.difference > 0 ? '+' : r.difference < 0 ? '\u2212' : ''}${formatValue(Math.abs(r.difference), { ...spec, decimals: spec.decimals + 1, unit: spec.unit === 'percent' ? 'points' : spec.unit })}${spec.unit === 'percent' ? ' points' : ''}`;
      return {
        key: `${r.indicator.id}:${r.period}`,
        indicator: r.indicator.title,
        year: periodLabel(r.period, r.indicator.periodType),
        computed: `${formatCell(r.computed, spec).text}${fraction(r.computed)}`,
        published: r.published ? `${formatCell(r.published, spec).text}${fraction(r.published)}` : 'Not published',
        difference: signed,
        reasons: r.reasons,
      };
    });
}

function fraction(f: { numerator: number | null; denominator: number | null }): string {
  if (f.numerator === null || f.denominator === null) return f.denominator === null ? '' : ` (of ${f.denominator})`;
  return ` (${f.numerator} of ${f.denominator})`;
}

export function reconciliationCsv(rows: readonly ReconciliationRow[]): CsvCell[][] {
  return [
    [
      'indicator_id',
      'indicator',
      'period',
      'computed_value',
      'computed_numerator',
      'computed_denominator',
      'computed_symbol',
      'published_value',
      'published_numerator',
      'published_denominator',
      'published_symbol',
      'difference',
      'reasons',
    ],
    ...rows.map((r) => [
      r.indicator.id,
      r.indicator.title,
      r.period,
      r.computed.value,
      r.computed.numerator,
      r.computed.denominator,
      r.computed.symbol,
      r.published?.value ?? null,
      r.published?.numerator ?? null,
      r.published?.denominator ?? null,
      r.published ? r.published.symbol : 'not published',
      r.difference,
      r.reasons.join(' '),
    ]),
  ];
}

export const reconciliationFileName = (councilCode: string) => csvFileName('reconciliation', councilCode);
