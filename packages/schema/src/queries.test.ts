import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@continuity/db';
import { openTestDatabase, testEngines } from '@continuity/db/testing';
import { execute, seedFixture, testViewers } from './testing';

describe.each(testEngines())('resolvers on %s', (engine) => {
  let database: Database;
  let statements: string[] = [];
  beforeAll(async () => {
    database = await openTestDatabase(engine, { logger: (query) => statements.push(query) });
    await seedFixture(database);
  });
  afterAll(() => database?.close());

  /** Runs a query as policy with a fresh context (fresh loaders) and counts the SQL statements it sent. */
  async function run(source: string, variableValues?: Record<string, unknown>) {
    statements = [];
    const result = await execute(database, testViewers.policy, source, variableValues);
    expect(result.errors).toBeUndefined();
    return { data: result.data, statements: statements.length };
  }

  const councilsWithEverything = /* GraphQL */ `
    query ($region: ID) {
      councils(region: $region) {
        code name region { name }
        statisticalNeighbours { code region { code } practices { id } }
        practices { id councils { code } }
      }
    }`;

  it('loads councils with their region, neighbours and practices in a bounded number of statements', async () => {
    const all = await run(councilsWithEverything);
    const few = await run(councilsWithEverything, { region: 'E12000007' });
    expect(all.data.councils).toHaveLength(12);
    expect(few.data.councils).toHaveLength(3);
    // At most one statement per loader level, whatever the number of councils: the root list; then
    // regions, neighbours, practices (one batch each); then the neighbours' regions and practices
    // and the practices' councils = 1 + 3 + 3 = 7. With all 12 councils every neighbour's region and
    // practices are already in the loaders' caches, so only 5 run; London's 3 councils have
    // neighbours outside London, so all 7 run.
    expect(all.statements).toBe(5);
    expect(few.statements).toBe(7);
    const kent = all.data.councils.find((c: any) => c.code === '886');
    expect(kent.statisticalNeighbours.map((n: any) => n.code)).toEqual(['887', '845', '850']);
    expect(kent.practices).toEqual([{ id: 'swp-kent', councils: [{ code: '886' }] }]);
  });

  it('runs the same statements for a series of eight subjects as for one, disclosure included', async () => {
    const query = /* GraphQL */ `
      query ($subjects: [SubjectInput!]!) {
        series(indicatorId: "placements_3plus", subjects: $subjects) {
          indicator { id polarity }
          lines { subject { name } points { period value rank } region { value } neighbourAverage { value } }
          england { value }
        }
      }`;
    const one = await run(query, { subjects: [{ kind: 'COUNCIL', id: '886' }] });
    const eight = await run(query, {
      subjects: [
        ...['886', '887', '845', '850', '390', '391'].map((id) => ({ kind: 'COUNCIL', id })),
        { kind: 'PRACTICE', id: 'swp-ntyne' },
        { kind: 'REGION', id: 'E12000008' },
      ],
    });
    expect(eight.data.series.lines).toHaveLength(8);
    // the indicator, the subjects, the values; then, because policy sees computed figures it does not
    // own (a neighbour average could pool them), the computed table and the practice links; then the
    // audit row (swp-ntyne's computed point)
    expect(one.statements).toBe(5);
    expect(eight.statements).toBe(6);
    const again = await run(query, {
      subjects: [
        { kind: 'PRACTICE', id: 'swp-ntyne' },
        { kind: 'COUNCIL', id: '886' },
      ],
    });
    expect(again.statements).toBe(6);
  });

  it('rejects an unknown indicator or subject as bad input', async () => {
    const result = await execute(
      database,
      testViewers.policy,
      `{ series(indicatorId: "nope", subjects: []) { periods } }`,
    );
    expect(result.errors?.[0]?.message).toBe('Unknown indicator: nope');
    expect(result.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    const unknown = await execute(
      database,
      testViewers.policy,
      `{ series(indicatorId: "placements_3plus", subjects: [{ kind: COUNCIL, id: "999" }]) { periods } }`,
    );
    expect(unknown.errors?.[0]?.message).toBe('Unknown subjects: council 999');
  });
});
