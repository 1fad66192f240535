/*
 * Dates are held as ISO strings (YYYY-MM-DD): they sort and compare as text, survive JSON, and go straight
 * into a SQL `date` column. Arithmetic goes through UTC day numbers, so no time zone can shift a day.
 */

// Month lengths in a common year; February is checked separately.
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function valid(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  if (m === 2 && d === 29) return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return d <= DAYS_IN_MONTH[m - 1]!;
}

/** The number written by the ASCII digits text[from, to), or -1 if any character is not one. */
function digits(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/*
 * The two readers below run for every date of every row of a national year, so they check characters
 * directly: a regular expression match, its array and the number conversions cost several times more. They
 * accept exactly what /^(\d{2})\/(\d{2})\/(\d{4})$/ and /^(\d{4})-(\d{2})-(\d{2})$/ accept (\d is ASCII only).
 */

/** `dd/mm/yyyy` (the 903 format) to ISO, or null if it is not a real calendar date in that form. */
export function parseDfeDate(text: string): string | null {
  if (text.length !== 10 || text.charCodeAt(2) !== 47 || text.charCodeAt(5) !== 47) return null;
  const d = digits(text, 0, 2);
  const m = digits(text, 3, 5);
  const y = digits(text, 6, 10);
  if (d < 0 || m < 0 || y < 0 || !valid(y, m, d)) return null;
  return `${text.slice(6, 10)}-${text.slice(3, 5)}-${text.slice(0, 2)}`;
}

/** `yyyy-mm-dd` (xs:date, the workforce census format) checked as a real date, or null. */
export function parseIsoDate(text: string): string | null {
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return null;
  const y = digits(text, 0, 4);
  const m = digits(text, 5, 7);
  const d = digits(text, 8, 10);
  if (d < 0 || m < 0 || y < 0 || !valid(y, m, d)) return null;
  return text;
}

/** Days since 1970-01-01 for an ISO date. */
function dayNumber(iso: string): number {
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
