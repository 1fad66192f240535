import { sql } from 'drizzle-orm';
import type { Part } from './episodes';
import {
  careStartDateSql,
  carerStartDateSql,
  episodeStepsCtes,
  longTermCareSinceSql,
  longTermCarerSinceSql,
  under16At31MarchSql,
} from '../cohorts/sql';

/*
 * Stability and continuity, from SSDA903 Episodes, Header and Social worker episodes, over
 * `children` (see perChildCte for the 31 March cohort and the placement count).
 */

/**
 * placements_3plus (DfE: "Children looked after at 31 March with three or more placements during
 * the year"). Denominator: children looked after at 31 March, short breaks (V3/V4) excluded.
 * Numerator: of those, children with 3 or more placements in the year. Both cohorts are defined
 * once in ../cohorts (lookedAfterAt31March, placementsInYear): every placement of 24 hours or more
 * open in the year counts, the one held on 1 April (or at entry) included; temporary placements
 * (T0-T4) and the return from them to the same carer do not, nor do B and U moves (same carer), L
 * (legal status only) or a placement for adoption with the current foster carer (A3/A5).
 */
export const placements3plus: Part = {
  select: sql`SELECT 'placements_3plus' AS indicator_id, subject_kind, subject_id, period,
      max(submission_id) AS submission_id,
      count(*) FILTER (WHERE cla_31_march AND placements >= 3) AS numerator,
      count(*) FILTER (WHERE cla_31_march) AS denominator
    FROM children
    GROUP BY subject_kind, subject_id, period`,
};

/**
 * social_workers_3plus (DfE: "children looked after at 31 March with three or more social workers
 * during the year"). Denominator as placements_3plus (lookedAfterAt31March: V3/V4 short breaks
 * excluded). Numerator: 3 or more distinct SW_ID among
 * social worker episodes overlapping the year (SW_DECOM <= 31 March, SW_DEC null or >= 1 April; a
 * missing SW_DECOM is taken as before the year). A worker who returns counts once; periods when the
 * child was not looked after count too (DfE). Written only for returns that hold social worker
 * episodes (the table is required from 2023-24), so older returns give no value rather than 0%.
 */
export const socialWorkers3plus: Part = {
  // Each child's cohort flag and worker count meet in one hashed GROUP BY over a UNION ALL, not a join by
  // child: the planner estimated the cohort at one row and joined it to the workers by a nested loop,
  // rescanning every child's workers per child (at 15,000 children 218 million rows compared, 42 s of a
  // 43 s recompute; docs/benchmarks.md). A GROUP BY is linear whatever the estimates.
  ctes: sql`workers AS (
    -- distinct workers by hashing (submission, child, worker) first: cheaper than count(DISTINCT)
    SELECT submission_id, child, count(*) AS workers
    FROM (
      SELECT DISTINCT w.submission_id, w.child, w.sw_id
      FROM src JOIN cla903_sw_episodes w ON w.submission_id = src.submission_id
      WHERE coalesce(w.sw_decom, src.y_start) <= src.y_end AND (w.sw_dec IS NULL OR w.sw_dec >= src.y_start)
    ) d
    GROUP BY submission_id, child
  ),
  sw_children AS (
    -- a child with workers but no episode in the year has cla_31_march null: in neither count
    SELECT submission_id, child, bool_or(cla_31_march) AS cla_31_march, sum(workers) AS workers,
      bool_or(in_children) AS in_children
    FROM (
      SELECT submission_id, child, cla_31_march, 0 AS workers, true AS in_children FROM children
      UNION ALL
      SELECT submission_id, child, NULL, workers, false FROM workers
    ) u
    GROUP BY submission_id, child
  ),
  with_sw AS (
    SELECT src.submission_id, src.subject_kind, src.subject_id, src.period FROM src
    WHERE EXISTS (SELECT 1 FROM cla903_sw_episodes x WHERE x.submission_id = src.submission_id)
  )`,
  select: sql`SELECT 'social_workers_3plus', s.subject_kind, s.subject_id, s.period, max(c.submission_id),
      count(*) FILTER (WHERE c.cla_31_march AND c.workers >= 3),
      count(*) FILTER (WHERE c.cla_31_march)
    FROM sw_children c JOIN with_sw s USING (submission_id)
    GROUP BY s.subject_kind, s.subject_id, s.period
    -- as the join by child did: a subject only where its returns hold children of the year
    HAVING bool_or(c.in_children)`,
};

