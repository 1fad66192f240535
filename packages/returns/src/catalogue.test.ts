import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { ruleCatalogue } from './catalogue';

/** DfE's rule list for 2024-25 (spec/CREDITS.md). */
const dfe = parse(readFileSync(join(import.meta.dirname, '../spec/ssda903_validation_rules_2024_25.csv')), {
  columns: true,
}) as {
  'Rule code': string;
}[];
const dfeCodes = new Set(dfe.map((r) => r['Rule code']));

describe('rule catalogue', () => {
  const rules = ruleCatalogue();

  it('uses real DfE codes, or our own prefixed CONT- / CSWW-', () => {
    const unknown = rules.filter(
      (r) => !dfeCodes.has(r.code) && !r.code.startsWith('CONT-') && !r.code.startsWith('CSWW-'),
    );
    expect(unknown.map((r) => r.code)).toEqual([]);
    expect(rules.filter((r) => r.kind === 'csww').every((r) => r.code.startsWith('CSWW-'))).toBe(true);
  });

  it('has each code once', () => {
    const codes = rules.map((r) => r.code);
    expect(codes.length).toBe(new Set(codes).size);
  });

  it('gives every rule a severity, what it reads, and a message', () => {
    for (const r of rules) {
      expect(['error', 'warning']).toContain(r.severity);
      expect(r.tables.length).toBeGreaterThan(0);
      expect(r.message.length).toBeGreaterThan(10);
    }
  });

  it('lists every rule in the README', () => {
    const readme = readFileSync(join(import.meta.dirname, '../README.md'), 'utf8');
    expect(rules.filter((r) => !readme.includes(`\`${r.code}\``)).map((r) => r.code)).toEqual([]);
  });

  it('keeps rules per collection year', () => {
    const codes = (year: number) => ruleCatalogue(year).map((r) => r.code);
    expect(codes(2023)).not.toContain('SW01STG1');
    expect(codes(2024)).toContain('SW01STG1');
  });
});
