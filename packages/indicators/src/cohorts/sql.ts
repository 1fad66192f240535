import { sql, type SQL } from 'drizzle-orm';
import { ADOPTION_WITH_CURRENT_CARER, CARER_CHANGING_RNE, SHORT_BREAK_LS, TEMPORARY_PLACE } from './definitions';

/*
 * The SQL form of ./definitions.ts: the same cohorts, for the set-based indicator statements. Each
 * fragment's definition and DfE's wording are beside its TypeScript twin in ./definitions.ts;
 * ./cohorts.test.ts runs both forms over the same hand-worked cases (./cases.ts).
 */

const list = (codes: readonly string[]) => sql.raw(codes.map((c) => `'${c}'`).join(', '));
const SHORT_BREAK = list(SHORT_BREAK_LS);
const TEMPORARY = list(TEMPORARY_PLACE);
const ADOPTION = list(ADOPTION_WITH_CURRENT_CARER);
const CHANGING = list(CARER_CHANGING_RNE);

/**
 * CTEs `<name>_a`, `<name>_b`, `<name>_c` and `<name>`: one row per episode of `input` with the
 * columns of episodeSteps (care_start, returns_to_carer, carer_change, next_decom) and the flags the
 * per-child fragments read (short_break, temporary, in_year, open_31_march, placement).
 *
 * `input` must yield one row per episode (deduplicate history first) with the columns `keys` (the
 * partition: e.g. submission_id, child), y_start and y_end (the year's bounds, as dates), and decom,
 * dec, rne, ls, place, place_provider, urn, rec. Episodes are ordered by DECOM, then DEC (blank last).
 * Four small window passes: the running end of care (periods of care), then groups of a
 * non-temporary episode and the temporary ones after it (what a temporary stay returns to), then
 * that group's placement, then the comparison of each episode with the group before it.
 */
export function episodeStepsCtes(name: string, input: SQL, keys: readonly string[]): SQL {
  const n = (suffix: string) => sql.raw(`${name}${suffix}`);
  const part = sql.raw(keys.join(', '));
  const order = sql.raw(`PARTITION BY ${keys.join(', ')} ORDER BY decom, dec NULLS LAST`);
  return sql`${n('_a')} AS (
    SELECT i.*,
      coalesce(i.ls, '') IN (${SHORT_BREAK}) AS short_break,
      coalesce(i.place, '') IN (${TEMPORARY}) AS temporary,
      coalesce(i.decom > max(coalesce(i.dec, 'infinity'::date)) OVER (${order} ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), true) AS care_start,
      lead(i.decom) OVER (${order}) AS next_decom,
      i.decom <= i.y_end AND (i.dec IS NULL OR i.dec >= i.y_start) AS in_year,
      i.decom <= i.y_end AND (i.dec IS NULL OR i.dec > i.y_end) AS open_31_march
    FROM (${input}) i
  ),
  ${n('_b')} AS (
    -- grp: a non-temporary episode (or the start of a period of care) and the temporary stays after it
    SELECT a.*, count(*) FILTER (WHERE NOT a.temporary OR a.care_start) OVER (${order} ROWS UNBOUNDED PRECEDING) AS grp
    FROM ${n('_a')} a
  ),
  ${n('_c')} AS (
    SELECT b.*,
      first_value(NOT b.temporary) OVER (PARTITION BY ${part}, b.grp ORDER BY b.decom, b.dec NULLS LAST) AS base_known,
      first_value(b.place) OVER (PARTITION BY ${part}, b.grp ORDER BY b.decom, b.dec NULLS LAST) AS base_place,
      first_value(b.place_provider) OVER (PARTITION BY ${part}, b.grp ORDER BY b.decom, b.dec NULLS LAST) AS base_provider,
      first_value(b.urn) OVER (PARTITION BY ${part}, b.grp ORDER BY b.decom, b.dec NULLS LAST) AS base_urn
    FROM ${n('_b')} b
  ),
  ${n('')} AS (
    SELECT r.*,
      NOT r.temporary AND NOT r.short_break AND r.in_year AND (r.dec IS NULL OR r.dec > r.decom) AS placement,
      r.care_start OR (coalesce(r.rne, '') IN (${CHANGING}) AND NOT r.temporary AND NOT r.returns_to_carer
        AND coalesce(r.place, '') NOT IN (${ADOPTION})) AS carer_change
    FROM (
      SELECT c.*,
        NOT c.care_start AND NOT c.temporary AND coalesce(lag(c.temporary) OVER (${order}), false)
          AND (NOT lag(c.base_known) OVER (${order})
            OR (c.place IS NOT DISTINCT FROM lag(c.base_place) OVER (${order})
              AND c.place_provider IS NOT DISTINCT FROM lag(c.base_provider) OVER (${order})
              AND c.urn IS NOT DISTINCT FROM lag(c.base_urn) OVER (${order}))) AS returns_to_carer
      FROM ${n('_c')} c
    ) r
  )`;
}

/*
 * Per-child aggregates over a steps relation aliased `s` (GROUP BY the keys, y_start, y_end).
 */

/** Per episode of `s`: it makes the child looked after during the year (open on some day of it, not a short break). */
export const lookedAfterEpisodeInYearSql = sql`(s.in_year AND NOT s.short_break)`;

/** lookedAfterAt31March: an episode open at 31 March, not a short break. */
export const lookedAfterAt31MarchSql = sql`coalesce(bool_or(s.open_31_march AND NOT s.short_break), false)`;

/** lookedAfterInYear: an episode open on some day of the year, not a short break. */
export const lookedAfterInYearSql = sql`coalesce(bool_or(s.in_year AND NOT s.short_break), false)`;

/** lookedAfter12Months: in care on 1 April Y-1, no break to 31 March, no short break in the year. */
export const lookedAfter12MonthsSql = sql`coalesce(min(s.decom) FILTER (WHERE s.in_year) <= s.y_start
    AND NOT bool_or(s.in_year AND (s.short_break
      OR (coalesce(s.dec <= s.y_end, false) AND (coalesce(s.rec, '') <> 'X1' OR s.next_decom IS DISTINCT FROM s.dec)))), false)`;

/** placementsInYear: the first placement in the year, plus each later one at which the carer changes. */
export const placementsInYearSql = sql`(count(*) FILTER (WHERE s.placement AND s.carer_change)
    + CASE WHEN min(s.decom) FILTER (WHERE s.placement)
        < coalesce(min(s.decom) FILTER (WHERE s.placement AND s.carer_change), 'infinity'::date) THEN 1 ELSE 0 END)`;

/** careStartDate: start of the current period of care at 31 March. */
export const careStartDateSql = sql`max(s.decom) FILTER (WHERE s.care_start AND s.decom <= s.y_end)`;

/** carerStartDate: since when the child has lived with the carer held at 31 March. */
export const carerStartDateSql = sql`max(s.decom) FILTER (WHERE s.carer_change AND s.decom <= s.y_end)`;

/** under16At31March over a DOB expression and the collection year (an int expression). */
export const under16At31MarchSql = (dob: SQL, year: SQL) =>
  sql`coalesce(${dob} > make_date(${year} - 16, 3, 31), false)`;

/** The long-term cohort's care-since bound (30 September Y-3) and carer-since bound (31 March Y-2). */
export const longTermCareSinceSql = (year: SQL) => sql`make_date(${year} - 3, 9, 30)`;
export const longTermCarerSinceSql = (year: SQL) => sql`make_date(${year} - 2, 3, 31)`;