/**
 * long_term_stability (DfE: "Children looked after continuously for at least 2.5 years on 31 March
 * aged under 16 years ... living with the same carer for at least 2 years"; "or are placed for
 * adoption and their adoptive placement together with their previous placement, last for at least
 * 2 years"). Defined in ../cohorts (longTermStability): denominator, children looked after at 31
 * March (not V3/V4), under 16 then (Header DOB after 31 March Y-16; no DOB, not counted), whose
 * current period of care began on or before 30 September Y-3; numerator, of those, whose carer
 * (episodeSteps: P/T change it, L/B/U, temporary placements, the return from them to the same
 * carer and adoption with the current foster carer do not) dates from on or before 31 March Y-2.
 * The return carries no carer identifier, so "same carer" is read from RNE and PLACE as above.
 * History: a 903 return holds the episodes open during its year (with their original DECOM); earlier
 * ones come from the council's accepted 903 returns (its own and its practices': child ids are the
 * council's) for the two previous years, which reach back past 30 September Y-3. An episode held in
 * several returns is taken once, from the newest. Where those returns are not loaded the chain
 * starts at the earliest episode held, which can only understate the cohort.
 */
export const longTermStability: Part = {
  ctes: sql`lt_cohort AS MATERIALIZED (
    -- materialised so the Header is read once per child, before the join to history
    SELECT c.submission_id, c.child, c.period, src.council_code
    FROM children c
      JOIN src USING (submission_id)
      JOIN cla903_header h ON h.submission_id = c.submission_id AND h.child = c.child
    WHERE c.cla_31_march AND ${under16At31MarchSql(sql`h.dob`, sql`c.period`)}
  ),
  ${episodeStepsCtes(
    'lt_steps',
    sql`SELECT DISTINCT ON (c.submission_id, c.child, e.decom, e.dec IS NOT DISTINCT FROM e.decom)
        c.submission_id, c.child, make_date(c.period - 1, 4, 1) AS y_start, make_date(c.period, 3, 31) AS y_end,
        e.decom, e.dec, e.rne, e.ls, e.place, e.place_provider, e.urn, e.rec
      FROM lt_cohort c
        JOIN submissions hs ON hs.kind = 'ssda903' AND hs.status = 'accepted' AND hs.council_code = c.council_code
          AND hs.collection_year BETWEEN c.period - 2 AND c.period
        JOIN cla903_episodes e ON e.submission_id = hs.id AND e.child = c.child
      WHERE e.decom <= make_date(c.period, 3, 31)
      -- an episode repeats from year to year (each return holds those open in its year): the newest copy wins
      ORDER BY c.submission_id, c.child, e.decom, e.dec IS NOT DISTINCT FROM e.decom, hs.collection_year DESC, hs.id DESC`,
    ['submission_id', 'child'],
  )},
  lt_starts AS (
    SELECT s.submission_id, s.child, ${careStartDateSql} AS care_start, ${carerStartDateSql} AS carer_start
    FROM lt_steps s
    GROUP BY s.submission_id, s.child, s.y_start, s.y_end
  )`,
  select: sql`SELECT 'long_term_stability', c.subject_kind, c.subject_id, c.period, max(c.submission_id),
      count(st.child) FILTER (WHERE st.care_start <= ${longTermCareSinceSql(sql`c.period`)}
        AND st.carer_start <= ${longTermCarerSinceSql(sql`c.period`)}),
      count(st.child) FILTER (WHERE st.care_start <= ${longTermCareSinceSql(sql`c.period`)})
    FROM children c LEFT JOIN lt_starts st ON st.submission_id = c.submission_id AND st.child = c.child
    GROUP BY c.subject_kind, c.subject_id, c.period`,
};
