/*
 * Dates are held as ISO strings (YYYY-MM-DD): they sort and compare as text, survive JSON, and go straight
 * into a SQL `date` column. Arithmetic goes through UTC day numbers, so no time zone can shift a day.
 */

const DFE_DATE = /^(\d{2})\/(\d{2})\/(\d{4})$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function valid(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return d <= days[m - 1]!;
}

/** `dd/mm/yyyy` (the 903 format) to ISO, or null if it is not a real calendar date in that form. */
export function parseDfeDate(text: string): string | null {
  const m = DFE_DATE.exec(text);
  if (!m) return null;
  const [, dd, mm, yyyy] = m as unknown as [string, string, string, string];
  return valid(+yyyy, +mm, +dd) ? `${yyyy}-${mm}-${dd}` : null;
}

/** `yyyy-mm-dd` (xs:date, the workforce census format) checked as a real date, or null. */
export function parseIsoDate(text: string): string | null {
  const m = ISO_DATE.exec(text);
  if (!m) return null;
  return valid(+m[1]!, +m[2]!, +m[3]!) ? text : null;
}

/** Days since 1970-01-01 for an ISO date. */
export function dayNumber(iso: string): number {
  return Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 86_400_000;
}

export function daysBetween(fromIso: string, toIso: string): number {
  return dayNumber(toIso) - dayNumber(fromIso);
}

export function addYears(iso: string, years: number): string {
  const y = +iso.slice(0, 4) + years;
  const md = iso.slice(5);
  // 29 February plus whole years lands on 1 March in a common year, as a birthday does in law.
  if (md === '02-29' && !valid(y, 2, 29)) return `${String(y).padStart(4, '0')}-03-01`;
  return `${String(y).padStart(4, '0')}-${md}`;
}

/** Age in completed years on a date. */
export function ageOn(dobIso: string, onIso: string): number {
  const years = +onIso.slice(0, 4) - +dobIso.slice(0, 4);
  return addYears(dobIso, years) <= onIso ? years : years - 1;
}

/** ISO to the dd/mm/yyyy a data officer typed, for messages. */
export function showDate(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}
