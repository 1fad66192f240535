import { sql } from 'drizzle-orm';
import type { Part } from './episodes';
import { ageOn } from './scope';

export const OC2 = [
  'health_assessments',
  'immunisations',
  'dental_checks',
  'development_assessments',
  'sdq_average',
  'substance_misuse',
  'convictions',
] as const;

/**
 * OC2 outcomes, over `children` (perChildCte). The cohort is worked out from the episodes, not from
 * the presence of an OC2 row: children looked after continuously for 12 months at 31 March
 * (lookedAfter12Months in ../cohorts: in care on 1 April Y-1 and without a break to 31 March, no
 * short break V3/V4 in the year), DfE's "children who had been looked after continuously for at least
 * 12 months at 31 March". Their OC2 row, if any, gives the flags: a cohort child without a row counts
 * in the denominators only; an OC2 row for a child outside the cohort counts nowhere. Age is at 31
 * March, from the Header DOB; children without a DOB fall out of the age-banded measures only. A flag
 * counts when true (1); false or blank does not.
 * - health_assessments: HEALTH_ASSESSMENT / the cohort.
 * - immunisations: IMMUNISATIONS / the cohort.
 * - dental_checks: TEETH_CHECK / the cohort.
 * - development_assessments: HEALTH_CHECK / the cohort aged 0-4 (DfE: "development assessments ...
 *   children aged under 5").
 * - sdq_average: sum of SDQ_SCORE / number of scores, the cohort aged 5-16 with a score (scale 1).
 * - substance_misuse: SUBSTANCE_MISUSE / the cohort.
 * - convictions: CONVICTED / the cohort aged 10-17 (DfE: "aged 10 or over").
 * Written for every return with an OC2 table (older or partial returns without one give no value
 * rather than 0%).
 */
export const oc2: Part = {
  ctes: sql`with_oc2 AS (
    SELECT src.submission_id FROM src
    WHERE EXISTS (SELECT 1 FROM cla903_oc2 x WHERE x.submission_id = src.submission_id)
  ),
  oc2_cohort AS MATERIALIZED (
    -- materialised: the age is worked out once per child, not in every count below
    SELECT c.submission_id, c.subject_kind, c.subject_id, c.period,
      coalesce(o.health_assessment, false) AS health_assessment, coalesce(o.immunisations, false) AS immunisations,
      coalesce(o.teeth_check, false) AS teeth_check, coalesce(o.substance_misuse, false) AS substance_misuse,
      coalesce(o.health_check, false) AS health_check, o.sdq_score, coalesce(o.convicted, false) AS convicted,
      ${ageOn(sql`make_date(c.period, 3, 31)`, sql`h.dob`)} AS age
    FROM children c
      JOIN with_oc2 USING (submission_id)
      LEFT JOIN cla903_oc2 o ON o.submission_id = c.submission_id AND o.child = c.child
      LEFT JOIN cla903_header h ON h.submission_id = c.submission_id AND h.child = c.child
    WHERE c.cla_12_months
  ),
  oc2_counts AS (
    SELECT s.subject_kind, s.subject_id, s.period, max(s.submission_id) AS submission_id,
      count(k.submission_id) AS children,
      count(*) FILTER (WHERE k.health_assessment) AS health_assessment,
      count(*) FILTER (WHERE k.immunisations) AS immunisations,
      count(*) FILTER (WHERE k.teeth_check) AS teeth_check,
      count(*) FILTER (WHERE k.substance_misuse) AS substance_misuse,
      count(*) FILTER (WHERE k.age BETWEEN 0 AND 4) AS under_5,
      count(*) FILTER (WHERE k.age BETWEEN 0 AND 4 AND k.health_check) AS health_check,
      count(*) FILTER (WHERE k.age BETWEEN 5 AND 16 AND k.sdq_score IS NOT NULL) AS sdq_scores,
      coalesce(sum(k.sdq_score) FILTER (WHERE k.age BETWEEN 5 AND 16), 0) AS sdq_total,
      count(*) FILTER (WHERE k.age BETWEEN 10 AND 17) AS aged_10_17,
      count(*) FILTER (WHERE k.age BETWEEN 10 AND 17 AND k.convicted) AS convicted
    FROM src s JOIN with_oc2 USING (submission_id)
      LEFT JOIN oc2_cohort k ON k.submission_id = s.submission_id
    GROUP BY s.subject_kind, s.subject_id, s.period
  )`,
  select: sql`SELECT v.indicator_id, c.subject_kind, c.subject_id, c.period, c.submission_id, v.numerator, v.denominator
    FROM oc2_counts c CROSS JOIN LATERAL (VALUES
      ('health_assessments', c.health_assessment::float8, c.children::float8),
      ('immunisations', c.immunisations::float8, c.children::float8),
      ('dental_checks', c.teeth_check::float8, c.children::float8),
      ('development_assessments', c.health_check::float8, c.under_5::float8),
      ('sdq_average', c.sdq_total::float8, c.sdq_scores::float8),
      ('substance_misuse', c.substance_misuse::float8, c.children::float8),
      ('convictions', c.convicted::float8, c.aged_10_17::float8)
    ) AS v (indicator_id, numerator, denominator)`,
};
