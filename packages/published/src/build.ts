import { parseCell, roundTo, type Cell } from './cell';
import { periodOf } from './period';
import type { CellRef, PublishedSource, Quantity } from './sources';
import { subjectOf, type Row, type Subject, type SubjectKind } from './subject';

/** One published figure, ready for `indicator_values` (source 'published'). */
export interface PublishedValue {
  indicatorId: string;
  subjectKind: SubjectKind;
  subjectId: string;
  period: number;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  symbol: string | null;
  numeratorSymbol: string | null;
  denominatorSymbol: string | null;
}

const NO_NUMBER: Cell = { value: null, symbol: null, decimals: 0 };

/**
 * Builds one indicator's published values from its sources (oldest first). Each period is taken whole
 * from the newest source that has it. A subject's rows for a period must name each cell exactly once;
 * a spec that no longer matches its file is an error, not a silent gap.
 */
export function buildValues(
  indicatorId: string,
  sources: readonly PublishedSource[],
  table: (file: string) => readonly Row[],
): PublishedValue[] {
  const values: PublishedValue[] = [];
  const partnerValues: PublishedValue[] = [];
  const claimed = new Set<number>();
  for (const source of [...sources].reverse()) {
    const groups = groupBySubjectAndPeriod(table(source.file).filter((row) => matches(row, source.rows)));
    const periods = new Set<number>();
    for (const { subject, period, rows } of groups) {
      periods.add(period);
      if (claimed.has(period)) continue;
      const { lead, partners } = valuesFor(indicatorId, source, subject, period, rows);
      values.push(lead);
      partnerValues.push(...partners);
    }
    for (const period of periods) claimed.add(period);
  }
  // A council's own row beats a `z` made for it as a partner of a joint service.
  const keys = new Set(values.map(keyOf));
  for (const value of partnerValues) {
    if (keys.has(keyOf(value))) continue;
    keys.add(keyOf(value));
    values.push(value);
  }
  return values;
}

function keyOf(value: Pick<PublishedValue, 'indicatorId' | 'subjectKind' | 'subjectId' | 'period'>): string {
  return `${value.indicatorId}|${value.subjectKind}|${value.subjectId}|${value.period}`;
}

function valuesFor(
  indicatorId: string,
  source: PublishedSource,
  subject: Subject,
  period: number,
  rows: readonly Row[],
): { lead: PublishedValue; partners: PublishedValue[] } {
  const where = `${indicatorId} ${source.file} ${subject.kind} ${subject.id} ${period}`;
  const value = cellOf(rows, source.value, where);
  const numerator = source.numerator ? quantityOf(rows, source.numerator, where, period) : NO_NUMBER;
  const denominator = source.denominator ? quantityOf(rows, source.denominator, where, period) : NO_NUMBER;
  const lead: PublishedValue = {
    indicatorId,
    subjectKind: subject.kind,
    subjectId: subject.id,
    period,
    numerator: numerator.value,
    denominator: denominator.value,
    value: value.value,
    symbol: value.symbol,
    numeratorSymbol: numerator.symbol,
    denominatorSymbol: denominator.symbol,
  };
  // Partners of a jointly reported service: not applicable on their own (see Subject.partners).
  const partners = subject.partners.map((id) => ({
    ...lead,
    subjectId: id,
    numerator: null,
    denominator: null,
    value: null,
    symbol: 'z',
    numeratorSymbol: source.numerator ? 'z' : null,
    denominatorSymbol: source.denominator ? 'z' : null,
  }));
  return { lead, partners };
}

function quantityOf(rows: readonly Row[], quantity: Quantity, where: string, period: number): Cell {
  if ('sum' in quantity) {
    const cells = quantity.sum.map((ref) => cellOf(rows, ref, where));
    const missing = cells.find((cell) => cell.value === null);
    if (missing) return { value: null, symbol: missing.symbol, decimals: 0 };
    const decimals = Math.max(...cells.map((cell) => cell.decimals));
    return {
      value: roundTo(
        cells.reduce((total, cell) => total + cell.value!, 0),
        decimals,
      ),
      symbol: null,
      decimals,
    };
  }
  const cell = cellOf(rows, quantity.cell, where);
  if (!('times' in quantity) || cell.value === null) return cell;
  const factor = typeof quantity.times === 'function' ? quantity.times(period) : quantity.times;
  return { ...cell, value: roundTo(cell.value * factor, cell.decimals) };
}

function cellOf(rows: readonly Row[], ref: CellRef, where: string): Cell {
  const found = rows.filter((row) => matches(row, ref.where ?? {}));
  if (found.length !== 1) {
    throw new Error(`${where}: ${found.length} rows for ${ref.column} ${JSON.stringify(ref.where ?? {})}, expected 1`);
  }
  const text = found[0]![ref.column];
  if (text === undefined) throw new Error(`${where}: no column ${ref.column}`);
  return parseCell(text);
}

function matches(row: Row, filter: Readonly<Record<string, string>>): boolean {
  for (const column in filter) if (row[column] !== filter[column]) return false;
  return true;
}

interface Group {
  subject: Subject;
  period: number;
  rows: Row[];
}

function groupBySubjectAndPeriod(rows: readonly Row[]): Group[] {
  const groups = new Map<string, Group>();
  for (const row of rows) {
    const subject = subjectOf(row);
    const period = periodOf(row.time_period ?? '');
    const key = `${subject.kind}|${subject.id}|${period}`;
    const group = groups.get(key);
    if (group) group.rows.push(row);
    else groups.set(key, { subject, period, rows: [row] });
  }
  return [...groups.values()];
}
