import { sql } from 'drizzle-orm';
import type { Part } from './episodes';

/*
 * Stability and continuity, from SSDA903 Episodes, Header and Social worker episodes, over
 * `children` (see perChildCte for the 31 March cohort and the placement count).
 */

/**
 * placements_3plus. Denominator: children looked after at 31 March (not under V3/V4).
 * Numerator: of those, children with 3 or more placements in the year, counted over the child's
 * episodes in the year that are placements: not temporary (PLACE T0-T4), not a short break (LS
 * V3/V4), and lasting at least a day (DEC > DECOM; DfE counts placements of 24 hours or more). The
 * first such episode counts as one (the placement held on 1 April, or at entry to care, whatever its
 * RNE); each later one counts when its reason for new episode changes the carer: S (started to be
 * looked after again), P (placement change) or T (legal status and placement). B and U change the
 * placement but not the carer (e.g. a foster carer becoming the adopter) and L changes only the legal
 * status, so they do not count, following DfE's stability measures. An episode that ended on 1 April
 * was open on 1 April and is the placement held then; one that ended on 31 March of the year before
 * is not in the year.
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
 * social_workers_3plus. Denominator as placements_3plus. Numerator: 3 or more distinct SW_ID among
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
 * long_term_stability. Denominator: children looked after at 31 March (not under V3/V4), aged under
 * 16 then (Header DOB after 31 March Y-16: a child whose 16th birthday is 31 March is 16; no Header
 * DOB, not counted), looked after continuously for at least 2.5 years: their current period of care
 * began on or before 30 September Y-3 (31 March less 30 months). A period of care is a chain of
 * episodes without a gap: it starts at the first episode held, or at one that starts after every
 * earlier episode has ended.
 * Numerator: of those, children whose current carer dates from on or before 31 March Y-2 (2 years).
 * The carer's spell starts at the latest episode that starts a period of care or has an RNE other
 * than L, B or U: L changes only the legal status; B and U change the placement but keep the carer.
 * So an adoptive placement with the child's foster carer (recorded as B or U, PLACE A3-A6) counts
 * together with the placement before it, as DfE's definition asks. An approximation: the return
 * carries no carer identifier, and DfE does not publish how it matches adoptive placements.
 * History: a 903 return holds the episodes open during its year (with their original DECOM); earlier
 * ones come from the council's accepted 903 returns (its own and its practices': child ids are the
 * council's) for the two previous years, which reach back past 30 September Y-3. Where those returns
 * are not loaded the chain starts at the earliest episode held, which can only understate the cohort.
 */
export const longTermStability: Part = {
  ctes: sql`lt_cohort AS MATERIALIZED (
    -- materialised so the Header is read once per child, before the join to history
    SELECT c.submission_id, c.child, c.period, src.council_code
    FROM children c
      JOIN src USING (submission_id)
      JOIN cla903_header h ON h.submission_id = c.submission_id AND h.child = c.child
    WHERE c.cla_31_march AND h.dob > make_date(c.period - 16, 3, 31)
  ),
  lt_steps AS (
    -- Episodes repeat from year to year (each return holds those open in its year), so an episode
    -- can appear once per return: harmless, since a period of care breaks only where an episode
    -- starts after every earlier one has ended (DEC null: still open), whatever the copies say.
    SELECT c.submission_id, c.child, e.decom, e.rne,
      coalesce(e.decom > max(coalesce(e.dec, 'infinity'::date)) OVER w, true) AS care_break
    FROM lt_cohort c
      JOIN submissions hs ON hs.kind = 'ssda903' AND hs.status = 'accepted' AND hs.council_code = c.council_code
        AND hs.collection_year BETWEEN c.period - 2 AND c.period
      JOIN cla903_episodes e ON e.submission_id = hs.id AND e.child = c.child
    WHERE e.decom <= make_date(c.period, 3, 31)
    WINDOW w AS (PARTITION BY c.submission_id, c.child ORDER BY e.decom ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
  ),
  lt_starts AS (
    SELECT submission_id, child,
      max(decom) FILTER (WHERE care_break) AS care_start,
      max(decom) FILTER (WHERE care_break OR coalesce(rne, '') NOT IN ('L', 'B', 'U')) AS carer_start
    FROM lt_steps
    GROUP BY submission_id, child
  )`,
  select: sql`SELECT 'long_term_stability', c.subject_kind, c.subject_id, c.period, max(c.submission_id),
      count(st.child) FILTER (WHERE st.care_start <= make_date(c.period - 3, 9, 30)
        AND st.carer_start <= make_date(c.period - 2, 3, 31)),
      count(st.child) FILTER (WHERE st.care_start <= make_date(c.period - 3, 9, 30))
    FROM children c LEFT JOIN lt_starts st ON st.submission_id = c.submission_id AND st.child = c.child
    GROUP BY c.subject_kind, c.subject_id, c.period`,
};
