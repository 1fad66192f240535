import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '@continuity/db';
import { catalogueById } from '../catalogue';

export type ReturnKind = 'ssda903' | 'csww';

/**
 * What one recompute covers: a kind of return, a range of collection years, and either one council
 * (with every practice that sent that council a return of that kind in those years) or all councils.
 */
export interface Scope {
  kind: ReturnKind;
  fromYear: number;
  toYear: number;
  /** null: every council and practice at once (set-based bulk recompute). */
  councilCode: string | null;
  /**
   * A council scope's returns and practices, looked up once before its statements run (resolveScope), so
   * each statement names its one to a dozen submissions as constants. Written as a subquery instead, the
   * planner guessed 70-80 submissions and joined them to a sequential scan of every national table, so one
   * council's recompute took time in proportion to the size of the country (docs/benchmarks.md).
   */
  resolved?: { submissionIds: readonly number[]; practiceIds: readonly string[] };
  /**
   * Practice parts instead of whole subjects: only practices' returns, each feeding the subject
   * (practice_part, '<practice>@<council>'), the part of the practice's figure computed from the
   * returns it sent that council. A council owns its part, never the pooled figure of a practice it
   * shares with another council (issue 11: "pooled minus mine" gave the other council's children).
   */
  parts?: boolean;
}

/** Anything that runs SQL: the database or a transaction (drizzle gives both the same API). */
export type Executor = Pick<Db, 'execute'>;

/** Practices in scope: those that sent this council a return of this kind in these years, in any status. */
function practicesOf(scope: Scope & { councilCode: string }): SQL {
  return sql`SELECT p.practice_id FROM submissions p
    WHERE p.kind = ${scope.kind} AND p.council_code = ${scope.councilCode} AND p.practice_id IS NOT NULL
      AND p.collection_year BETWEEN ${scope.fromYear} AND ${scope.toYear}`;
}

function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : ((result as { rows?: unknown[] }).rows ?? [])) as T[];
}

/**
 * Looks up a council scope's practices and the accepted submissions that feed it (the council's own
 * returns and its practices' returns to any council) in two small indexed queries; all-council scopes
 * need nothing. Run inside the recompute's transaction, it sees the import that triggered it.
 */
export async function resolveScope(db: Executor, scope: Scope): Promise<Scope> {
  if (scope.councilCode === null) return scope;
  const council = { ...scope, councilCode: scope.councilCode };
  const practiceIds = rowsOf<{ practice_id: string }>(
    await db.execute(sql`SELECT DISTINCT q.practice_id FROM (${practicesOf(council)}) q ORDER BY 1`),
  ).map((r) => r.practice_id);
  const practices = practiceIds.length ? sql`s.practice_id IN (${idList(practiceIds)})` : sql`false`;
  const submissionIds = rowsOf<{ id: number }>(
    await db.execute(sql`SELECT s.id FROM submissions s
      WHERE s.status = 'accepted' AND s.kind = ${scope.kind}
        AND s.collection_year BETWEEN ${scope.fromYear} AND ${scope.toYear}
        AND ((s.practice_id IS NULL AND s.council_code = ${scope.councilCode}) OR ${practices})
      ORDER BY s.id`),
  ).map((r) => Number(r.id));
  return { ...scope, resolved: { submissionIds, practiceIds } };
}

function resolvedOf(scope: Scope): NonNullable<Scope['resolved']> {
  if (!scope.resolved) throw new Error('a council scope must be resolved (resolveScope) before its SQL is built');
  return scope.resolved;
}

/**
 * `src`: the returns that feed the subjects in scope, one row per accepted submission, with the
 * subject it feeds (a council from its own return, a practice from its returns to any council) and
 * the reporting period's bounds: 903 year Y runs 1 April Y-1 to 31 March Y; census year Y runs
 * 1 October Y-1 to the census date 30 September Y. Only 'accepted' submissions count; DISTINCT ON
 * guards against two accepted submissions of one return (the newest wins).
 */
