import {
  controlCount,
  discloseTable,
  SMALL_COUNT_MAX,
  SUPPRESSED,
  type Figure,
  type SubjectKind,
} from '@continuity/access';
import {
  medianDays,
  SIX_MONTHS_DAYS,
  survivalAt,
  TWELVE_MONTHS_DAYS,
  type ChangeCount,
  type SurvivalPoint,
} from '@continuity/indicators';

/*
 * Disclosure control on the continuity ledger's curve and breakdown, for viewers who do not own the
 * subject (owners see everything as computed). Same rules as every computed figure (packages/access):
 * - the survival curve is shown only while more than SMALL_COUNT_MAX relationships are at risk: past
 *   that the steps are a handful of identifiable children, so the curve stops (a subject whose risk set
 *   starts that small shows no curve); each point's event and censored counts are controlled counts;
 * - changes by reason and outcome are a table whose cells add up to the year's changes (a total other
 *   figures give away: sw_changes_per_child_year's numerator), so primary and secondary suppression run
 *   over it (discloseTable), and England and region counts are rounded.
 */

export interface DisclosedSurvivalPoint {
  day: number;
  atRisk: number | null;
  events: number | null;
  censored: number | null;
  /** Counts suppressed on this point: 'c'. */
  symbol: string | null;
  survival: number;
  lower: number;
  upper: number;
}

export interface Headline {
  /** Relationships observed in the year (entered the risk set). */
  relationships: number | null;
  medianDays: number | null;
  sixMonths: Estimate | null;
  twelveMonths: Estimate | null;
  /** True when the curve was cut short for disclosure. */
  truncated: boolean;
}

export interface Estimate {
  survival: number;
  lower: number;
  upper: number;
}

export interface DisclosedChange {
  reason: string;
  outcome: string;
  changes: number | null;
  symbol: string | null;
}

function count(n: number, kind: SubjectKind, owned: boolean): { value: number | null; symbol: string | null } {
  if (owned) return { value: n, symbol: null };
  const c = controlCount(n, kind);
  return c === SUPPRESSED ? { value: null, symbol: SUPPRESSED } : { value: c, symbol: null };
}

export function discloseCurve(
  points: readonly SurvivalPoint[],
  relationships: number,
  kind: SubjectKind,
  owned: boolean,
): { points: DisclosedSurvivalPoint[]; headline: Headline } {
  const shown = owned ? [...points] : takeWhileAtRisk(points);
  const truncated = shown.length < points.length;
  const estimate = (t: number): Estimate | null => {
    // withheld when it would rest on the hidden tail (the first point not shown is on or before t)
    const hidden = points[shown.length];
    if (hidden && hidden.day <= t) return null;
    const p = survivalAt(shown, t);
    return p ? { survival: p.survival, lower: p.lower, upper: p.upper } : { survival: 1, lower: 1, upper: 1 };
  };
  const median = medianDays(shown);
  const rel = count(relationships, kind, owned);
  return {
    points: shown.map((p) => {
      const atRisk = count(p.atRisk, kind, owned);
      const events = count(p.events, kind, owned);
      const censored = count(p.censored, kind, owned);
      const symbol = [atRisk, events, censored].some((c) => c.symbol) ? SUPPRESSED : null;
      return {
        day: p.day,
        atRisk: atRisk.value,
        events: events.value,
        censored: censored.value,
        symbol,
        survival: p.survival,
        lower: p.lower,
        upper: p.upper,
      };
    }),
    headline: {
      relationships: rel.value,
      medianDays: median ?? null,
      sixMonths: estimate(SIX_MONTHS_DAYS),
      twelveMonths: estimate(TWELVE_MONTHS_DAYS),
      truncated,
    },
  };
}

function takeWhileAtRisk(points: readonly SurvivalPoint[]): SurvivalPoint[] {
  const out: SurvivalPoint[] = [];
  for (const p of points) {
    if (p.atRisk <= SMALL_COUNT_MAX) break;
    out.push(p);
  }
  return out;
}

/** One year's changes by reason and outcome, disclosure-controlled as an additive table with its total. */
export function discloseChanges(changes: readonly ChangeCount[], kind: SubjectKind, owned: boolean): DisclosedChange[] {
  if (owned) return changes.map((c) => ({ reason: c.reason, outcome: c.outcome, changes: c.changes, symbol: null }));
  const figures = new Map<string, Figure>();
  const cellId = (c: ChangeCount) => `${c.reason}|${c.outcome}`;
  for (const c of changes)
    figures.set(cellId(c), {
      subjectKind: kind,
      owned: false,
      numerator: c.changes,
      denominator: null,
      value: c.changes,
      symbol: null,
      unit: 'count',
    });
  const total = changes.reduce((a, c) => a + c.changes, 0);
  figures.set('total', {
    subjectKind: kind,
    owned: false,
    numerator: total,
    denominator: null,
    value: total,
    symbol: null,
    unit: 'count',
  });
  const members = changes.map(cellId);
  const groups = [{ members, total: 'total' }];
  const disclosed = discloseTable(figures, groups);
  return changes.map((c) => {
    const d = disclosed.get(cellId(c));
    return { reason: c.reason, outcome: c.outcome, changes: d?.value ?? null, symbol: d?.symbol ?? null };
  });
}
