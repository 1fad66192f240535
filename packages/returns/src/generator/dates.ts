/**
 * Calendar dates as integer day numbers (days since 1970-01-01, proleptic Gregorian, no time zone).
 * Integers are compact, compare with < and subtract to give durations, and never drift with
 * daylight saving. Conversions use Howard Hinnant's civil-date algorithms.
 */

export type Day = number;

export interface Ymd {
  y: number;
  m: number;
  d: number;
}

/** Day number of a calendar date (month 1-12). */
export function dayOf(y: number, m: number, d: number): Day {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = (m + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function civil(day: Day): Ymd {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/**
 * The same calendar date n years later. 29 February becomes 28 February in a non-leap year, as
 * pandas' DateOffset(years=n) does (the reference validator computes birthdays that way).
 */
export function addYears(day: Day, years: number): Day {
  const { y, m, d } = civil(day);
  const ny = y + years;
  return dayOf(ny, m, m === 2 && d === 29 && !isLeap(ny) ? 28 : d);
}

/** Completed years of age on `day` for someone born on `dob`. */
export function ageOn(dob: Day, day: Day): number {
  const b = civil(dob);
  const t = civil(day);
  let age = t.y - b.y;
  if (t.m < b.m || (t.m === b.m && t.d < b.d)) age--;
  // A 29 February birthday is reached on 28 February in non-leap years (pandas DateOffset semantics).
  if (b.m === 2 && b.d === 29 && t.m === 2 && t.d === 28 && !isLeap(t.y)) age++;
  return age;
}

/** 1 April of the year before `collectionYear` (a 903 year runs 1 April to 31 March). */
export function collectionStart(collectionYear: number): Day {
  return dayOf(collectionYear - 1, 4, 1);
}

/** 31 March of `collectionYear`. */
export function collectionEnd(collectionYear: number): Day {
  return dayOf(collectionYear, 3, 31);
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

// Formatting caches: a return formats the same few thousand dates many times.
const CACHE_BASE = dayOf(1900, 1, 1);
const CACHE_SIZE = dayOf(2101, 1, 1) - CACHE_BASE;
const dfeCache: (string | undefined)[] = new Array(CACHE_SIZE);
const isoCache: (string | undefined)[] = new Array(CACHE_SIZE);

/** dd/mm/yyyy, the SSDA903 date format. */
export function formatDfe(day: Day): string {
  const i = day - CACHE_BASE;
  if (i >= 0 && i < CACHE_SIZE) {
    const hit = dfeCache[i];
    if (hit !== undefined) return hit;
  }
  const { y, m, d } = civil(day);
  const s = `${pad2(d)}/${pad2(m)}/${String(y).padStart(4, '0')}`;
  if (i >= 0 && i < CACHE_SIZE) dfeCache[i] = s;
  return s;
}

/** yyyy-mm-dd (xs:date), the CSWW date format. */
export function formatIso(day: Day): string {
  const i = day - CACHE_BASE;
  if (i >= 0 && i < CACHE_SIZE) {
    const hit = isoCache[i];
    if (hit !== undefined) return hit;
  }
  const { y, m, d } = civil(day);
  const s = `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}`;
  if (i >= 0 && i < CACHE_SIZE) isoCache[i] = s;
  return s;
}

export const DAYS_PER_YEAR = 365.2425;