export function sourceCte(scope: Scope): SQL {
  const bounds =
    scope.kind === 'ssda903'
      ? sql`make_date(s.collection_year - 1, 4, 1) AS y_start, make_date(s.collection_year, 3, 31) AS y_end`
      : sql`make_date(s.collection_year - 1, 10, 1) AS y_start, make_date(s.collection_year, 9, 30) AS y_end`;
  const ids = scope.councilCode === null ? null : resolvedOf(scope).submissionIds;
  const who = ids === null ? sql`true` : ids.length ? sql`s.id IN (${idList(ids)})` : sql`false`;
  const subject = scope.parts
    ? sql`'practice_part' AS subject_kind, s.practice_id || '@' || s.council_code AS subject_id`
    : sql`CASE WHEN s.practice_id IS NULL THEN 'council' ELSE 'practice' END AS subject_kind,
      COALESCE(s.practice_id, s.council_code) AS subject_id`;
  return sql`src AS (
    SELECT DISTINCT ON (s.council_code, s.practice_id, s.collection_year)
      s.id AS submission_id, s.council_code, s.practice_id, s.collection_year AS period,
      ${subject},
      ${bounds}
    FROM submissions s
    WHERE s.status = 'accepted' AND s.kind = ${scope.kind}
      AND s.collection_year BETWEEN ${scope.fromYear} AND ${scope.toYear} AND ${who}
      AND ${scope.parts ? sql`s.practice_id IS NOT NULL` : sql`true`}
    ORDER BY s.council_code, s.practice_id, s.collection_year, s.id DESC
  )`;
}

/**
 * The council and practice rows a scoped recompute owns (alias `d` = indicator_values); with `parts`,
 * the parts of those practices (every council's part, as the pooled practice row is pooled over them).
 */
export function subjectsOf(scope: Scope): SQL {
  if (scope.parts) {
    if (scope.councilCode === null) return sql`d.subject_kind = 'practice_part'`;
    const { practiceIds } = resolvedOf(scope);
    if (!practiceIds.length) return sql`false`;
    return sql`(d.subject_kind = 'practice_part' AND split_part(d.subject_id, '@', 1) IN (${idList(practiceIds)}))`;
  }
  if (scope.councilCode === null) return sql`d.subject_kind IN ('council', 'practice')`;
  const { practiceIds } = resolvedOf(scope);
  const practices = practiceIds.length
    ? sql`(d.subject_kind = 'practice' AND d.subject_id IN (${idList(practiceIds)}))`
    : sql`false`;
  return sql`((d.subject_kind = 'council' AND d.subject_id = ${scope.councilCode}) OR ${practices})`;
}

export function idList(ids: readonly (string | number)[]): SQL {
  return sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  );
}

/**
 * Writes computed values in one statement: `ctes` must define a CTE named `computed` with columns
 * (indicator_id, subject_kind, subject_id, period, submission_id, numerator, denominator). Rows are
 * upserted (source 'computed'; value = numerator / denominator x the catalogue scale; a zero
 * denominator stores value null with symbol 'z', not applicable). Computed rows of these indicators,
 * years and subjects that the statement did not produce lost their source (a return superseded, or
 * replaced by one without that table) and are deleted. Symbols for disclosure control are applied at
 * read time, never here: the raw figures are stored.
 */
export async function writeComputed(
  db: Executor,
  p: { ctes: SQL; ids: readonly string[]; fromYear: number; toYear: number; subjects: SQL },
): Promise<void> {
  const scales = sql.join(
    p.ids.map((id) => {
      const def = catalogueById.get(id);
      if (!def) throw new Error(`indicator ${id} is not in the catalogue`);
      return sql`(${id}::text, ${def.scale}::float8)`;
    }),
    sql`, `,
  );
  await db.execute(sql`
    WITH ${p.ctes},
    scale (id, scale) AS (VALUES ${scales}),
    up AS (
      INSERT INTO indicator_values AS iv (indicator_id, subject_kind, subject_id, period, source,
        numerator, denominator, value, symbol, numerator_symbol, denominator_symbol, submission_id, loaded_at)
      SELECT c.indicator_id, c.subject_kind::subject_kind, c.subject_id, c.period, 'computed',
        c.numerator::float8, c.denominator::float8,
        CASE WHEN c.denominator = 0 THEN NULL ELSE c.numerator::float8 / c.denominator::float8 * s.scale END,
        CASE WHEN c.denominator = 0 THEN 'z' END,
        NULL, NULL, c.submission_id, now()
      FROM computed c JOIN scale s ON s.id = c.indicator_id
      ON CONFLICT (indicator_id, subject_kind, subject_id, period, source) DO UPDATE SET
        numerator = excluded.numerator, denominator = excluded.denominator, value = excluded.value,
        symbol = excluded.symbol, numerator_symbol = NULL, denominator_symbol = NULL,
        submission_id = excluded.submission_id, loaded_at = excluded.loaded_at
      RETURNING iv.id
    )
    DELETE FROM indicator_values d
    WHERE d.source = 'computed' AND d.indicator_id IN (${idList(p.ids)})
      AND d.period BETWEEN ${p.fromYear} AND ${p.toYear} AND ${p.subjects}
      AND NOT EXISTS (SELECT 1 FROM up WHERE up.id = d.id)`);
}

/** Age in whole years on a date (PostgreSQL's age() handles 29 February birthdays). */
export function ageOn(on: SQL, dob: SQL): SQL {
  return sql`date_part('year', age(${on}, ${dob}))::int`;
}
