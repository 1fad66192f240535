/**
 * How figures, GSS symbols, units, periods, ranks and sources read on screen. Pure functions: the
 * numbers all come from the gateway, already in display units (percent 0-100, caseload as a ratio).
 */
import type { Polarity } from '../graphql/schema';

/** GSS / DfE symbols for a cell without a (reliable) number. */
const SYMBOLS: Readonly<Record<string, { short: string; meaning: string }>> = {
  c: {
    short: 'suppressed',
    meaning: 'Confidential: suppressed so that children cannot be identified from small numbers.',
  },
  x: { short: 'not available', meaning: 'Not available: no figure is held or published for this year.' },
  z: { short: 'not applicable', meaning: 'Not applicable: the measure does not apply here.' },
  k: { short: 'rounds to zero', meaning: 'A figure that is not zero but rounds to zero.' },
  u: { short: 'low reliability', meaning: 'Low reliability: use the figure with caution.' },
  low: { short: 'low', meaning: 'Low: a small number, not shown exactly (used in workforce data).' },
};

/** The order symbols are explained in. */
export const SYMBOL_ORDER: readonly string[] = ['c', 'x', 'z', 'k', 'u', 'low'];

export function symbolMeaning(symbol: string): { short: string; meaning: string } {
  return SYMBOLS[symbol] ?? { short: 'see source', meaning: 'A symbol used by the source of this figure.' };
}

const UNITS: Readonly<Record<string, string>> = {
  percent: 'Percentage',
  ratio: 'Ratio',
  rate: 'Rate',
  count: 'Number',
  score: 'Average score',
};

/** "Percentage", "Ratio", ...: how the unit is named beside a chart or table. */
export function unitLabel(unit: string): string {
  return UNITS[unit] ?? unit;
}

function clampDecimals(decimals: number): number {
  return Number.isInteger(decimals) ? Math.min(Math.max(decimals, 0), 6) : 0;
}

const numberFormats = new Map<number, Intl.NumberFormat>();
function numberFormat(decimals: number): Intl.NumberFormat {
  let format = numberFormats.get(decimals);
  if (!format) {
    format = new Intl.NumberFormat('en-GB', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    numberFormats.set(decimals, format);
  }
  return format;
}

export interface FormatSpec {
  unit: string;
  decimals: number;
}

/** 12.345 with {percent, 1} -> "12.3%"; 1234 with {count, 0} -> "1,234". */
export function formatValue(value: number, spec: FormatSpec): string {
  const decimals = clampDecimals(spec.decimals);
  const text = numberFormat(decimals).format(value);
  // "-0" and "-0.0" read as a negative figure: a value that rounds to zero shows as zero.
  const clean = /^-0(\.0*)?$/.test(text) ? text.slice(1) : text;
  return spec.unit === 'percent' ? `${clean}%` : clean;
}

/** What one table cell shows, and what a screen reader hears for it. */
export interface CellText {
  /** Shown on screen: "12%", "c", "12% u". */
  text: string;
  /** Read after the text, e.g. "suppressed"; null when the number says it all. */
  description: string | null;
  /** The symbol shown, if any (to list it in the legend). */
  symbol: string | null;
}

/**
 * A figure as a cell: the number formatted to the indicator's decimals and unit, or its GSS symbol.
 * A number that also carries a symbol (e.g. `u`, low reliability) shows both. No figure at all
 * (`point` undefined: nothing held for that period) shows `x`, not available: never 0 or blank.
 */
export function formatCell(
  point: { value: number | null; symbol: string | null } | undefined,
  spec: FormatSpec,
): CellText {
  if (!point) return { text: 'x', description: symbolMeaning('x').short, symbol: 'x' };
  const symbol = point.symbol && point.symbol.trim() !== '' ? point.symbol.trim() : null;
  if (point.value !== null && Number.isFinite(point.value)) {
    const text = formatValue(point.value, spec);
    return symbol
      ? { text: `${text} ${symbol}`, description: symbolMeaning(symbol).short, symbol }
      : { text, description: null, symbol: null };
  }
  const shown = symbol ?? 'x';
  return { text: shown, description: symbolMeaning(shown).short, symbol: shown };
}

/** "2023-24" for a year ending 31 March 2024 (period 2024), "2023/24" for an academic year, "2024" for a census. */
export function periodLabel(period: number, periodType: string): string {
  const previous = period - 1;
  const twoDigits = String(period % 100).padStart(2, '0');
  switch (periodType) {
    case 'reporting_year':
      return `${previous}-${twoDigits}`;
    case 'academic_year':
      return `${previous}/${twoDigits}`;
    default:
      return String(period);
  }
}

/** "year ending 31 March 2024", "academic year 2023/24", "30 September 2024". */
export function periodLongLabel(period: number, periodType: string): string {
  switch (periodType) {
    case 'reporting_year':
      return `year ending 31 March ${period}`;
    case 'academic_year':
      return `academic year ${periodLabel(period, periodType)}`;
    case 'census':
      return `30 September ${period}`;
    default:
      return String(period);
  }
}

/** What a period is, for the chart and table notes. */
export function periodTypeLabel(periodType: string): string {
  switch (periodType) {
    case 'reporting_year':
      return 'Years ending 31 March';
    case 'academic_year':
      return 'Academic years';
    case 'census':
      return 'Workforce census at 30 September each year';
    default:
      return periodType;
  }
}

/** "2016-17 to 2023-24", or one label when the range is one period; null when there are none. */
export function periodRangeLabel(periods: readonly number[], periodType: string): string | null {
  if (periods.length === 0) return null;
  const first = Math.min(...periods);
  const last = Math.max(...periods);
  const from = periodLabel(first, periodType);
  return first === last ? from : `${from} to ${periodLabel(last, periodType)}`;
}

/** "12 of 152, Q1"; null when the council was not ranked (no number that period). */
export function formatRank(
  point: { rank: number | null; rankOutOf: number | null; quartile: number | null } | undefined,
): string | null {
  if (!point || point.rank === null) return null;
  const place = point.rankOutOf !== null ? `${point.rank} of ${point.rankOutOf}` : String(point.rank);
  return point.quartile !== null ? `${place}, Q${point.quartile}` : place;
}

export function polarityLabel(polarity: Polarity): string {
  switch (polarity) {
    case 'HIGHER_BETTER':
      return 'A higher figure is better';
    case 'LOWER_BETTER':
      return 'A lower figure is better';
    default:
      return 'Neither a higher nor a lower figure is better';
  }
}
