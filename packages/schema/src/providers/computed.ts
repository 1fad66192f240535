import { sql } from 'drizzle-orm';
import type { Database } from '@continuity/db';
import type { SubjectKind } from '@continuity/access';
import { sqlArrayInt, sqlArrayText } from './sql';

/** A computed figure (from returns) as disclosure control needs it. */
export interface ComputedRow {
  kind: SubjectKind;
  id: string;
  period: number;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  symbol: string | null;
  numeratorSymbol: string | null;
  denominatorSymbol: string | null;
  /** A published figure exists for the same subject and period (it is the one chosen by default). */
  hasPublished: boolean;
  /** Councils: their region, for the councils-sum-to-region groups. */
  regionCode: string | null;
}

/**
 * Every computed figure of the indicators in the given periods, for every subject: the whole additive
 * table (practices of each council, councils of each region, regions of England), whatever the
 * request asked for, so a suppression pattern depends on the data and the viewer only and two
 * requests cannot be combined to undo it. Several indicators in one statement (a family disclosed together).
 */
export async function computedTables(
  database: Database,
  indicatorIds: readonly string[],
  periods: readonly number[],
): Promise<Map<string, ComputedRow[]>> {
  const out = new Map<string, ComputedRow[]>(indicatorIds.map((id) => [id, []]));
  if (periods.length === 0 || indicatorIds.length === 0) return out;
  const rows = await database.rows<{
    indicator_id: string;
    kind: SubjectKind;
    id: string;
    period: number;
    numerator: number | null;
    denominator: number | null;
    value: number | null;
    symbol: string | null;
    numerator_symbol: string | null;
    denominator_symbol: string | null;
    has_published: boolean;
    region_code: string | null;
  }>(sql`
    SELECT v.indicator_id, v.subject_kind::text AS kind, v.subject_id AS id, v.period, v.numerator, v.denominator, v.value,
      v.symbol, v.numerator_symbol, v.denominator_symbol, c.region_code,
      EXISTS (
        SELECT 1 FROM indicator_values p
        WHERE p.indicator_id = v.indicator_id AND p.subject_kind = v.subject_kind AND p.subject_id = v.subject_id
          AND p.period = v.period AND p.source = 'published'
      ) AS has_published
    FROM indicator_values v
    LEFT JOIN councils c ON v.subject_kind = 'council' AND c.code = v.subject_id
    WHERE v.indicator_id = ANY(${sqlArrayText(indicatorIds)}) AND v.source = 'computed' AND v.period = ANY(${sqlArrayInt(periods)})
    ORDER BY v.indicator_id, v.period, v.subject_kind, v.subject_id`);
  for (const r of rows)
    out.get(r.indicator_id)?.push({
      kind: r.kind,
      id: r.id,
      period: Number(r.period),
      numerator: r.numerator,
      denominator: r.denominator,
      value: r.value,
      symbol: r.symbol,
      numeratorSymbol: r.numerator_symbol,
      denominatorSymbol: r.denominator_symbol,
      hasPublished: r.has_published,
      regionCode: r.region_code,
    });
  return out;
}
