import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSsda903Files } from './ssda903/parse';
import { validateReturn, validateSsda903 } from './validate';

const dir = join(import.meta.dirname, '../fixtures/hand-written');
const files = readdirSync(dir).map((name) => ({ name, bytes: readFileSync(join(dir, name)) }));
const csv = files.filter((f) => f.name.endsWith('.csv'));
const sw = {
  name: 'sw.csv',
  bytes: new TextEncoder().encode('CHILD,DOB,SW_ID,SW_DECOM,SW_DEC,SW_REASON\n1001,15/06/2010,SW7,01/03/2024,,\n'),
};

describe('validateReturn', () => {
  it('accepts the hand-written 2024-25 return: warnings only', () => {
    const result = validateReturn(parseSsda903Files([...csv, sw]), { collectionYear: 2025 });
    expect(result.errors).toEqual([]);
    expect(result.accepted).toBe(true);
    // Child 1002 (UASC, 17) left care in January: a care leaver in OC3 with reviews is allowed (looked after in the year).
    expect(result.warnings.map((w) => w.rule)).toEqual([]);
    expect(result.counts.rows).toMatchObject({ header: 2, episodes: 3, reviews: 3, swEpisodes: 1 });
  });

  it('rejects the same return without its social worker episodes in 2024-25, but not in 2022-23', () => {
    const parsed = parseSsda903Files(csv);
    const now = validateReturn(parsed, { collectionYear: 2025 });
    expect(now.accepted).toBe(false);
    expect(now.errors.map((e) => e.rule)).toEqual(['CONT-TABLES']);
    // (The return's dates are 2024-25 ones, so other rules fail in 2022-23; the table is just not required.)
    expect(validateReturn(parsed, { collectionYear: 2023 }).errors.map((e) => e.rule)).not.toContain('CONT-TABLES');
    expect(now.errors[0]!.message).toBe(
      'A table the return must include was not supplied. Missing: SWEpisodes (a CSV whose first row is CHILD,DOB,SW_ID,SW_DECOM,SW_DEC,SW_REASON).',
    );
  });

  it('folds reading problems into the result: a reading error rejects, a reading warning does not', () => {
    // a table with a wrong header (it has a CHILD column) is an error
    const extra = { name: 'notes.csv', bytes: new TextEncoder().encode('CHILD,FOO\n1,2\n') };
    const bad = validateReturn(parseSsda903Files([...csv, sw, extra]), { collectionYear: 2025 });
    expect(bad.accepted).toBe(false);
    expect(bad.errors.map((e) => [e.file, e.rule])).toEqual([['notes.csv', 'FILE-HEADER']]);
    // a file that is not a table at all is skipped with a warning
    const readme = { name: 'README.txt', bytes: new TextEncoder().encode('About this return\n') };
    const good = validateReturn(parseSsda903Files([...csv, sw, readme]), { collectionYear: 2025 });
    expect(good.accepted).toBe(true);
    expect(good.warnings.filter((w) => w.rule === 'FILE-SKIPPED').map((w) => w.file)).toEqual(['README.txt']);
  });

  it('tallies issues by rule', () => {
    const parsed = parseSsda903Files([...csv, sw]);
    parsed.model.reviews[0]!.REVIEW_CODE = 'PN9';
    parsed.model.reviews[1]!.REVIEW_CODE = 'PN9';
    const result = validateSsda903(parsed.model, { collectionYear: 2025 });
    expect(result.counts.errorsByRule).toEqual({ '167': 2 });
    expect(result.errors.map((e) => [e.file, e.row, e.column, e.value])).toEqual([
      ['reviews.csv', 2, 'REVIEW_CODE', 'PN9'],
      ['reviews.csv', 3, 'REVIEW_CODE', 'PN9'],
    ]);
  });
});
