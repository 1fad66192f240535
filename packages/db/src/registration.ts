/**
 * Social Work England registration numbers (903 SW_ID, census SWENo) are staff personal data. The
 * hub needs them only to join a council's 903 social worker episodes to its own workforce census, so
 * what is stored is a keyed hash: HMAC-SHA256 under a server secret (the practice pseudonym secret,
 * with a label of its own: the same secret gives unrelated values here), of the council code and the
 * number as compared (spaces removed, upper case). Hence:
 * - within one council the 903 and the census still join, in every year, and a worker who left and
 *   re-joined keeps the same value (the hash depends on the council and the number only);
 * - across councils the same worker gets unrelated values: nothing stored links councils' staff;
 * - without the secret nobody can recompute the values from a list of registration numbers (an
 *   unkeyed hash of a 2-letter, 10-digit number would be undone by trying them all).
 * "XX" (DfE: not known) and a blank are kept as they are: they are codes, not personal data, and the
 * ledger treats them specially. The secret must stay the same for as long as stored rows are kept
 * (a new secret would stop new returns joining old ones; the raw files are kept, so rows could be
 * re-derived by importing them again).
 */
import { createHmac } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Database } from './open';

export type RegistrationSecret = string | Uint8Array;

const LABEL = 'continuity/registration-number/v1:';
const MIN_SECRET_BYTES = 16;
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** 26 base32 characters: 130 bits, far beyond any clash among a council's few thousand workers. */
const CODE_LENGTH = 26;
export const REGISTRATION_HASH_PREFIX = 'rn1:';
/** What a stored value looks like once keyed-hashed. */
export const REGISTRATION_HASH_PATTERN = /^rn1:[0-9A-HJKMNP-TV-Z]{26}$/;
/** The codes stored as they are. */
export const UNKNOWN_REGISTRATION = 'XX';

/** A registration number as compared: spaces removed, upper case. */
export function normaliseRegistration(raw: string): string {
  return raw.replace(/\s/g, '').toUpperCase();
}

/**
 * The value stored for a registration number of `councilCode`'s returns: '' for a blank, 'XX' for
 * "not known", otherwise the keyed hash. A value already hashed is returned unchanged (idempotent).
 */
export function storedRegistration(secret: RegistrationSecret, councilCode: string, raw: string | null): string {
  if (raw === null) return '';
  if (REGISTRATION_HASH_PATTERN.test(raw)) return raw;
  const normal = normaliseRegistration(raw);
  if (normal === '' || normal === UNKNOWN_REGISTRATION) return normal;
  checkSecret(secret);
  const digest = createHmac('sha256', secret).update(`${LABEL}${councilCode}:${normal}`).digest();
  return REGISTRATION_HASH_PREFIX + base32(digest).slice(0, CODE_LENGTH);
}

/** True when a stored value is one the hub may hold: blank, "XX" or a keyed hash. */
export function isStoredRegistration(value: string): boolean {
  return value === '' || value === UNKNOWN_REGISTRATION || REGISTRATION_HASH_PATTERN.test(value);
}

/** The tables and columns that hold registration numbers. */
const COLUMNS = [
  { table: 'cla903_sw_episodes', column: 'sw_id' },
  { table: 'csww_workers', column: 'swe_no' },
] as const;

/**
 * Data migration for rows stored before registration numbers were hashed at import: every value not
 * yet blank, "XX" or a hash is replaced by storedRegistration, by distinct (council, value), in
 * batches of set-based UPDATEs. Idempotent (a second run finds nothing) and safe to run at every
 * start (one indexless scan when nothing is left). Returns the rows rewritten per table.
 * Computed figures do not change: the ledger compares values within a council, and the hash keeps
 * exactly the equalities of the normalised numbers.
 */
export async function hashStoredRegistrations(
  database: Database,
  secret: RegistrationSecret,
): Promise<Record<string, number>> {
  checkSecret(secret);
  const rewritten: Record<string, number> = {};
  for (const { table, column } of COLUMNS) {
    const t = sql.identifier(table);
    const c = sql.identifier(column);
    const raw = await database.rows<{ council_code: string; value: string }>(sql`
      SELECT DISTINCT council_code, ${c} AS value FROM ${t}
      WHERE ${c} NOT IN ('', ${UNKNOWN_REGISTRATION}) AND ${c} !~ ${REGISTRATION_HASH_PATTERN.source}`);
    rewritten[table] = 0;
    const BATCH = 500;
    for (let i = 0; i < raw.length; i += BATCH) {
      const pairs = raw
        .slice(i, i + BATCH)
        .map(
          (r) =>
            sql`(${r.council_code}::text, ${r.value}::text, ${storedRegistration(secret, r.council_code, r.value)}::text)`,
        );
      const updated = await database.rows<{ n: number }>(sql`
        WITH m(council_code, raw, hashed) AS (VALUES ${sql.join(pairs, sql`, `)}),
        u AS (
          UPDATE ${t} x SET ${c} = m.hashed FROM m
          WHERE x.council_code = m.council_code AND x.${c} = m.raw
          RETURNING 1
        )
        SELECT count(*)::int AS n FROM u`);
      rewritten[table] += updated[0]?.n ?? 0;
    }
  }
  return rewritten;
}

