import { sql, type SQL } from 'drizzle-orm';
import { sourceCte, type Scope } from '../compute/scope';
import {
  episodeStepsCtes,
  lookedAfterAt31MarchSql,
  lookedAfterEpisodeInYearSql,
  lookedAfterInYearSql,
} from '../cohorts/sql';
import { LEAVING_WINDOW_DAYS } from './catalogue';

/*
 * Registration numbers are stored keyed-hashed (see @continuity/db registration.ts): normalised
 * (spaces removed, upper case) and hashed under the council's code at import, so equal numbers of one
 * council have equal stored values and the SQL compares them as they are. "XX" and blank stay as written.
 */

/** A registration number as compared: "XX" (unknown) and blanks become null. */
function worker(column: SQL): SQL {
  return sql`nullif(nullif(${column}, ''), 'XX')`;
}

/** A registration number as SW16 compares it: "XX" is kept, so "XX" last year and "XX" now agree. */
function reported(column: SQL): SQL {
  return sql`nullif(${column}, '')`;
}

/**
 * The CTEs every ledger statement shares, over the 903 returns in `scope` (`src`, see sourceCte):
 *
 * - ledger_cohort: per child of each return, the children looked after during the year, by the
 *   shared cohorts of ../cohorts (lookedAfterInYear, lookedAfterAt31March: episodes that are V3/V4
 *   short breaks do not count, so children looked after only under an agreed series of short-term
 *   placements are out); cla_31_march when looked after at 31 March; care_end, the day care ended
 *   for children not looked after at 31 March (the last end of an episode that counts; null while in
 *   care); days_in_care, the days between 1 April and 31 March covered by the episodes that count.
 * - ledger_rel: child-worker relationships. A child's social worker episodes overlapping the year,
 *   in order of SW_DECOM (a missing SW_DECOM is taken as 1 April); consecutive episodes with the same
 *   registration number are one relationship (a worker covering two episodes is not a change); "XX"
 *   or blank never matches anything, not even another "XX". A relationship has a start (its first
 *   SW_DECOM), an end (its last SW_DEC, null while open), its SW_REASON (that of its first episode),
 *   and the next relationship's start.
 * - ledger_census: each council's workforce census workers (its own and its practices' accepted
 *   census returns, for census years Y-1 to Y+1 around 903 year Y), by registration number: the join
 *   never leaves the council.
 */
