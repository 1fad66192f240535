import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findDocuments, generate, OUTPUT_FILE } from '../../scripts/codegen';

describe('generated query types', () => {
  it('fit the schema and are up to date (run `npm run codegen -w @continuity/dashboard` after changing a query or the schema)', () => {
    // generate() throws, listing each problem, when a query no longer fits packages/schema/schema.graphql.
    expect(generate()).toBe(readFileSync(OUTPUT_FILE, 'utf8'));
  });

  it('finds the documents beside the components, each operation named', () => {
    const names = findDocuments().flatMap((d) => [...d.text.matchAll(/(?:query|fragment)\s+(\w+)/g)].map((m) => m[1]));
    expect(names).toEqual(
      expect.arrayContaining([
        'CompareOptions',
        'FigureSeries',
        'IndicatorFields',
        'ShortageOptions',
        'BenchmarkOptions',
      ]),
    );
  });

  it('reports a query that does not fit the schema', () => {
    expect(() => generate(undefined, [{ file: 'x.ts', text: 'query Broken { councils { nope } }' }])).toThrow(
      /x\.ts: Broken: Cannot query field "nope"/,
    );
  });
});
