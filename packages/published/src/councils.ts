import { periodOf } from './period';
import type { Row } from './subject';

export interface RegionRow {
  code: string;
  name: string;
}

export interface CouncilRow {
  code: string;
  onsCode: string;
  name: string;
  regionCode: string;
  firstPeriod: number;
  lastPeriod: number;
}

/**
 * ONS splits the London region (E12000007) into Inner (E13000001) and Outer (E13000002) London for
 * statistics, and DfE tables print London councils under the split. A council's region is the
 * government office region, so London councils get E12000007; the two halves are still loaded as
 * regions because DfE publishes regional figures for them.
 */
export const LONDON_REGION = 'E12000007';
const LONDON_PART = /^E13/;

export function governmentOfficeRegion(regionCode: string): string {
  return LONDON_PART.test(regionCode) ? LONDON_REGION : regionCode;
}

/** Every region named in the given rows (lookup rows, or a DfE table's Regional rows). */
export function regionsFrom(rows: readonly Row[]): RegionRow[] {
  const names = new Map<string, string>();
  for (const row of rows) {
    const code = row.region_code?.trim();
    const name = row.region_name?.trim();
    if (!code || !name) continue;
    const seen = names.get(code);
    if (seen !== undefined && seen !== name) throw new Error(`region ${code} is both "${seen}" and "${name}"`);
    names.set(code, name);
  }
  return [...names].map(([code, name]) => ({ code, name })).sort((a, b) => a.code.localeCompare(b.code));
}

/**
 * One council per 3-digit code in the lookup file. A code seen with two ONS codes (a boundary or
 * unitary change, e.g. Barnsley E08000016 then E08000038; Buckinghamshire E10000002 then E06000060)
 * keeps the latest ONS code and name, and spans all the periods of both. Rows for jointly reported
 * services ("940 / 941") are not councils and are skipped; their members have rows of their own.
 */
export function councilsFromLookup(rows: readonly Row[]): CouncilRow[] {
  const byCode = new Map<string, { council: CouncilRow; latest: [number, number] }>();
  for (const row of rows) {
    const code = row.old_la_code?.trim() ?? '';
    if (!/^\d{3}$/.test(code)) continue;
    const first = periodOf(row.first_time_period_seen ?? '');
    const last = periodOf(row.last_time_period_seen ?? '');
    const candidate: CouncilRow = {
      code,
      onsCode: required(row, 'new_la_code'),
      name: required(row, 'la_name'),
      regionCode: governmentOfficeRegion(required(row, 'region_code')),
      firstPeriod: first,
      lastPeriod: last,
    };
    const seen = byCode.get(code);
    if (!seen) {
      byCode.set(code, { council: candidate, latest: [last, first] });
      continue;
    }
    const span = {
      firstPeriod: Math.min(seen.council.firstPeriod, first),
      lastPeriod: Math.max(seen.council.lastPeriod, last),
    };
    const newer = last > seen.latest[0] || (last === seen.latest[0] && first > seen.latest[1]);
    if (newer) byCode.set(code, { council: { ...candidate, ...span }, latest: [last, first] });
    else seen.council = { ...seen.council, ...span };
  }
  return [...byCode.values()].map((v) => v.council).sort((a, b) => a.code.localeCompare(b.code));
}

function required(row: Row, column: string): string {
  const value = row[column]?.trim();
  if (!value) throw new Error(`lookup row ${JSON.stringify(row)} has no ${column}`);
  return value;
}
