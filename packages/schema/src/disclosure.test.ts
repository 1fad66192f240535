/**
 * Disclosure control and audit through the API, on the hand-worked tables of testing.ts
 * (`computedFixture`: the sums and the expected suppression pattern are worked there).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { anonymousPracticeId } from '@continuity/access';
import type { Database } from '@continuity/db';
import { openTestDatabase, testEngines } from '@continuity/db/testing';
import { execute, seedComputedFixture, seedFixture, testViewers } from './testing';

type Point = { numerator: number | null; denominator: number | null; value: number | null; symbol: string | null };

describe.each(testEngines())('disclosure control through the API on %s', (engine) => {
  let database: Database;
  let statements: string[] = [];
  beforeAll(async () => {
    database = await openTestDatabase(engine, { logger: (query) => statements.push(query) });
    await seedFixture(database);
    await seedComputedFixture(database);
  });
  afterAll(() => database?.close());

  const selection = `
    periods
    england { period numerator denominator value symbol }
    lines {
      subject { kind id name }
      points { period numerator denominator value symbol source rank quartile }
      region { period numerator denominator value symbol }
      neighbourAverage { period numerator denominator value symbol }
    }`;
  const query = `query ($subjects: [SubjectInput!]!, $source: ValueSource) {
    series(indicatorId: "placements_3plus", subjects: $subjects, fromPeriod: 2025, source: $source) { ${selection} }
  }`;

  async function read(viewer: keyof typeof testViewers, subjects: [string, string][], source?: string) {
    const result = await execute(database, testViewers[viewer], query, {
      subjects: subjects.map(([kind, id]) => ({ kind, id })),
      source,
    });
    expect(result.errors).toBeUndefined();
    return result.data.series as {
      england: (Point & { period: number })[];
      lines: {
        subject: { id: string; name: string };
        points: (Point & { rank: number | null })[];
        region: Point[];
        neighbourAverage: Point[];
      }[];
    };
  }
  const figure = (p: Point) => [p.numerator, p.denominator, p.value, p.symbol];
  const c = (denominator: number) => [null, denominator, null, 'c'];

  describe('secondary suppression: a council with three practices', () => {
    const kent: [string, string][] = [
      ['PRACTICE', 'swp-kent'],
      ['PRACTICE', 'swp-kent-b'],
      ['PRACTICE', 'swp-kent-c'],
      ['COUNCIL', '886'],
    ];

    it('hides the small practice and the next smallest, so neither follows from Kent minus the rest', async () => {
      const series = await read('policy', kent);
      expect(series.lines.map((l) => figure(l.points[0]!))).toEqual([
        c(30),
        c(60),
        [20, 100, 20, null],
        [40, 400, 10, null],
      ]);
    });

    it('gives the same pattern whatever else the request asks for (no query can undo it)', async () => {
      for (const subjects of [
        [['PRACTICE', 'swp-kent-b']],
        [
          ['PRACTICE', 'swp-kent-c'],
          ['COUNCIL', '886'],
        ],
      ] as [string, string][][]) {
        const series = await read('policy', subjects);
        const byId = new Map(series.lines.map((l) => [l.subject.id, figure(l.points[0]!)]));
        if (byId.has('swp-kent-b')) expect(byId.get('swp-kent-b')).toEqual(c(60));
        if (byId.has('swp-kent-c')) expect(byId.get('swp-kent-c')).toEqual([20, 100, 20, null]);
      }
    });

    it("leaves owners' figures untouched: Kent sees its practices in full", async () => {
      const series = await read('councilKent', kent);
      expect(series.lines.map((l) => figure(l.points[0]!))).toEqual([
        [3, 30, 10, null],
        [12, 60, 20, null],
        [20, 100, 20, null],
        [40, 400, 10, null],
      ]);
    });

    it('needs no complement for a practice: the council total is not in its view', async () => {
      const own = await read('practiceKent', [['PRACTICE', 'swp-kent']]);
      expect(figure(own.lines[0]!.points[0]!)).toEqual([3, 30, 10, null]);
      const peers = await read('practiceKent', [
        ['PRACTICE', anonymousPracticeIdOf('swp-kent-b')],
        ['PRACTICE', anonymousPracticeIdOf('swp-kent-c')],
        ['PRACTICE', anonymousPracticeIdOf('swp-hillingdon')],
      ]);
      expect(peers.lines.map((l) => figure(l.points[0]!))).toEqual([[12, 60, 20, null], [20, 100, 20, null], c(20)]);
      expect(peers.lines.map((l) => l.subject.name)).toEqual(
        ['swp-kent-b', 'swp-kent-c', 'swp-hillingdon'].map((id) => pseudonyms.get(id)),
      );
    });
  });

  describe('councils summing to a region, regions to England', () => {
    it('suppresses Hillingdon (4) and its complement Hounslow (9), rounds London and England to 10', async () => {
      const series = await read('policy', [
        ['COUNCIL', '312'],
        ['COUNCIL', '313'],
        ['COUNCIL', '314'],
      ]);
      expect(series.lines.map((l) => figure(l.points[0]!))).toEqual([c(50), c(90), [30, 300, 10, null]]);
      // Suppressed points lose their rank with their value, and are not in anyone else's ranking:
      // policy sees Kent 40/400, Medway 20/200 and Kingston 30/300, all 10%, so Kingston is 1 of 3 (among
      // all five, Hillingdon's 8% would have made it 2, giving away a council below 10%).
      expect(series.lines.map((l) => l.points[0]!.rank)).toEqual([null, null, 1]);
      // London 43/440 -> 40/440, England 103/1040 -> 100/1040; each rate is worked from the counts as
      // shown (at full precision, 43/440's 9.7727% would give the unrounded 43 back).
      expect(series.lines[0]!.region).toEqual([
        { period: 2025, numerator: 40, denominator: 440, value: (40 / 440) * 100, symbol: null },
      ]);
      expect(series.england).toEqual([
        { period: 2025, numerator: 100, denominator: 1040, value: (100 / 1040) * 100, symbol: null },
      ]);
    });

    it("withholds a neighbour average that would give a suppressed neighbour away (Hillingdon's: 313 + 314 + 887)", async () => {
      const series = await read('policy', [
        ['COUNCIL', '312'],
        ['COUNCIL', '886'],
      ]);
      expect(series.lines[0]!.neighbourAverage).toEqual([
        { period: 2025, numerator: null, denominator: 590, value: null, symbol: 'c' },
      ]);
      // Kent's neighbours pool Medway alone (20/200): nothing suppressed in it, shown.
      expect(series.lines[1]!.neighbourAverage).toEqual([
        { period: 2025, numerator: 20, denominator: 200, value: 10, symbol: null },
      ]);
    });

    it("shows the owner its small figure in full, and nothing of other councils' computed figures", async () => {
      const own = await read('councilOther', [['COUNCIL', '312']]);
      expect(figure(own.lines[0]!.points[0]!)).toEqual([4, 50, 8, null]);
      // England, London and the neighbours' computed figures pool other councils' returns: withheld.
      expect(own.england).toEqual([]);
      expect(own.lines[0]!.region).toEqual([]);
      expect(own.lines[0]!.neighbourAverage).toEqual([]);
      const other = await read('councilOther', [['COUNCIL', '313']], 'COMPUTED');
      expect(other.lines[0]!.points).toEqual([]);
    });
  });

  describe('published figures as published, computed ones controlled', () => {
    it('gives published regional and national counts unrounded to everyone', async () => {
      for (const viewer of [testViewers.councilKent, testViewers.policy, testViewers.practiceKent]) {
        const result = await execute(
          database,
          viewer,
          `{ series(indicatorId: "placements_3plus", subjects: [{ kind: REGION, id: "E12000008" }, { kind: COUNCIL, id: "886" }], toPeriod: 2024) {
              lines { points { period numerator denominator } } england { period numerator } } }`,
        );
        expect(result.errors).toBeUndefined();
        // South East 105 stays 105 (it was rounded to 110); Kent's 2023 and 2024 figures; England 7000, 8000.
        expect(result.data.series.lines[0].points).toEqual([{ period: 2024, numerator: 105, denominator: 1000 }]);
        expect(result.data.series.lines[1].points).toEqual([
          { period: 2023, numerator: 100, denominator: 1000 },
          { period: 2024, numerator: 90, denominator: 1000 },
        ]);
        expect(result.data.series.england).toEqual([
          { period: 2023, numerator: 8000 },
          { period: 2024, numerator: 7000 },
        ]);
      }
    });

    it('suppresses a small computed practice figure from another year too (swp-ntyne 4/40 in 2024)', async () => {
      const result = await execute(
        database,
        testViewers.policy,
        `{ series(indicatorId: "placements_3plus", subjects: [{ kind: PRACTICE, id: "swp-ntyne" }]) { lines { points { period numerator value symbol } } } }`,
      );
      expect(result.data.series.lines[0].points).toEqual([{ period: 2024, numerator: null, value: null, symbol: 'c' }]);
    });
  });

  describe('audit', () => {
    const auditRows = () =>
      database.rows<{
        user_id: string;
        role: string;
        organisation_id: string;
        action: string;
        target: string;
        detail: any;
      }>(sql`SELECT user_id, role, organisation_id, action, target, detail FROM audit_log ORDER BY id`);

    it('records one row per series holding computed figures, in one insert per request', async () => {
      const before = (await auditRows()).length;
      statements = [];
      const result = await execute(
        database,
        testViewers.councilKent,
        `{ a: series(indicatorId: "placements_3plus", subjects: [{ kind: COUNCIL, id: "886" }], fromPeriod: 2025) { periods }
           b: series(indicatorId: "placements_3plus", subjects: [{ kind: PRACTICE, id: "swp-kent" }], fromPeriod: 2025) { periods } }`,
      );
      expect(result.errors).toBeUndefined();
      expect(statements.filter((s) => /^insert into "audit_log"/i.test(s))).toHaveLength(1);
      // The two series resolve concurrently: their rows come in either order.
      const rows = (await auditRows())
        .slice(before)
        .sort((a, b) => (a.detail.subjects[0] < b.detail.subjects[0] ? -1 : 1));
      expect(rows).toEqual([
        {
          user_id: 'demo-council-kent',
          role: 'council',
          organisation_id: 'council-886',
          action: 'read',
          target: 'series:placements_3plus',
          detail: {
            indicator: 'placements_3plus',
            subjects: ['council:886'],
            source: null,
            fromPeriod: 2025,
            toPeriod: null,
          },
        },
        expect.objectContaining({
          target: 'series:placements_3plus',
          detail: expect.objectContaining({ subjects: ['practice:swp-kent'] }),
        }),
      ]);
    });

    it('records a practice reading a peer by the real id, and nothing for published-only reads', async () => {
      const before = (await auditRows()).length;
      await execute(
        database,
        testViewers.practiceKent,
        `{ series(indicatorId: "placements_3plus", subjects: [{ kind: PRACTICE, id: "${anonymousPracticeIdOf('swp-kent-b')}" }]) { periods } }`,
      );
      await execute(
        database,
        testViewers.councilKent,
        `{ series(indicatorId: "placements_3plus", subjects: [{ kind: COUNCIL, id: "312" }], toPeriod: 2024) { periods } }`,
      );
      const rows = (await auditRows()).slice(before);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ user_id: 'demo-practice-kent', detail: { subjects: ['practice:swp-kent-b'] } });
    });

    it('can be read by admins only, filtered by user and action', async () => {
      const query = `{ auditLog(limit: 10, userId: "demo-council-kent", action: "read") { userId role organisationId action target detail at } }`;
      const admin = await execute(database, testViewers.admin, query);
      expect(admin.errors).toBeUndefined();
      expect(admin.data.auditLog.length).toBeGreaterThanOrEqual(2);
      for (const row of admin.data.auditLog) {
        expect(row).toMatchObject({
          userId: 'demo-council-kent',
          role: 'council',
          organisationId: 'council-886',
          action: 'read',
        });
        expect(JSON.parse(row.detail).indicator).toBe('placements_3plus');
        expect(new Date(row.at).toString()).not.toBe('Invalid Date');
      }
      for (const viewer of ['policy', 'councilKent', 'practiceKent'] as const) {
        const denied = await execute(database, testViewers[viewer], query);
        expect(denied.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
        expect(denied.data).toBeNull();
      }
      const bad = await execute(database, testViewers.admin, '{ auditLog(limit: 0) { id } }');
      expect(bad.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
      // A huge limit costs too much before it is even looked at.
      const huge = await execute(database, testViewers.admin, '{ auditLog(limit: 100000) { id } }');
      expect(huge.errors?.[0]?.extensions.code).toBe('QUERY_LIMIT');
    });
  });

  let pseudonyms = new Map<string, string>();
  function anonymousPracticeIdOf(id: string): string {
    return anonymousPracticeId(pseudonyms.get(id)!);
  }
  beforeAll(async () => {
    const rows = await database.rows<{ id: string; pseudonym: string }>(sql`SELECT id, pseudonym FROM practices`);
    pseudonyms = new Map(rows.map((r) => [r.id, r.pseudonym]));
  });
});
