/**
 * The council table's words, order and downloads, from the API's answer. Pure: the page and the
 * browser test use the same functions. Published values are shown exactly as published (formatted
 * to the indicator's decimals); downloads carry the full-precision numbers.
 */
import type { CsvCell } from '../../figures/csv';
import { formatCell, formatValue, periodLabel, type FormatSpec } from '../../format/values';
import type { Significance, Trend } from '../../graphql/generated';
import type { TableData, TableRow } from './queries';

export type SortKey = 'verdict' | 'name' | 'value' | 'rank' | 'change' | 'neighbours';
export type SortDirection = 'ascending' | 'descending';

export const SORT_KEYS: readonly SortKey[] = ['verdict', 'name', 'value', 'rank', 'change', 'neighbours'];

const VERDICT_ORDER: Readonly<Record<Significance, number>> = { BETTER: 0, SIMILAR: 1, WORSE: 2 };

export function verdictLabel(verdict: Significance | null | undefined): string {
  switch (verdict) {
    case 'BETTER':
      return 'Better than England';
    case 'WORSE':
      return 'Worse than England';
    case 'SIMILAR':
      return 'Similar to England';
    default:
      return 'Not tested';
  }
}

/** A council's name as shown: a council since reorganised away says so, with its last year. */
export function councilName(row: Pick<TableRow, 'name' | 'former' | 'lastPeriod'>, periodType: string): string {
  return row.former && row.lastPeriod !== null
    ? `${row.name} (former council, to ${periodLabel(row.lastPeriod, periodType)})`
    : row.name;
}

/** Where a council falls on the funnel plot, in words. */
export function funnelLabel(position: string | null | undefined): string {
  switch (position) {
    case 'ABOVE_998':
      return 'Above the 99.8% limit';
    case 'ABOVE_95':
      return 'Above the 95% limit';
    case 'WITHIN':
      return 'Within the limits';
    case 'BELOW_95':
      return 'Below the 95% limit';
    case 'BELOW_998':
      return 'Below the 99.8% limit';
    default:
      return 'Not on the funnel';
  }
}

export function trendLabel(trend: Trend | null | undefined): string {
  switch (trend) {
    case 'RISING':
      return 'Rising';
    case 'FALLING':
      return 'Falling';
    case 'STEADY':
      return 'Steady';
    case 'MIXED':
      return 'Up and down';
    default:
      return 'Not enough years';
  }
}

/** LAIT's quartile bands: A is the best quarter. */
export function bandLabel(quartile: number | null | undefined): string {
  return quartile
    ? `${'ABCD'[quartile - 1]} (${['best quarter', 'second quarter', 'third quarter', 'worst quarter'][quartile - 1]})`
    : 'Not banded';
}

function sortValue(row: TableRow, key: SortKey): number | string | null {
  switch (key) {
    case 'name':
      return row.name;
    case 'value':
      return row.value;
    case 'rank':
      return row.rank;
    case 'change':
      return row.change;
    case 'neighbours':
      return row.neighbourMedian;
    case 'verdict':
      return row.versusEngland ? VERDICT_ORDER[row.versusEngland] : null;
  }
}

/** Rows in the chosen order; rows without the sorted figure go last either way, then by rank and name. */
export function sortRows(rows: readonly TableRow[], key: SortKey, direction: SortDirection): TableRow[] {
  const sign = direction === 'ascending' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const [x, y] = [sortValue(a, key), sortValue(b, key)];
    if (x === null || y === null) {
      if (x !== y) return x === null ? 1 : -1;
    } else if (x !== y) {
      return sign * (typeof x === 'string' ? x.localeCompare(String(y), 'en-GB') : x - (y as number));
    }
    return (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.name.localeCompare(b.name, 'en-GB');
  });
}

export function specOf(table: TableData): FormatSpec {
  return { unit: table.indicator.unit, decimals: table.indicator.decimals };
}

/** "+1.5", "-2", "0" in the value's units (percentage points for a percentage). */
export function changeText(change: number | null | undefined, spec: FormatSpec): string {
  if (change === null || change === undefined) return 'No figure';
  const text = formatValue(Math.abs(change), { ...spec, unit: 'number' });
  const sign = text.replace(/[0.,]/g, '') === '' ? '' : change > 0 ? '+' : '-';
  return `${sign}${text}${spec.unit === 'percent' ? ' pts' : ''}`;
}

export function intervalText(interval: { lower: number; upper: number } | null | undefined, spec: FormatSpec): string {
  return interval ? `${formatValue(interval.lower, spec)} to ${formatValue(interval.upper, spec)}` : 'None';
}

export function valueText(row: Pick<TableRow, 'value' | 'symbol'>, spec: FormatSpec): string {
  return formatCell(row, spec).text;
}

const HEADER = [
  'Council code',
  'Council',
  'Value',
  'Suppression symbol',
  'Numerator',
  'Denominator',
  'Rank',
  'Ranked councils',
  'Quartile band (1 best)',
  'Previous year',
  'Change',
  'Three-year trend',
  '95% interval lower',
  '95% interval upper',
  'Interval method',
  'Compared with England',
  'Funnel plot',
  "Neighbours' median",
  'Neighbours with a figure',
  'Statistical neighbours',
];

/** The table as rows of cells (a header first), for CSV and the spreadsheet. */
export function downloadRows(table: TableData, rows: readonly TableRow[]): CsvCell[][] {
  return [
    HEADER,
    ...rows.map((r) => [
      r.code,
      r.name,
      r.value,
      r.symbol,
      r.numerator,
      r.denominator,
      r.rank,
      r.rankOutOf,
      r.quartile,
      r.previous,
      r.change,
      r.trend ? trendLabel(r.trend) : null,
      r.interval?.lower,
      r.interval?.upper,
      r.interval ? (r.interval.method === 'EXACT' ? 'Clopper-Pearson exact' : 'Wilson score') : null,
      r.versusEngland ? verdictLabel(r.versusEngland) : null,
      r.funnel ? funnelLabel(r.funnel) : null,
      r.neighbourMedian,
      r.neighboursWithValue,
      r.neighbourCodes.join(' '),
    ]),
    [
      'E92000001',
      'England',
      table.england?.value,
      table.england?.symbol,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      table.england?.interval?.lower,
      table.england?.interval?.upper,
    ],
  ];
}

/** Spreadsheet cells: numbers stay numbers; empty cells are null. */
export function sheetCells(rows: readonly (readonly CsvCell[])[]): (string | number | null)[][] {
  return rows.map((row) => row.map((cell) => (cell === undefined || cell === null || cell === '' ? null : cell)));
}

export function fileStem(table: TableData): string {
  return `${table.indicator.id}-councils-${periodLabel(table.period, table.indicator.periodType)}`
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '-');
}
