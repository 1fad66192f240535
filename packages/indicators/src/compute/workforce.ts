import { sql, type SQL } from 'drizzle-orm';
import { sourceCte, type Scope } from './scope';

export const WORKFORCE = [
  'workforce_turnover',
  'workforce_agency_rate',
  'workforce_vacancy_rate',
  'workforce_caseload',
  'workforce_absence_rate',
] as const;

/**
 * Workforce census (CSWW), census year Y: census date 30 September Y, year 1 October Y-1 to
 * 30 September Y. DfE's published formulas (they reproduce the 2025 national figures).
 * Worker rows (CSWWWorker):
 * - in post: not an agency worker, RoleStartDate null or on/before the census date, RoleEndDate null
 *   or after it. FTE at the census: FTE30, else FTE.
 * - leaver: not an agency worker, RoleEndDate in the year (1 October Y-1 .. 30 September Y, so one
 *   leaving on 30 September is a leaver and not in post). FTE: FTE, else FTE30.
 * - agency at the census: an agency worker with RoleEndDate null or after the census date.
 * Figures:
 * - workforce_turnover = leavers FTE / in-post FTE.
 * - workforce_agency_rate = agency FTE / (agency FTE + in-post FTE); agency FTE from the LA-level
 *   NoAgencyFTE, else (no LA-level row or blank) the sum of agency workers' FTE at the census.
 * - workforce_vacancy_rate = vacancies FTE / (vacancies FTE + in-post FTE); LA-level
 *   NumberOfVacancies only, so no value is written for a return without it.
 * - workforce_caseload = cases / case-holding FTE: Cases30 summed over workers at the census (in
 *   post or agency: DfE includes agency workers) holding 1 or more cases with FTE > 0, over their FTE.
 *   Cases30 decides, not OrgRole or the case_holder flag: DfE counts anyone holding a case.
 * - workforce_absence_rate = working days lost / (in-post FTE x working days): days lost to sickness
 *   in the year summed over non-agency workers in post or who left in the year (the days were lost
 *   during the year by whoever was employed then); 253 working days, 254 when the census year
 *   includes 29 February (DfE's leap-year rule).
 * Written for every accepted census return.
 */
export function workforce(scope: Scope): SQL {
  return sql`${sourceCte(scope)},
  workers AS (
    SELECT w.submission_id, w.agency_worker, w.fte, w.fte30, w.cases30, w.working_days_lost,
      (NOT w.agency_worker AND (w.role_start_date IS NULL OR w.role_start_date <= src.y_end)
        AND (w.role_end_date IS NULL OR w.role_end_date > src.y_end)) AS in_post,
      (NOT w.agency_worker AND w.role_end_date BETWEEN src.y_start AND src.y_end) AS leaver,
      (w.agency_worker AND (w.role_end_date IS NULL OR w.role_end_date > src.y_end)) AS agency_at_census,
      coalesce(w.fte30, w.fte, 0) AS census_fte
    FROM src JOIN csww_workers w ON w.submission_id = src.submission_id
  ),
  holding AS (
    -- at the census (in post or agency), holding 1+ cases, FTE above 0
    SELECT *, (in_post OR agency_at_census) AND cases30 > 0 AND census_fte > 0 AS case_holding FROM workers
  ),
  per_return AS (
    SELECT src.submission_id, src.subject_kind, src.subject_id, src.period,
      coalesce(sum(w.census_fte) FILTER (WHERE w.in_post), 0) AS in_post_fte,
      coalesce(sum(coalesce(w.fte, w.fte30, 0)) FILTER (WHERE w.leaver), 0) AS leavers_fte,
      coalesce(la.agency_fte, sum(w.census_fte) FILTER (WHERE w.agency_at_census), 0) AS agency_fte,
      la.vacancies_fte,
      coalesce(sum(w.cases30) FILTER (WHERE w.case_holding), 0) AS cases,
      coalesce(sum(w.census_fte) FILTER (WHERE w.case_holding), 0) AS case_holding_fte,
      coalesce(sum(w.working_days_lost) FILTER (WHERE w.in_post OR w.leaver), 0) AS days_lost,
      -- 29 February in the census year (October Y-1 .. September Y): 254 working days
      CASE WHEN make_date(src.period, 3, 1) - make_date(src.period, 2, 1) = 29 THEN 254 ELSE 253 END
        AS working_days
    FROM src
      LEFT JOIN holding w ON w.submission_id = src.submission_id
      LEFT JOIN csww_la_level la ON la.submission_id = src.submission_id
    GROUP BY src.submission_id, src.subject_kind, src.subject_id, src.period, la.agency_fte, la.vacancies_fte
  ),
  per_subject AS (
    SELECT subject_kind, subject_id, period, max(submission_id) AS submission_id,
      sum(in_post_fte) AS in_post_fte, sum(leavers_fte) AS leavers_fte, sum(agency_fte) AS agency_fte,
      sum(vacancies_fte) AS vacancies_fte, bool_and(vacancies_fte IS NOT NULL) AS vacancies_known,
      sum(cases) AS cases, sum(case_holding_fte) AS case_holding_fte,
      sum(days_lost) AS days_lost, sum(in_post_fte * working_days) AS working_days_available
    FROM per_return
    GROUP BY subject_kind, subject_id, period
  ),
  computed AS (
    SELECT v.indicator_id, p.subject_kind, p.subject_id, p.period, p.submission_id, v.numerator, v.denominator
    FROM per_subject p CROSS JOIN LATERAL (VALUES
      ('workforce_turnover', p.leavers_fte, p.in_post_fte),
      ('workforce_agency_rate', p.agency_fte, p.agency_fte + p.in_post_fte),
      ('workforce_vacancy_rate', p.vacancies_fte, p.vacancies_fte + p.in_post_fte),
      ('workforce_caseload', p.cases::float8, p.case_holding_fte),
      ('workforce_absence_rate', p.days_lost, p.working_days_available)
    ) AS v (indicator_id, numerator, denominator)
    WHERE v.indicator_id <> 'workforce_vacancy_rate' OR p.vacancies_known
  )`;
}
