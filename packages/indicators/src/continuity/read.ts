import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../compute/scope';

/** Whose ledger: a council or practice (its own rows), or a region or England (pooled from council rows). */
export interface LedgerSubject {
  kind: 'england' | 'region' | 'council' | 'practice';
  id: string;
}

/** Days taken as 6 and 12 months for the headline shares. */
export const SIX_MONTHS_DAYS = 182;
export const TWELVE_MONTHS_DAYS = 365;
/** z for the 95% band. */
const Z95 = 1.959964;

function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : ((result as { rows?: unknown[] }).rows ?? [])) as T[];
}

/** The rows of `table` (alias t) that make up the subject: pooled groups read council rows only. */
function subjectRows(table: SQL, s: LedgerSubject): SQL {
  if (s.kind === 'council' || s.kind === 'practice') {
    return sql`SELECT t.* FROM ${table} t WHERE t.subject_kind = ${s.kind} AND t.subject_id = ${s.id}`;
  }
  const region = s.kind === 'region' ? sql`AND c.region_code = ${s.id}` : sql``;
  return sql`SELECT t.* FROM ${table} t JOIN councils c ON c.code = t.subject_id
    WHERE t.subject_kind = 'council' ${region}`;
}

export interface SurvivalPoint {
  period: number;
  /** Days since the relationship began. */
  day: number;
  /** Relationships observed just before this day (delayed entries count after their entry day). */
  atRisk: number;
  events: number;
  censored: number;
  /** Kaplan-Meier estimate of still being with the same worker after `day` days. */
  survival: number;
  /** Greenwood's 95% band, clipped to [0, 1]. */
  lower: number;
  upper: number;
}

/**
 * The Kaplan-Meier curve of child-worker relationships per year for a subject, pooled by summing the
 * life-table counts of its rows per day (continuity_survival). At a day t: n(t) = relationships that
 * entered before t less those that ended or were censored before t; d(t) = changes of worker on t.
 * S(t) = product over event days u <= t of (1 - d(u)/n(u)), computed as exp(sum(ln(...))) and 0 from
 * the first day every relationship at risk ended. Greenwood: Var S(t) = S(t)^2 x sum d/(n(n-d)); the
 * band is S +/- 1.96 x sqrt(Var), clipped. One point per day with an event or censoring, in day order.
 */
export async function survivalCurve(
  db: Executor,
  s: LedgerSubject,
  fromYear: number,
  toYear: number,
): Promise<SurvivalPoint[]> {
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`WITH rows AS (${subjectRows(sql`continuity_survival`, s)}),
    days AS (
      SELECT period, day, sum(entered)::float8 AS entered, sum(events)::float8 AS d, sum(censored)::float8 AS c
      FROM rows WHERE period BETWEEN ${fromYear} AND ${toYear} GROUP BY period, day
    ),
    risk AS (
      SELECT period, day, d, c,
        coalesce(sum(entered) OVER w, 0) - coalesce(sum(d + c) OVER w, 0) AS n
      FROM days
      WINDOW w AS (PARTITION BY period ORDER BY day ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
    ),
    steps AS (
      SELECT period, day, n, d, c,
        bool_or(d > 0 AND d >= n) OVER k AS zero,
        sum(CASE WHEN d > 0 AND d < n THEN ln(1 - d / n) ELSE 0 END) OVER k AS log_s,
        sum(CASE WHEN d > 0 AND d < n THEN d / (n * (n - d)) ELSE 0 END) OVER k AS greenwood
      FROM risk
      WINDOW k AS (PARTITION BY period ORDER BY day ROWS UNBOUNDED PRECEDING)
    )
    SELECT period, day, n, d, c, CASE WHEN zero THEN 0 ELSE exp(log_s) END AS s, greenwood
    FROM steps WHERE d > 0 OR c > 0
    ORDER BY period, day`),
  );
  return rows.map((r) => {
    const survival = Number(r.s);
    const se = survival * Math.sqrt(Number(r.greenwood));
    return {
      period: Number(r.period),
      day: Number(r.day),
      atRisk: Number(r.n),
      events: Number(r.d),
      censored: Number(r.c),
      survival,
      lower: Math.max(0, survival - Z95 * se),
      upper: Math.min(1, survival + Z95 * se),
    };
  });
}

/** S(t) from a curve's points of one year: the last point on or before t (1 before the first). */
export function survivalAt(points: readonly SurvivalPoint[], t: number): SurvivalPoint | null {
  let at: SurvivalPoint | null = null;
  for (const p of points) if (p.day <= t) at = p;
  return at;
}

/** The median: the first day the survival falls to 0.5 or below (null while it stays above). */
export function medianDays(points: readonly SurvivalPoint[]): number | null {
  return points.find((p) => p.survival <= 0.5)?.day ?? null;
}

export interface ChangeCount {
  period: number;
  reason: string;
  outcome: string;
  changes: number;
}

/** Changes of worker by SW_REASON and census outcome per year, summed over the subject's rows. */
export async function changesByReason(
  db: Executor,
  s: LedgerSubject,
  fromYear: number,
  toYear: number,
): Promise<ChangeCount[]> {
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`WITH rows AS (${subjectRows(sql`continuity_changes`, s)})
      SELECT period, reason, outcome, sum(changes) AS changes FROM rows
      WHERE period BETWEEN ${fromYear} AND ${toYear}
      GROUP BY period, reason, outcome ORDER BY period, reason, outcome`),
  );
  return rows.map((r) => ({
    period: Number(r.period),
    reason: String(r.reason),
    outcome: String(r.outcome),
    changes: Number(r.changes),
  }));
}

/** How many councils' returns a pooled subject's ledger includes, per year (coverage). */
export async function ledgerCoverage(
  db: Executor,
  s: LedgerSubject,
  fromYear: number,
  toYear: number,
): Promise<Array<{ period: number; councils: number }>> {
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`WITH rows AS (${subjectRows(sql`continuity_survival`, s)})
      SELECT period, count(DISTINCT council_code) AS councils FROM rows
      WHERE period BETWEEN ${fromYear} AND ${toYear} GROUP BY period ORDER BY period`),
  );
  return rows.map((r) => ({ period: Number(r.period), councils: Number(r.councils) }));
}