/** What a registration number quoted in a stored finding becomes. */
export const WITHHELD_REGISTRATION = '[registration number]';
const REGISTRATION_COLUMNS = new Set(['SW_ID', 'SWENo']);
/** The shape of a Social Work England number as returns carry it ("SW" and digits), for findings stored before withholding. */
const NUMBER_SHAPE = /^SW\d{4,}$/i;

interface StoredFinding {
  column?: unknown;
  value?: unknown;
  message?: unknown;
}

/**
 * A submission's stored findings (errors or warnings) with registration numbers withheld: the value of
 * a SW_ID or SWENo finding ("XX" and blanks stay), and in any message, the numbers those findings
 * hold and anything shaped like one. Returns null when nothing changes.
 */
export function withheldFindings(findings: readonly StoredFinding[]): StoredFinding[] | null {
  const known = new Set<string>();
  for (const f of findings) {
    if (typeof f.column === 'string' && REGISTRATION_COLUMNS.has(f.column) && typeof f.value === 'string')
      known.add(normaliseRegistration(f.value));
  }
  const hidden = (token: string) =>
    (known.has(token.toUpperCase()) && token.toUpperCase() !== UNKNOWN_REGISTRATION) || NUMBER_SHAPE.test(token);
  const scrub = (text: string) => text.replace(/[A-Za-z0-9]+/g, (t) => (hidden(t) ? WITHHELD_REGISTRATION : t));
  let changed = false;
  const out = findings.map((f) => {
    let value = f.value;
    if (typeof value === 'string') {
      const normal = normaliseRegistration(value);
      const isNumber =
        typeof f.column === 'string' &&
        REGISTRATION_COLUMNS.has(f.column) &&
        normal !== '' &&
        normal !== UNKNOWN_REGISTRATION &&
        value !== WITHHELD_REGISTRATION;
      value = isNumber ? WITHHELD_REGISTRATION : scrub(value);
    }
    const message = typeof f.message === 'string' ? scrub(f.message) : f.message;
    if (value === f.value && message === f.message) return f;
    changed = true;
    return { ...f, value, message };
  });
  return changed ? out : null;
}

/**
 * Data migration for findings stored before registration numbers were withheld at import (they are
 * answered by the API: Submission.errors and warnings): each submission whose findings mention a
 * registration column or something shaped like a number is rewritten by withheldFindings.
 * Idempotent. Returns the submissions rewritten.
 */
export async function withholdStoredFindings(database: Database): Promise<number> {
  const rows = await database.rows<{ id: number; errors: StoredFinding[]; warnings: StoredFinding[] }>(sql`
    SELECT id, errors, warnings FROM submissions
    WHERE errors::text ~* 'SW_ID|SWENo|SW[0-9]{4}' OR warnings::text ~* 'SW_ID|SWENo|SW[0-9]{4}'`);
  let rewritten = 0;
  for (const row of rows) {
    const errors = withheldFindings(row.errors ?? []);
    const warnings = withheldFindings(row.warnings ?? []);
    if (!errors && !warnings) continue;
    await database.rows(sql`UPDATE submissions SET errors = ${JSON.stringify(errors ?? row.errors)}::jsonb,
      warnings = ${JSON.stringify(warnings ?? row.warnings)}::jsonb WHERE id = ${row.id}`);
    rewritten++;
  }
  return rewritten;
}

function checkSecret(secret: RegistrationSecret): void {
  const bytes = typeof secret === 'string' ? Buffer.byteLength(secret) : secret.byteLength;
  if (bytes < MIN_SECRET_BYTES) throw new Error(`registration secret must be at least ${MIN_SECRET_BYTES} bytes`);
}

/** RFC 4648 bit order with Crockford's alphabet, as the practice pseudonyms. */
function base32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += CROCKFORD[(buffer >>> bits) & 31];
    }
    buffer &= (1 << bits) - 1;
  }
  return out;
}
