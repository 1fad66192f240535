import { sql, type SQL } from 'drizzle-orm';
import { ageOn, sourceCte, type Scope } from './scope';

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
 * OC2 outcomes. The cohort is the return's OC2 table: children looked after continuously for 12
 * months at 31 March (DfE's OC2 cohort; the return decides who is in it). Age is at 31 March, from
 * the Header DOB; children without a DOB fall out of the age-banded measures only. A flag counts
 * when true (1); false or blank does not.
 * - health_assessments: HEALTH_ASSESSMENT / all OC2 children.
 * - immunisations: IMMUNISATIONS / all OC2 children.
 * - dental_checks: TEETH_CHECK / all OC2 children.
 * - development_assessments: HEALTH_CHECK / OC2 children aged 0-4.
 * - sdq_average: sum of SDQ_SCORE / number of scores, OC2 children aged 5-16 with a score (scale 1).
 * - substance_misuse: SUBSTANCE_MISUSE / all OC2 children.
 * - convictions: CONVICTED / OC2 children aged 10-17.
 * Written for every return with an OC2 table.
 */
export function oc2(scope: Scope): SQL {
  return sql`${sourceCte(scope)},
  oc2 AS MATERIALIZED (
    -- materialised: the age is worked out once per row, not in every count below
    SELECT src.submission_id, src.subject_kind, src.subject_id, src.period, o.health_assessment,
      o.immunisations, o.teeth_check, o.substance_misuse, o.health_check, o.sdq_score, o.convicted,
      ${ageOn(sql`make_date(src.period, 3, 31)`, sql`h.dob`)} AS age
    FROM src
      JOIN cla903_oc2 o ON o.submission_id = src.submission_id
      LEFT JOIN cla903_header h ON h.submission_id = o.submission_id AND h.child = o.child
  ),
  counts AS (
    SELECT subject_kind, subject_id, period, max(submission_id) AS submission_id,
      count(*) AS children,
      count(*) FILTER (WHERE health_assessment) AS health_assessment,
      count(*) FILTER (WHERE immunisations) AS immunisations,
      count(*) FILTER (WHERE teeth_check) AS teeth_check,
      count(*) FILTER (WHERE substance_misuse) AS substance_misuse,
      count(*) FILTER (WHERE age BETWEEN 0 AND 4) AS under_5,
      count(*) FILTER (WHERE age BETWEEN 0 AND 4 AND health_check) AS health_check,
      count(*) FILTER (WHERE age BETWEEN 5 AND 16 AND sdq_score IS NOT NULL) AS sdq_scores,
      coalesce(sum(sdq_score) FILTER (WHERE age BETWEEN 5 AND 16), 0) AS sdq_total,
      count(*) FILTER (WHERE age BETWEEN 10 AND 17) AS aged_10_17,
      count(*) FILTER (WHERE age BETWEEN 10 AND 17 AND convicted) AS convicted
    FROM oc2
    GROUP BY subject_kind, subject_id, period
  ),
  computed AS (
    SELECT v.indicator_id, c.subject_kind, c.subject_id, c.period, c.submission_id, v.numerator, v.denominator
    FROM counts c CROSS JOIN LATERAL (VALUES
      ('health_assessments', c.health_assessment::float8, c.children::float8),
      ('immunisations', c.immunisations::float8, c.children::float8),
      ('dental_checks', c.teeth_check::float8, c.children::float8),
      ('development_assessments', c.health_check::float8, c.under_5::float8),
      ('sdq_average', c.sdq_total::float8, c.sdq_scores::float8),
      ('substance_misuse', c.substance_misuse::float8, c.children::float8),
      ('convictions', c.convicted::float8, c.aged_10_17::float8)
    ) AS v (indicator_id, numerator, denominator)
  )`;
}
