import { normaliseRegistration, UNKNOWN_REGISTRATION } from '@continuity/db';
import type { Issue } from '../issues';

/** What a registration number quoted in a finding becomes. */
export const WITHHELD_REGISTRATION = '[registration number]';
/** The columns that hold registration numbers. */
const REGISTRATION_COLUMNS = new Set(['SW_ID', 'SWENo']);

/**
 * The findings of a return with its registration numbers taken out: they are stored with the
 * submission and answered through the API, and registration numbers are staff personal data (see
 * @continuity/db registration.ts). A finding's file, row and column still point the data officer at
 * the row. The value of a SW_ID or SWENo finding is withheld (blank and "XX" stay: they are codes);
 * any of the return's numbers quoted in a message, however spaced or cased, is replaced.
 */
export function withoutRegistrationNumbers(issues: readonly Issue[], numbers: Iterable<string | null>): Issue[] {
  const known = new Set<string>();
  const spaced = new Set<string>();
  for (const n of numbers) {
    const normal = n === null ? '' : normaliseRegistration(n);
    if (normal.length < 3 || normal === UNKNOWN_REGISTRATION) continue;
    known.add(normal);
    if (/\s/.test(n!.trim())) spaced.add(n!.trim());
  }
  const scrub = (text: string) => {
    let out = text;
    for (const s of spaced) out = out.split(s).join(WITHHELD_REGISTRATION);
    // Tokens are runs of letters and digits (registration numbers hold nothing else once spaces go).
    return out.replace(/[A-Za-z0-9]+/g, (token) => (known.has(token.toUpperCase()) ? WITHHELD_REGISTRATION : token));
  };
  return issues.map((issue) => {
    const withheld =
      REGISTRATION_COLUMNS.has(issue.column) &&
      issue.value !== '' &&
      normaliseRegistration(issue.value) !== UNKNOWN_REGISTRATION;
    const value = withheld ? WITHHELD_REGISTRATION : scrub(issue.value);
    const message = scrub(issue.message);
    return value === issue.value && message === issue.message ? issue : { ...issue, value, message };
  });
}
