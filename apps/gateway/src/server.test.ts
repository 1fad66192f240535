import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@continuity/db';
import { openTestDatabase, testEngines } from '@continuity/db/testing';
import { catalogue } from '@continuity/indicators';
import { seedFixture } from '@continuity/schema/testing';
import { startServer, type RunningServer } from './server';

describe.each(testEngines())('gateway over HTTP on %s', (engine) => {
  let database: Database;
  let server: RunningServer;
  let statements = 0;
  beforeAll(async () => {
    database = await openTestDatabase(engine, { logger: () => void (statements += 1) });
    await seedFixture(database);
    server = await startServer({ database, port: 0, nodeEnv: 'test' });
  });
  afterAll(async () => {
    await server?.stop();
    await database?.close();
  });

  /** POSTs a query as the dashboard does; returns data and how many SQL statements it ran. */
  async function query(source: string, variables?: Record<string, unknown>) {
    statements = 0;
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: source, variables }),
    });
    const body = (await response.json()) as { data?: any; errors?: any[] };
    return { status: response.status, ...body, statements };
  }

  it('lists councils filtered by region and pilot wave', async () => {
    const q = `query ($region: ID, $wave: Int) { councils(region: $region, pilotWave: $wave) { name pilotWave } }`;
    const north = await query(q, { region: 'E12000001' });
    expect(north.errors).toBeUndefined();
    expect(north.data.councils.map((c: any) => c.name)).toEqual([
      'Gateshead',
      'Newcastle upon Tyne',
      'North Tyneside',
      'Northumberland',
      'South Tyneside',
    ]);
    const wave2 = await query(q, { wave: 2 });
    expect(wave2.data.councils).toEqual([
      { name: 'North Tyneside', pilotWave: 2 },
      { name: 'Northumberland', pilotWave: 2 },
      { name: 'South Tyneside', pilotWave: 2 },
    ]);
    expect((await query(q, { region: 'E12000001', wave: 1 })).data.councils).toEqual([]);
    expect((await query(`{ councils { code } }`)).data.councils).toHaveLength(12);
  });

  it('returns a council with its region, neighbours in order, and practices', async () => {
    const result = await query(`{
      council(code: "886") {
        code onsCode name pilotWave region { code name }
        statisticalNeighbours { code name }
        practices { id name model wave started ended councils { code } }
      }
      missing: council(code: "000") { code }
    }`);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      council: {
        code: '886',
        onsCode: 'E10000016',
        name: 'Kent',
        pilotWave: 1,
        region: { code: 'E12000008', name: 'South East' },
        statisticalNeighbours: [
          { code: '887', name: 'Medway' },
          { code: '845', name: 'East Sussex' },
          { code: '850', name: 'Hampshire' },
        ],
        practices: [
          {
            id: 'swp-kent',
            name: 'Kent Social Work Practice',
            model: 'partnership',
            wave: 1,
            started: '2010-01-04',
            ended: null,
            councils: [{ code: '886' }],
          },
        ],
      },
      missing: null,
    });
  });

  it('lists practices, by council, and the pilot waves', async () => {
    const result = await query(`{
      all: practices { id }
      tyne: practices(councilCode: "929") { name councils { code name } }
      one: practice(id: "swp-styne") { model councils { code } }
      pilotWaves { wave name startYear councils { code } }
    }`);
    expect(result.errors).toBeUndefined();
    expect(result.data.all.map((p: any) => p.id)).toEqual(['swp-hillingdon', 'swp-kent', 'swp-styne', 'swp-ntyne']);
    expect(result.data.tyne).toEqual([
      { name: 'Tyne Practice', councils: [{ code: '392', name: 'North Tyneside' }, { code: '929', name: 'Northumberland' }] },
    ]);
    expect(result.data.one).toEqual({ model: null, councils: [{ code: '393' }] });
    expect(result.data.pilotWaves).toEqual([
      { wave: 1, name: 'First wave', startYear: 2009, councils: [{ code: '312' }, { code: '886' }] },
      { wave: 2, name: 'Second wave', startYear: 2011, councils: [{ code: '392' }, { code: '929' }, { code: '393' }] },
    ]);
  });

  it('lists indicators by outcome area, in catalogue order', async () => {
    const result = await query(`{
      indicators(area: WORKFORCE) { id area polarity unit }
      indicator(id: "placements_3plus") { title area polarity decimals scale periodType }
      outcomeAreas { area title indicators { id } }
    }`);
    expect(result.errors).toBeUndefined();
    const workforce = catalogue.filter((d) => d.area === 'workforce');
    expect(result.data.indicators.map((i: any) => i.id)).toEqual(workforce.map((d) => d.id));
    expect(result.data.indicators[0]).toMatchObject({ area: 'WORKFORCE', polarity: 'LOWER_BETTER', unit: 'percent' });
    expect(result.data.indicator).toMatchObject({ area: 'STABILITY', polarity: 'LOWER_BETTER', decimals: 0, scale: 100 });
    expect(result.data.outcomeAreas.map((a: any) => [a.area, a.title])).toEqual([
      ['STABILITY', 'Stability and continuity'],
      ['HEALTHY', 'Being healthy'],
      ['SAFE', 'Staying safe'],
      ['ENJOYING', 'Enjoying and achieving'],
      ['CONTRIBUTION', 'Making a positive contribution'],
      ['ECONOMIC', 'Achieving economic well-being'],
      ['WORKFORCE', 'Workforce'],
    ]);
    expect(result.data.outcomeAreas.flatMap((a: any) => a.indicators).length).toBe(catalogue.length);
  });

  const seriesQuery = /* GraphQL */ `
    query Series($subjects: [SubjectInput!]!, $from: Int, $source: ValueSource) {
      series(indicatorId: "placements_3plus", subjects: $subjects, fromPeriod: $from, source: $source) {
        indicator { id polarity }
        periods
        england { period value }
        lines {
          subject { kind id name }
          points { period value numerator denominator symbol source rank rankOutOf quartile }
          region { period value }
          neighbourAverage { period value numerator denominator }
        }
      }
    }`;

  it('answers a series with ranks and England, region and pooled neighbour comparators (fixture worked by hand)', async () => {
    const result = await query(seriesQuery, {
      subjects: [
        { kind: 'COUNCIL', id: '886' },
        { kind: 'PRACTICE', id: 'swp-ntyne' },
      ],
    });
    expect(result.errors).toBeUndefined();
    const { series } = result.data;
    expect(series.indicator).toEqual({ id: 'placements_3plus', polarity: 'LOWER_BETTER' });
    expect(series.periods).toEqual([2023, 2024]);
    expect(series.england).toEqual([
      { period: 2023, value: 8 },
      { period: 2024, value: 7 },
    ]);
    const [kent, tyne] = series.lines;
    expect(kent.subject).toEqual({ kind: 'COUNCIL', id: '886', name: 'Kent' });
    expect(kent.points).toEqual([
      { period: 2023, value: 10, numerator: 100, denominator: 1000, symbol: null, source: 'PUBLISHED', rank: 1, rankOutOf: 1, quartile: null },
      // 11 councils with a number (Kingston is suppressed); Kent ties South Tyneside on 9 behind
      // Hounslow 7 and North Tyneside 8: rank 3, quartile ceil(4 x 3 / 11) = 2.
      { period: 2024, value: 9, numerator: 90, denominator: 1000, symbol: null, source: 'PUBLISHED', rank: 3, rankOutOf: 11, quartile: 2 },
    ]);
    expect(kent.region).toEqual([{ period: 2024, value: 10.5 }]);
    // Medway 20/200, East Sussex 13/100, Hampshire 60/500: 93 / 800 x 100.
    expect(kent.neighbourAverage).toEqual([{ period: 2024, value: 11.625, numerator: 93, denominator: 800 }]);

    expect(tyne.subject).toEqual({ kind: 'PRACTICE', id: 'swp-ntyne', name: 'Tyne Practice' });
    expect(tyne.points).toEqual([
      { period: 2024, value: 10, numerator: 4, denominator: 40, symbol: null, source: 'COMPUTED', rank: null, rankOutOf: null, quartile: null },
    ]);
    // Anchored on North Tyneside (392): North East, and 392's neighbours 390, 391, 393 = 31 / 300 x 100.
    expect(tyne.region).toEqual([{ period: 2024, value: 9.9 }]);
    expect(tyne.neighbourAverage).toHaveLength(1);
    expect(tyne.neighbourAverage[0].value).toBeCloseTo(10.3333333, 6);
  });

  it('shows a suppressed council as a symbol with no rank', async () => {
    const result = await query(seriesQuery, { subjects: [{ kind: 'COUNCIL', id: '314' }], from: 2024 });
    expect(result.data.series.lines[0].points).toEqual([
      { period: 2024, value: null, numerator: null, denominator: 100, symbol: 'c', source: 'PUBLISHED', rank: null, rankOutOf: 11, quartile: null },
    ]);
  });

  it('runs a bounded number of statements: no N+1 for lists or for series', async () => {
    const councils = await query(`{
      councils { code region { name } statisticalNeighbours { code } practices { id } }
    }`);
    expect(councils.data.councils).toHaveLength(12);
    // councils, then one batch each for regions, neighbours and practices
    expect(councils.statements).toBe(4);

    const one = await query(seriesQuery, { subjects: [{ kind: 'COUNCIL', id: '886' }] });
    const eight = await query(seriesQuery, {
      subjects: ['886', '887', '845', '850', '390', '391', '392', '393'].map((id) => ({ kind: 'COUNCIL', id })),
    });
    expect(eight.data.series.lines).toHaveLength(8);
    // the indicator, the subjects, every value in one pass
    expect(one.statements).toBe(3);
    expect(eight.statements).toBe(3);
  });

  it('rejects bad input with a code, not a stack', async () => {
    const result = await query(`{ series(indicatorId: "nope", subjects: []) { periods } }`);
    expect(result.errors?.[0]).toMatchObject({ message: 'Unknown indicator: nope', extensions: { code: 'BAD_USER_INPUT' } });
    const invalid = await query(`{ councils { nope } }`);
    expect(invalid.status).toBe(400);
    expect(invalid.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('blocks simple cross-site requests (CSRF prevention)', async () => {
    const get = await fetch(`${server.url}?query=${encodeURIComponent('{ regions { code } }')}`);
    expect(get.status).toBe(400);
    const form = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ query: '{ regions { code } }' }),
    });
    expect(form.status).toBe(400);
    const preflighted = await fetch(`${server.url}?query=${encodeURIComponent('{ regions { code } }')}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(preflighted.status).toBe(200);
    expect(((await preflighted.json()) as any).data.regions).toHaveLength(3);
  });

  it('allows CORS for localhost origins only', async () => {
    const preflight = (origin: string) =>
      fetch(server.url, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
    const local = await preflight('http://localhost:5173');
    expect(local.status).toBe(204);
    expect(local.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(local.headers.get('access-control-allow-headers')).toContain('content-type');
    const foreign = await preflight('https://example.org');
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers /health, introspection in development, and 404 elsewhere', async () => {
    const health = await fetch(server.url.replace('/graphql', '/health'));
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    expect((await fetch(server.url.replace('/graphql', '/nowhere'))).status).toBe(404);
    const introspection = await query(`{ __schema { queryType { name } } }`);
    expect(introspection.data.__schema.queryType.name).toBe('Query');
  });

  it('turns introspection off in production', async () => {
    const production = await startServer({ database, port: 0, nodeEnv: 'production' });
    try {
      const response = await fetch(production.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __schema { queryType { name } } }' }),
      });
      const body = (await response.json()) as any;
      expect(body.errors[0].message).toMatch(/introspection/i);
      expect(body.errors[0].extensions.stacktrace).toBeUndefined();
    } finally {
      await production.stop();
    }
  });
});
