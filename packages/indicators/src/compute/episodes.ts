import { sql, type SQL } from 'drizzle-orm';
import { sourceCte, type Scope } from './scope';

/** One indicator's share of a statement: extra CTEs, and a SELECT of `computed` rows. */
export interface Part {
  ctes?: SQL;
  select: SQL;
}

/**
 * `per_child`: one row per child of each return, from one pass over its Episodes (903 year Y =
 * 1 April Y-1 .. 31 March Y). Conventions shared by every episode-based definition:
 * - cla_31_march, looked after at 31 March: an episode with DECOM <= 31 March and (DEC null or
 *   DEC > 31 March), whose legal status is not V3/V4 (DfE's 31 March snapshot excludes children
 *   looked after under an agreed series of short-term placements). An episode ending on 31 March
 *   means the child ceased that day and is not in the cohort.
 * - cla_year, looked after during the year: an episode open on some day of the year, DECOM <=
 *   31 March and (DEC null or DEC >= 1 April), not V3/V4. A child who ceased on 1 April counts.
 * - placements in the year (see placements_3plus): episodes open on some day of the year that are
 *   placements (not temporary PLACE T0-T4, not short breaks V3/V4, at least a day long: DEC > DECOM),
 *   counting the first of them (held on 1 April or at entry, whatever its RNE) and each later one
 *   whose RNE is S, P or T. Computed without sorting: the episodes with RNE S/P/T, plus one when the
 *   earliest placement episode is not one of them.
 */
export function perChildCte(): SQL {
  return sql`per_child AS (
    SELECT e.submission_id, e.child,
      bool_or(f.open_31_march AND NOT f.short_break) AS cla_31_march,
      bool_or(f.open_in_year AND NOT f.short_break) AS cla_year,
      count(*) FILTER (WHERE f.placement AND e.rne IN ('S', 'P', 'T'))
        + CASE WHEN min(e.decom) FILTER (WHERE f.placement)
            < coalesce(min(e.decom) FILTER (WHERE f.placement AND e.rne IN ('S', 'P', 'T')), 'infinity'::date)
          THEN 1 ELSE 0 END AS placements
    FROM src
      JOIN cla903_episodes e ON e.submission_id = src.submission_id
      CROSS JOIN LATERAL (SELECT
        coalesce(e.ls, '') IN ('V3', 'V4') AS short_break,
        e.decom <= src.y_end AND (e.dec IS NULL OR e.dec > src.y_end) AS open_31_march,
        e.decom <= src.y_end AND (e.dec IS NULL OR e.dec >= src.y_start) AS open_in_year,
        e.decom <= src.y_end AND (e.dec IS NULL OR (e.dec >= src.y_start AND e.dec > e.decom))
          AND coalesce(e.place, '') NOT IN ('T0', 'T1', 'T2', 'T3', 'T4')
          AND coalesce(e.ls, '') NOT IN ('V3', 'V4') AS placement) f
    GROUP BY e.submission_id, e.child
  ),
  children AS (
    -- per_child with the subject each return feeds
    SELECT src.subject_kind, src.subject_id, src.period, p.*
    FROM per_child p JOIN src USING (submission_id)
  )`;
}

/** One statement for every indicator read from Episodes, so Episodes is scanned once. */
export function episodeFamily(scope: Scope, parts: readonly Part[]): SQL {
  const ctes = parts.flatMap((p) => (p.ctes ? [p.ctes] : []));
  return sql`${sourceCte(scope)}, ${perChildCte()},
  ${sql.join(ctes, sql`, `)}${ctes.length ? sql`,` : sql``}
  computed AS (
    ${sql.join(
      parts.map((p) => p.select),
      sql` UNION ALL `,
    )}
  )`;
}