export function ledgerCtes(scope: Scope): SQL {
  return sql`${sourceCte(scope)},
  ${episodeStepsCtes(
    'ledger_steps',
    sql`SELECT e.submission_id, e.child, src.y_start, src.y_end, e.decom, e.dec, e.rne, e.ls, e.place,
        e.place_provider, e.urn, e.rec
      FROM src JOIN cla903_episodes e ON e.submission_id = src.submission_id`,
    ['submission_id', 'child'],
  )},
  ledger_cohort AS MATERIALIZED (
    -- materialised: read by several parts of each statement (the steps' windows run once)
    SELECT s.submission_id, s.child,
      ${lookedAfterAt31MarchSql} AS cla_31_march,
      CASE WHEN ${lookedAfterAt31MarchSql} THEN NULL ELSE max(s.dec) FILTER (WHERE ${lookedAfterEpisodeInYearSql}) END AS care_end,
      sum(least(coalesce(s.dec, s.y_end + 1), s.y_end + 1) - greatest(s.decom, s.y_start)) FILTER (WHERE ${lookedAfterEpisodeInYearSql}) AS days_in_care
    FROM ledger_steps s
    GROUP BY s.submission_id, s.child, s.y_start, s.y_end
    HAVING ${lookedAfterInYearSql}
  ),
  ledger_sw AS (
    SELECT row_number() OVER () AS ep, w.submission_id, w.child, c.care_end, ${worker(sql`w.sw_id`)} AS worker,
      coalesce(w.sw_decom, src.y_start) AS start, w.sw_dec, w.sw_reason
    FROM src
      JOIN cla903_sw_episodes w ON w.submission_id = src.submission_id
      JOIN ledger_cohort c ON c.submission_id = w.submission_id AND c.child = w.child
    WHERE coalesce(w.sw_decom, src.y_start) <= src.y_end AND (w.sw_dec IS NULL OR w.sw_dec >= src.y_start)
  ),
  ledger_marked AS (
    SELECT s.*, CASE WHEN s.worker IS NOT NULL AND s.worker = lag(s.worker) OVER k THEN 0 ELSE 1 END AS new_rel
    FROM ledger_sw s
    WINDOW k AS (PARTITION BY s.submission_id, s.child ORDER BY s.start, s.sw_dec NULLS LAST)
  ),
  ledger_numbered AS (
    SELECT m.*, sum(m.new_rel) OVER (PARTITION BY m.submission_id, m.child ORDER BY m.start, m.sw_dec NULLS LAST
      ROWS UNBOUNDED PRECEDING) AS rel
    FROM ledger_marked m
  ),
  ledger_grouped AS (
    SELECT n.submission_id, n.child, n.rel, min(n.care_end) AS care_end, min(n.worker) AS worker, min(n.start) AS start,
      CASE WHEN bool_or(n.sw_dec IS NULL) THEN NULL ELSE max(n.sw_dec) END AS ended,
      (array_agg(n.sw_reason ORDER BY n.start, n.sw_dec NULLS LAST))[1] AS reason
    FROM ledger_numbered n
    GROUP BY n.submission_id, n.child, n.rel
  ),
  ledger_rel AS MATERIALIZED (
    -- materialised: read by several parts of each statement, each of which would otherwise redo the windows
    SELECT g.*, src.council_code, src.subject_kind, src.subject_id, src.period, src.y_start, src.y_end,
      lag(g.worker) OVER k AS prev_worker, lag(g.rel) OVER k AS prev_rel, lead(g.start) OVER k AS next_start
    FROM ledger_grouped g JOIN src USING (submission_id)
    WINDOW k AS (PARTITION BY g.submission_id, g.child ORDER BY g.rel)
  ),
  ledger_census AS MATERIALIZED (
    SELECT DISTINCT s.council_code, s.collection_year, ${worker(sql`w.swe_no`)} AS worker, w.agency_worker, w.role_end_date
    FROM (SELECT DISTINCT council_code FROM src) sc
      JOIN submissions s ON s.council_code = sc.council_code
      JOIN csww_workers w ON w.submission_id = s.id
    WHERE s.kind = 'csww' AND s.status = 'accepted'
      AND s.collection_year BETWEEN ${scope.fromYear - 1} AND ${scope.toYear + 1}
  ),
  ledger_cover AS MATERIALIZED (
    -- the returns whose council has a census for a year around theirs: only they are classified.
    -- Materialised: inlined, the planner (estimating one row everywhere) re-ran it for every change.
    SELECT src.submission_id FROM src
    WHERE EXISTS (SELECT 1 FROM ledger_census k WHERE k.council_code = src.council_code
      AND k.collection_year BETWEEN src.period - 1 AND src.period + 1)
  )`;
}

/**
 * `ledger_changes`: one row per change of worker in the year, with what became of the previous worker.
 * A change is a relationship that starts in the year (1 April to 31 March), while the child is looked
 * after (on or before the day care ended), after an earlier relationship in the return, and whose
 * SW_REASON is not FCONTA (first contact). Its outcome, from the census records of the previous
 * worker's registration number in the council's census years around the change:
 * - no_census: the council has no census return for those years;
 * - unmatched: the previous worker is "XX" or blank, or found in no census record;
 * - agency_ended: an agency record of that worker ends within LEAVING_WINDOW_DAYS of the change;
 * - left: otherwise, a non-agency record ends within that window (left the council);
 * - stayed: otherwise (found, and no leaving near the change: an internal move). A worker who left
 *   and re-joined has a leaving date only at the first departure: changes long after it are internal.
 */
export function changesCte(): SQL {
  return sql`ledger_change_rows AS (
    SELECT r.submission_id, r.child, r.start, r.prev_worker, r.council_code, r.period,
      coalesce(nullif(r.reason, ''), 'unknown') AS reason, (cv.submission_id IS NOT NULL) AS covered
    FROM ledger_rel r LEFT JOIN ledger_cover cv ON cv.submission_id = r.submission_id
    WHERE r.prev_rel IS NOT NULL AND r.start BETWEEN r.y_start AND r.y_end
      AND (r.care_end IS NULL OR r.start <= r.care_end) AND coalesce(r.reason, '') <> 'FCONTA'
  ),
  ledger_changes AS (
    SELECT c.submission_id, c.child, c.reason,
      CASE WHEN NOT c.covered THEN 'no_census'
        WHEN c.prev_worker IS NULL OR count(k.worker) = 0 THEN 'unmatched'
        WHEN bool_or(k.agency_worker AND k.role_end_date BETWEEN c.start - ${LEAVING_WINDOW_DAYS}::int AND c.start + ${LEAVING_WINDOW_DAYS}::int) THEN 'agency_ended'
        WHEN bool_or(NOT k.agency_worker AND k.role_end_date BETWEEN c.start - ${LEAVING_WINDOW_DAYS}::int AND c.start + ${LEAVING_WINDOW_DAYS}::int) THEN 'left'
        ELSE 'stayed' END AS outcome
    FROM ledger_change_rows c
      LEFT JOIN ledger_census k ON k.council_code = c.council_code AND k.worker = c.prev_worker
        AND k.collection_year BETWEEN c.period - 1 AND c.period + 1
    GROUP BY c.submission_id, c.child, c.start, c.reason, c.covered, c.prev_worker
  )`;
}

