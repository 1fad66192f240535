import { sql, type SQL } from 'drizzle-orm';
import { ageOn, sourceCte, type Scope } from './scope';

export const OC3 = [
  'care_leavers_eet_17_18',
  'care_leavers_eet_19_21',
  'care_leavers_accommodation_17_18',
  'care_leavers_accommodation_19_21',
] as const;

/**
 * Care leavers (OC3): former relevant young people whose 17th to 21st birthday falls in the year.
 * Age band: the age reached on that birthday, which is the age at 31 March (OC3 DOB, else Header
 * DOB): 17-18 or 19-21; other ages are outside both bands. Excluded throughout, as DfE does: young
 * people who have died (IN_TOUCH = DIED) or returned home to parents for 6 months or more (RHOM).
 * Young people the council is not in touch with, who refuse contact or no longer need services stay
 * in the denominators ("information not known").
 * - care_leavers_eet_*: ACTIV in F1, P1 (higher education), F2, P2 (other education), F4, P4
 *   (apprenticeship), F5, P5 (training or employment), full or part time / all in the band. G4-G6
 *   are NEET; 0 is no information.
 * - care_leavers_accommodation_*: ACCOM whose second character is 1 (suitable) / all in the band
 *   except ACCOM G (gone abroad), H (deported) and R (residence not known), whose suitability is not
 *   known (DfE excludes them: its published "Suitability total" = suitable + unsuitable + no
 *   information, about 50 fewer than the activity total nationally in 2025). ACCOM 0 or blank (no
 *   information) stays in the denominator.
 * Written for every return with an OC3 table.
 */
export function careLeavers(scope: Scope): SQL {
  return sql`${sourceCte(scope)},
  leavers AS MATERIALIZED (
    -- materialised: the age band is worked out once per row, not in every count below
    SELECT src.submission_id, src.subject_kind, src.subject_id, src.period,
      CASE WHEN a.age IN (17, 18) THEN '17_18' WHEN a.age BETWEEN 19 AND 21 THEN '19_21' END AS band,
      coalesce(o.in_touch, '') NOT IN ('DIED', 'RHOM') AS counted,
      coalesce(o.activ IN ('F1', 'P1', 'F2', 'P2', 'F4', 'P4', 'F5', 'P5'), false) AS eet,
      coalesce(left(o.accom, 1), '') NOT IN ('G', 'H', 'R') AS accommodation_known,
      coalesce(substr(o.accom, 2, 1) = '1', false) AS suitable
    FROM src
      JOIN cla903_oc3 o ON o.submission_id = src.submission_id
      -- the Header is looked up only when the OC3 row has no DOB (coalesce evaluates lazily)
      CROSS JOIN LATERAL (SELECT ${ageOn(
        sql`make_date(src.period, 3, 31)`,
        sql`coalesce(o.dob, (SELECT h.dob FROM cla903_header h
          WHERE h.submission_id = o.submission_id AND h.child = o.child))`,
      )} AS age) a
  ),
  counts AS (
    SELECT subject_kind, subject_id, period, max(submission_id) AS submission_id,
      count(*) FILTER (WHERE counted AND band = '17_18') AS leavers_17_18,
      count(*) FILTER (WHERE counted AND band = '17_18' AND eet) AS eet_17_18,
      count(*) FILTER (WHERE counted AND band = '17_18' AND accommodation_known) AS known_17_18,
      count(*) FILTER (WHERE counted AND band = '17_18' AND accommodation_known AND suitable) AS suitable_17_18,
      count(*) FILTER (WHERE counted AND band = '19_21') AS leavers_19_21,
      count(*) FILTER (WHERE counted AND band = '19_21' AND eet) AS eet_19_21,
      count(*) FILTER (WHERE counted AND band = '19_21' AND accommodation_known) AS known_19_21,
      count(*) FILTER (WHERE counted AND band = '19_21' AND accommodation_known AND suitable) AS suitable_19_21
    FROM leavers
    GROUP BY subject_kind, subject_id, period
  ),
  computed AS (
    SELECT v.indicator_id, c.subject_kind, c.subject_id, c.period, c.submission_id, v.numerator, v.denominator
    FROM counts c CROSS JOIN LATERAL (VALUES
      ('care_leavers_eet_17_18', c.eet_17_18, c.leavers_17_18),
      ('care_leavers_eet_19_21', c.eet_19_21, c.leavers_19_21),
      ('care_leavers_accommodation_17_18', c.suitable_17_18, c.known_17_18),
      ('care_leavers_accommodation_19_21', c.suitable_19_21, c.known_19_21)
    ) AS v (indicator_id, numerator, denominator)
  )`;
}
