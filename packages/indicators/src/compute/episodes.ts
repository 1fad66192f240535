import { sql, type SQL } from 'drizzle-orm';
import { sourceCte, type Scope } from './scope';
import {
  episodeStepsCtes,
  lookedAfter12MonthsSql,
  lookedAfterAt31MarchSql,
  lookedAfterInYearSql,
  placementsInYearSql,
} from '../cohorts/sql';

/** One indicator's share of a statement: extra CTEs, and a SELECT of `computed` rows. */
export interface Part {
  ctes?: SQL;
  select: SQL;
}

/**
 * `per_child`: one row per child of each return, from its Episodes (903 year Y = 1 April Y-1 ..
 * 31 March Y), with the cohorts of ../cohorts (definitions, DfE's wording and hand-worked tests
 * there, the same ones validation uses):
 * - cla_31_march: looked after at 31 March, short breaks (V3/V4) excluded (lookedAfterAt31March);
 * - cla_year: looked after on some day of the year, short breaks excluded (lookedAfterInYear);
 * - cla_12_months: looked after continuously for 12 months at 31 March, the OC2 cohort (lookedAfter12Months);
 * - placements: placements in the year (placementsInYear: temporary placements T0-T4 and the return
 *   from them to the same carer, B/U moves, adoption with the current foster carer not counted).
 */
function perChildCte(): SQL {
  return sql`${episodeStepsCtes(
    'year_steps',
    sql`SELECT e.submission_id, e.child, src.y_start, src.y_end, e.decom, e.dec, e.rne, e.ls, e.place,
        e.place_provider, e.urn, e.rec
      FROM src JOIN cla903_episodes e ON e.submission_id = src.submission_id`,
    ['submission_id', 'child'],
  )},
  per_child AS (
    SELECT s.submission_id, s.child,
      ${lookedAfterAt31MarchSql} AS cla_31_march,
      ${lookedAfterInYearSql} AS cla_year,
      ${lookedAfter12MonthsSql} AS cla_12_months,
      ${placementsInYearSql} AS placements
    FROM year_steps s
    GROUP BY s.submission_id, s.child, s.y_start, s.y_end
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