/**
 * `ledger_spells`: each relationship as a survival observation, in days since it began. It is
 * observed from `entry` (0 if it began in the year; the days already run at 1 April if carried in:
 * delayed entry, so long relationships are not over-counted) to `exit`. The event is a change of
 * worker: the relationship ended (SW_DEC) in the year while the child was looked after and another
 * worker followed. Otherwise it is censored: at 31 March if still open, on the day care ended if the
 * child left care first, or at SW_DEC if no worker followed. Spells with no time observed are dropped.
 */
export function spellsCte(): SQL {
  return sql`ledger_spells AS (
    SELECT r.subject_kind, r.subject_id, r.period, r.council_code, r.submission_id,
      greatest(0, r.y_start - r.start) AS entry,
      least(coalesce(r.ended, r.y_end), r.y_end, coalesce(r.care_end, r.y_end)) - r.start AS exit,
      (r.ended IS NOT NULL AND r.next_start IS NOT NULL AND r.ended <= r.y_end
        AND (r.care_end IS NULL OR r.ended <= r.care_end)) AS event
    FROM ledger_rel r
  )`;
}

/**
 * `computed` for writeComputed: the ledger's indicator_values rows (definitions in ./catalogue.ts).
 */
export function ledgerIndicators(scope: Scope): SQL {
  return sql`${ledgerCtes(scope)}, ${changesCte()},
  ledger_child_changes AS (
    SELECT x.submission_id, x.child, count(*) AS changes FROM ledger_changes x GROUP BY x.submission_id, x.child
  ),
  ledger_child AS (
    -- per child with social worker episodes: changes in the year and time in care (joins, not a
    -- correlated count per child, so the planner can hash them at national scale)
    SELECT c.submission_id, c.child, c.cla_31_march, c.days_in_care, coalesce(x.changes, 0) AS changes
    FROM ledger_cohort c
      LEFT JOIN ledger_child_changes x ON x.submission_id = c.submission_id AND x.child = c.child
    WHERE EXISTS (SELECT 1 FROM ledger_rel r WHERE r.submission_id = c.submission_id AND r.child = c.child)
  ),
  ledger_by_return AS (
    SELECT k.submission_id,
      count(*) FILTER (WHERE k.cla_31_march AND k.changes = 0) AS kept,
      count(*) FILTER (WHERE k.cla_31_march) AS cla_31_march,
      sum(k.changes) AS changes,
      sum(k.days_in_care)::float8 AS days_in_care
    FROM ledger_child k GROUP BY k.submission_id
  ),
  ledger_turnover AS (
    SELECT x.submission_id,
      count(*) FILTER (WHERE x.outcome IN ('left', 'agency_ended')) AS turnover,
      count(*) FILTER (WHERE x.outcome IN ('left', 'agency_ended', 'stayed')) AS matched
    FROM ledger_changes x GROUP BY x.submission_id
  ),
  ledger_known AS (
    SELECT DISTINCT council_code, collection_year, worker FROM ledger_census WHERE worker IS NOT NULL
  ),
  ledger_found AS (
    -- each episode of a covered return, found or not in the census (a join: a subquery per episode
    -- would scan the census once per episode)
    SELECT s.submission_id, s.ep, bool_or(k.worker IS NOT NULL) AS found
    FROM ledger_sw s JOIN src USING (submission_id) JOIN ledger_cover USING (submission_id)
      LEFT JOIN ledger_known k ON k.council_code = src.council_code AND k.worker = s.worker
        AND k.collection_year BETWEEN src.period - 1 AND src.period + 1
    GROUP BY s.submission_id, s.ep
  ),
  ledger_matching AS (
    SELECT submission_id, count(*) FILTER (WHERE NOT found) AS unmatched, count(*) AS episodes
    FROM ledger_found GROUP BY submission_id
  ),
  ledger_prev AS (
    -- the same council's (or practice's) accepted return for the year before
    SELECT DISTINCT ON (src.submission_id) src.submission_id, p.id AS prev_id, make_date(src.period - 1, 3, 31) AS prev_end
    FROM src JOIN submissions p ON p.kind = 'ssda903' AND p.status = 'accepted' AND p.council_code = src.council_code
      AND p.practice_id IS NOT DISTINCT FROM src.practice_id AND p.collection_year = src.period - 1
    ORDER BY src.submission_id, p.id DESC
  ),
  ledger_open_last AS (
    SELECT DISTINCT ON (lp.submission_id, w.child) lp.submission_id, w.child, ${reported(sql`w.sw_id`)} AS worker, w.sw_decom
    FROM ledger_prev lp JOIN cla903_sw_episodes w ON w.submission_id = lp.prev_id
    WHERE w.sw_dec IS NULL OR w.sw_dec > lp.prev_end
    ORDER BY lp.submission_id, w.child, w.sw_decom DESC NULLS LAST
  ),
  ledger_first_now AS (
    SELECT DISTINCT ON (w.submission_id, w.child) w.submission_id, w.child, ${reported(sql`w.sw_id`)} AS worker, w.sw_decom
    FROM src JOIN cla903_sw_episodes w ON w.submission_id = src.submission_id
    ORDER BY w.submission_id, w.child, w.sw_decom NULLS FIRST
  ),
  ledger_yoy AS (
    SELECT lp.submission_id,
      count(f.child) FILTER (WHERE l.worker IS NULL OR f.worker IS NULL OR l.worker <> f.worker
        OR l.sw_decom IS DISTINCT FROM f.sw_decom) AS mismatched,
      count(f.child) AS children
    FROM ledger_prev lp
      LEFT JOIN ledger_open_last l ON l.submission_id = lp.submission_id
      LEFT JOIN ledger_first_now f ON f.submission_id = l.submission_id AND f.child = l.child
    GROUP BY lp.submission_id
  ),
  ledger_return_rows AS (
    -- per return, then summed per subject below (a practice may send returns to several councils)
    SELECT src.subject_kind, src.subject_id, src.period, src.submission_id,
      b.kept, b.cla_31_march, b.changes, b.days_in_care / (src.y_end + 1 - src.y_start) AS child_years,
      (cv.submission_id IS NOT NULL) AS covered, coalesce(t.turnover, 0) AS turnover, coalesce(t.matched, 0) AS matched,
      m.unmatched, m.episodes, y.mismatched, y.children AS yoy_children
    FROM src
      JOIN ledger_by_return b USING (submission_id)
      LEFT JOIN ledger_cover cv USING (submission_id)
      LEFT JOIN ledger_turnover t USING (submission_id)
      LEFT JOIN ledger_matching m USING (submission_id)
      LEFT JOIN ledger_yoy y USING (submission_id)
  ),
  computed AS (
    SELECT 'sw_no_change' AS indicator_id, subject_kind, subject_id, period, max(submission_id) AS submission_id,
      sum(kept)::float8 AS numerator, sum(cla_31_march)::float8 AS denominator
    FROM ledger_return_rows GROUP BY subject_kind, subject_id, period
    UNION ALL
    SELECT 'sw_changes_per_child_year', subject_kind, subject_id, period, max(submission_id), sum(changes), sum(child_years)
    FROM ledger_return_rows GROUP BY subject_kind, subject_id, period
    UNION ALL
    SELECT 'sw_changes_turnover', subject_kind, subject_id, period, max(submission_id), sum(turnover), sum(matched)
    FROM ledger_return_rows WHERE covered GROUP BY subject_kind, subject_id, period
    UNION ALL
    SELECT 'sw_id_unmatched', subject_kind, subject_id, period, max(submission_id), sum(unmatched), sum(episodes)
    FROM ledger_return_rows WHERE covered GROUP BY subject_kind, subject_id, period
    UNION ALL
    SELECT 'sw_year_on_year_mismatch', subject_kind, subject_id, period, max(submission_id), sum(mismatched), sum(yoy_children)
    FROM ledger_return_rows WHERE yoy_children IS NOT NULL GROUP BY subject_kind, subject_id, period
  )`;
}
