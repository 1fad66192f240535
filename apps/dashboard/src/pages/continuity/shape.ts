/**
 * Pure shaping for the continuity ledger's pictures and tables: the survival curve as steps with its
 * band, the changes pivoted by reason and outcome, and the CSV rows of each.
 */
import type { CsvCell } from '../../figures/csv';

export interface CurvePoint {
  day: number;
  atRisk: number | null;
  events: number | null;
  censored: number | null;
  symbol: string | null;
  survival: number;
  lower: number;
  upper: number;
}

export interface StepRow {
  day: number;
  /** Percent still with the same worker. */
  survival: number;
  /** [lower, upper] in percent: recharts draws a range Area from a pair. */
  band: [number, number];
}

/**
 * Kaplan-Meier is a step function: it holds its value until the next event. Each point becomes two
 * rows (the level before the step, then after it), from day 0 at 100%.
 */
export function stepRows(points: readonly CurvePoint[]): StepRow[] {
  const rows: StepRow[] = [{ day: 0, survival: 100, band: [100, 100] }];
  let last = rows[0] as StepRow;
  for (const p of points) {
    if (p.day > last.day) rows.push({ day: p.day, survival: last.survival, band: last.band });
    last = { day: p.day, survival: pct(p.survival), band: [pct(p.lower), pct(p.upper)] };
    rows.push(last);
  }
  return rows;
}

const pct = (x: number) => Math.round(x * 1e6) / 1e4;

export function curveCsv(subject: string, period: number, points: readonly CurvePoint[]): CsvCell[][] {
  return [
    [
      'subject',
      'year_ending_31_march',
      'day',
      'at_risk',
      'changes',
      'censored',
      'symbol',
      'survival',
      'lower_95',
      'upper_95',
    ],
    ...points.map((p) => [
      subject,
      period,
      p.day,
      p.atRisk,
      p.events,
      p.censored,
      p.symbol,
      p.survival,
      p.lower,
      p.upper,
    ]),
  ];
}

export interface ChangeCell {
  reason: string;
  reasonLabel: string;
  outcome: string;
  outcomeLabel: string;
  changes: number | null;
  symbol: string | null;
}

/** The outcomes in the order the bars stack: turnover first. */
const OUTCOMES = ['left', 'agency_ended', 'stayed', 'unmatched', 'no_census'] as const;

export interface ReasonRow {
  reason: string;
  label: string;
  /** outcome -> count (null: suppressed) */
  counts: Record<string, number | null>;
  symbols: Record<string, string | null>;
}

/** One row per reason, with its outcomes; reasons with the most changes first (suppressed count as 0 for order). */
export function reasonRows(changes: readonly ChangeCell[]): ReasonRow[] {
  const byReason = new Map<string, ReasonRow>();
  for (const c of changes) {
    const row = byReason.get(c.reason) ?? { reason: c.reason, label: c.reasonLabel, counts: {}, symbols: {} };
    row.counts[c.outcome] = c.changes;
    row.symbols[c.outcome] = c.symbol;
    byReason.set(c.reason, row);
  }
  const total = (r: ReasonRow) => Object.values(r.counts).reduce<number>((a, n) => a + (n ?? 0), 0);
  return [...byReason.values()].sort((a, b) => total(b) - total(a) || a.reason.localeCompare(b.reason));
}

/** Outcomes present in the changes, in stacking order. */
export function outcomesOf(changes: readonly ChangeCell[]): { outcome: string; label: string }[] {
  return OUTCOMES.flatMap((o) => {
    const c = changes.find((x) => x.outcome === o);
    return c ? [{ outcome: o, label: c.outcomeLabel }] : [];
  });
}

export function changesCsv(subject: string, period: number, changes: readonly ChangeCell[]): CsvCell[][] {
  return [
    [
      'subject',
      'year_ending_31_march',
      'sw_reason',
      'reason',
      'outcome',
      'what_became_of_the_worker',
      'changes',
      'symbol',
    ],
    ...changes.map((c) => [subject, period, c.reason, c.reasonLabel, c.outcome, c.outcomeLabel, c.changes, c.symbol]),
  ];
}

/** "62% (45% to 79%)" */
export function estimateText(e: { survival: number; lower: number; upper: number } | null | undefined): string {
  if (!e) return 'Not shown';
  const p = (x: number) => `${Math.round(x * 100)}%`;
  return `${p(e.survival)} (${p(e.lower)} to ${p(e.upper)})`;
}
