import { sql } from 'drizzle-orm';
import type { Part } from './episodes';

/**
 * missing_children and missing_incidents_per_child, over `children` (perChildCte).
 * Cohort: children looked after during the year (cla_year: an episode open on some day of the year,
 * so a child who ceased on 1 April counts), excluding children whose only episodes in the year are
 * short breaks (LS V3/V4).
 * Incidents: Missing rows with MISSING = 'M' (missing; 'A', away from placement without
 * authorisation, is not counted) open on some day of the year: MIS_START <= 31 March and (MIS_END
 * null or >= 1 April). DfE's measure includes children missing at 1 April, carried over from the
 * year before, so an incident need not start in the year.
 * - missing_children = children in the cohort with 1+ incident / children in the cohort.
 * - missing_incidents_per_child = their incidents / children in the cohort with 1+ incident.
 * Both are written for every return with episodes.
 */
export const missing: Part = {
  ctes: sql`incidents AS (
    SELECT m.submission_id, m.child, count(*) AS incidents
    FROM src JOIN cla903_missing m ON m.submission_id = src.submission_id
    WHERE m.missing = 'M' AND m.mis_start <= src.y_end AND (m.mis_end IS NULL OR m.mis_end >= src.y_start)
    GROUP BY m.submission_id, m.child
  )`,
  select: sql`SELECT v.indicator_id, m.subject_kind, m.subject_id, m.period, m.submission_id, v.numerator, v.denominator
    FROM (
      SELECT c.subject_kind, c.subject_id, c.period, max(c.submission_id) AS submission_id,
        count(*) FILTER (WHERE c.cla_year) AS looked_after,
        count(i.child) FILTER (WHERE c.cla_year) AS missing_children,
        coalesce(sum(i.incidents) FILTER (WHERE c.cla_year), 0) AS incidents
      FROM children c LEFT JOIN incidents i ON i.submission_id = c.submission_id AND i.child = c.child
      GROUP BY c.subject_kind, c.subject_id, c.period
    ) m CROSS JOIN LATERAL (VALUES
      ('missing_children', m.missing_children::float8, m.looked_after::float8),
      ('missing_incidents_per_child', m.incidents::float8, m.missing_children::float8)
    ) AS v (indicator_id, numerator, denominator)`,
};
