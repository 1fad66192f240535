import { sql, type SQL } from 'drizzle-orm';
import type { subjectKind, valueSource } from '@continuity/db';

export type SubjectKind = (typeof subjectKind.enumValues)[number];
export type ValueSource = (typeof valueSource.enumValues)[number];

/** Which values of one indicator a read looks at. */
export interface ValueFilter {
  indicatorId: string;
  /** Inclusive bounds on the period (the year the period ends in). */
  fromPeriod?: number | null | undefined;
  toPeriod?: number | null | undefined;
  /** Only these periods (combined with the bounds when both are given). */
  periods?: readonly number[] | null | undefined;
  /** Only this source; when absent see `chosenValues`. */
  source?: ValueSource | null | undefined;
  /**
   * Whose computed figures may be read (the viewer's entitlement, from @continuity/access); absent or
   * null: every subject's. Computed rows outside it are not read at all, so they feed no point, rank,
   * comparator or neighbour average; published rows are never restricted.
   */
  computedFor?: ComputedScope | null | undefined;
}

/**
 * Subjects whose computed figures may be read: every subject of some kinds, plus named subjects, plus
 * every part (practice_part, `<practice>@<council>`) of the practices in `partsOf`.
 */
interface ComputedScope {
  kinds: readonly SubjectKind[];
  subjects: readonly { kind: SubjectKind; id: string }[];
  partsOf?: readonly string[] | undefined;
}

/** `ARRAY[...]::type[]`, valid SQL even when the list is empty (unlike `IN ()`). */
export function sqlArray(values: readonly (string | number)[], type: 'text' | 'int'): SQL {
  return sql`ARRAY[${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )}]::${sql.raw(type)}[]`;
}

/**
 * The value each subject shows for a period: one row per (subject kind, subject id, period) of the
 * indicator. With a `source` filter only that source is read. Without one, the published DfE figure
 * wins where both exist (it is the official statistic) and the computed figure fills the periods and
 * subjects DfE does not publish (the current year, practices). Ranks, comparators and lines all
 * read this same choice, so a point and its rank never come from different sources. `computedFor`
 * narrows the computed rows before the choice (a computed row outside it is as if absent).
 *
 * Written as "published, or computed with no published twin" (an anti-join on the unique key)
 * rather than DISTINCT ON, which would sort every row of the indicator by text keys.
 * Returns a SELECT for use as a subquery or CTE.
 */
export function chosenValues(filter: ValueFilter): SQL {
  const where: SQL[] = [sql`v.indicator_id = ${filter.indicatorId}`];
  if (filter.fromPeriod != null) where.push(sql`v.period >= ${filter.fromPeriod}`);
  if (filter.toPeriod != null) where.push(sql`v.period <= ${filter.toPeriod}`);
  if (filter.periods) where.push(sql`v.period = ANY(${sqlArray(filter.periods, 'int')})`);
  if (filter.computedFor) {
    const { kinds, subjects, partsOf } = filter.computedFor;
    const parts = partsOf?.length
      ? sql` OR (v.subject_kind = 'practice_part' AND split_part(v.subject_id, '@', 1) = ANY(${sqlArray(partsOf, 'text')}))`
      : sql``;
    where.push(sql`(v.source = 'published'
      OR v.subject_kind::text = ANY(${sqlArray(kinds, 'text')})
      OR v.subject_kind::text || ':' || v.subject_id = ANY(${sqlArray(
        subjects.map((s) => `${s.kind}:${s.id}`),
        'text',
      )})${parts})`);
  }
  if (filter.source) {
    where.push(sql`v.source = ${filter.source}::value_source`);
  } else {
    where.push(sql`(v.source = 'published' OR NOT EXISTS (
      SELECT 1 FROM indicator_values p
      WHERE p.indicator_id = v.indicator_id AND p.subject_kind = v.subject_kind
        AND p.subject_id = v.subject_id AND p.period = v.period AND p.source = 'published'))`);
  }
  return sql`
    SELECT v.subject_kind::text AS subject_kind, v.subject_id, v.period, v.source::text AS source,
      v.numerator, v.denominator, v.value, v.symbol
    FROM indicator_values v
    WHERE ${sql.join(where, sql` AND `)}`;
}
