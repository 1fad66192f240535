/**
 * A statement as CSV (RFC 4180: comma-separated, fields quoted when they hold a comma, quote or line
 * break, CRLF line ends), one row per indicator, then a row for the fixed fee and one for the total.
 * Money is given twice: in pence (exact, for sums) and in pounds ("1234.56", for reading). Text cells
 * that would start with = + - @ are prefixed with ' so a spreadsheet never runs them as formulas.
 */
import type { DisclosedLine, DisclosedTotals } from './disclose';

export const CSV_COLUMNS = [
  'indicator_id',
  'title',
  'polarity',
  'weight',
  'target_type',
  'partial_rule',
  'target',
  'target_value',
  'floor_value',
  'period',
  'actual_value',
  'numerator',
  'denominator',
  'symbol',
  'source',
  'outcome',
  'missing_data_rule',
  'achievement',
  'allocated_pence',
  'earned_pence',
  'earned_pounds',
  'explanation',
] as const;

type Cell = string | number | null;

function text(value: string | null): string | null {
  if (value === null) return null;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function field(value: Cell): string {
  if (value === null) return '';
  const s = typeof value === 'number' ? String(value) : value;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function pounds(pence: number): string {
  const sign = pence < 0 ? '-' : '';
  const abs = BigInt(Math.abs(pence));
  return `${sign}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}

/** Lines and totals as a viewer may see them (owners: the frozen ones); a withheld amount is an empty cell. */
export function statementCsv(lines: readonly DisclosedLine[], totals: DisclosedTotals): string {
  const poundsOf = (pence: number | null) => (pence === null ? null : pounds(pence));
  const rows: Cell[][] = [[...CSV_COLUMNS]];
  for (const l of lines) {
    rows.push([
      text(l.indicatorId),
      text(l.title),
      l.polarity,
      l.weight,
      l.targetType,
      l.partialType,
      text(l.targetDescription),
      l.targetValue,
      l.floorValue,
      l.actual.period,
      l.actual.value,
      l.actual.numerator,
      l.actual.denominator,
      l.actual.symbol,
      l.actual.source,
      l.outcome,
      l.missingDataRule,
      l.achievement,
      l.allocatedPence,
      l.earnedPence,
      poundsOf(l.earnedPence),
      text(l.explanation),
    ]);
  }
  const blank = (n: number) => Array<Cell>(n).fill(null);
  rows.push(['fixed_fee', 'Fixed fee', ...blank(16), null, totals.fixedFeePence, pounds(totals.fixedFeePence), null]);
  rows.push([
    'total',
    'Total',
    ...blank(16),
    totals.fixedFeePence + totals.allocatedPence,
    totals.totalPence,
    poundsOf(totals.totalPence),
    null,
  ]);
  return rows.map((r) => r.map(field).join(',')).join('\r\n') + '\r\n';
}
