/**
 * The gateway over HTTP, on one seeded database per engine (testing.ts in @continuity/schema:
 * `seedFixture` + `seedComputedFixture`, worked by hand there):
 * - the read path as the dashboard uses it (policy's view);
 * - sign-in: bearer tokens refused for every reason with one generic 401, the demo sign-in and JWKS
 *   routes, and a gateway verifying against another's JWKS URL;
 * - guards: hostile queries refused before any SQL runs, batching off, the request timeout, and the
 *   audit trail (written before the response leaves; withheld if it cannot be).
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SignJWT, base64url } from 'jose';
import { sql } from 'drizzle-orm';
import { createKeyStore, demoUsers, signToken, type KeyStore } from '@continuity/access';
import type { Database } from '@continuity/db';
import { openTestDatabase, testEngines } from '@continuity/db/testing';
import { catalogue } from '@continuity/indicators';
import { seedComputedFixture, seedFixture, testViewers } from '@continuity/schema/testing';
import { upsertDemoDirectory, type DemoListing } from './auth/demo';
import { startServer, type RunningServer } from './server';
import { TEST_AUDIENCE, TEST_ISSUER, post, testKeys, type TestKeys } from './testing';

const HOUR = 3600;

const nest = (depth: number) =>
  `{ councils { ${'statisticalNeighbours { '.repeat(depth - 2)}code${' }'.repeat(depth - 2)} } }`;

const hostile: [string, string, string][] = [
  ['deep nesting', nest(20), 'QUERY_LIMIT'],
  ['100 aliases', `{ ${Array.from({ length: 100 }, (_, i) => `a${i}: councils { code }`).join(' ')} }`, 'QUERY_LIMIT'],
  ['a huge token count', `{ regions { ${'code '.repeat(10_000)}} }`, 'GRAPHQL_PARSE_FAILED'],
  [
    'a costly list',
    '{ councils { statisticalNeighbours { statisticalNeighbours { statisticalNeighbours { practices { councils { name } } } } } } }',
    'QUERY_LIMIT',
  ],
  [
    'depth behind fragments and a cheap decoy',
    `query { regions { code } councils { ...A } }
     fragment A on Council { statisticalNeighbours { ...B } }
     fragment B on Council { statisticalNeighbours { ...C } }
     fragment C on Council { statisticalNeighbours { statisticalNeighbours { statisticalNeighbours { statisticalNeighbours { statisticalNeighbours { code } } } } } }`,
    'QUERY_LIMIT',
  ],
];

describe.each(testEngines())('gateway over HTTP on %s', (engine) => {
  let database: Database;
  let server: RunningServer;
  let keys: TestKeys;
  let store: KeyStore;
  let dir: string;
  let token: string;
  let listing: DemoListing[];
  let statements: string[] = [];
  const keyFile = () => keys.keyFile;
  const tokenFor = (viewer: keyof typeof testViewers) => keys.token(testViewers[viewer]);

  beforeAll(async () => {
    // The token's directory lookup (auth/directory.ts: one primary-key read per request) is not counted:
    // "before any SQL" means before any of the request's own.
    const directoryLookup = /from "users" inner join "organisations"/i;
    database = await openTestDatabase(engine, {
      logger: (query) => void (directoryLookup.test(query) || statements.push(query)),
    });
    await seedFixture(database);
    await seedComputedFixture(database);
    keys = await testKeys();
    store = keys.store;
    dir = keys.dir;
    token = await keys.token(testViewers.policy);
    listing = await upsertDemoDirectory(database);
    server = await startServer({
      database,
      port: 0,
      nodeEnv: 'test',
      keyStore: store,
      demoSignIn: { users: listing, tokenSeconds: 8 * HOUR },
    });
  });
  afterAll(async () => {
    await server?.stop();
    await database?.close();
    keys?.dispose();
  });

  describe('read path', () => {
    /** POSTs a query as the dashboard does, signed in as policy; returns data and how many SQL statements it ran. */
    async function query(source: string, variables?: Record<string, unknown>) {
      statements = [];
      const result = await post(server.url, source, { token, variables });
      return { ...result, statements: statements.length };
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
              id: 'swp-kent-b',
              name: 'Kent Practice B',
              model: 'third_sector',
              wave: null,
              started: '2012-04-01',
              ended: null,
              councils: [{ code: '886' }],
            },
            {
              id: 'swp-kent-c',
              name: 'Kent Practice C',
              model: 'private_company',
              wave: null,
              started: '2012-04-01',
              ended: null,
              councils: [{ code: '886' }],
            },
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
      expect(result.data.all.map((p: any) => p.id)).toEqual([
        'swp-hillingdon',
        'swp-kent-b',
        'swp-kent-c',
        'swp-kent',
        'swp-styne',
        'swp-ntyne',
      ]);
      expect(result.data.tyne).toEqual([
        {
          name: 'Tyne Practice',
          councils: [
            { code: '392', name: 'North Tyneside' },
            { code: '929', name: 'Northumberland' },
          ],
        },
      ]);
      expect(result.data.one).toEqual({ model: null, councils: [{ code: '393' }] });
      expect(result.data.pilotWaves).toEqual([
        { wave: 1, name: 'First wave', startYear: 2009, councils: [{ code: '312' }, { code: '886' }] },
        {
          wave: 2,
          name: 'Second wave',
          startYear: 2011,
          councils: [{ code: '392' }, { code: '929' }, { code: '393' }],
        },
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
      expect(result.data.indicator).toMatchObject({
        area: 'STABILITY',
        polarity: 'LOWER_BETTER',
        decimals: 0,
        scale: 100,
      });
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
      query Series($subjects: [SubjectInput!]!, $from: Int, $to: Int = 2024, $source: ValueSource) {
        series(indicatorId: "placements_3plus", subjects: $subjects, fromPeriod: $from, toPeriod: $to, source: $source) {
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
        {
          period: 2023,
          value: 10,
          numerator: 100,
          denominator: 1000,
          symbol: null,
          source: 'PUBLISHED',
          rank: 1,
          rankOutOf: 1,
          quartile: null,
        },
        // 11 councils with a number (Kingston is suppressed); Kent ties South Tyneside on 9 behind
        // Hounslow 7 and North Tyneside 8: rank 3. LAIT's quartile: sorted 7 8 9 9 10 10 11 12 12 13 14,
        // Q25 at position (11 - 1) x 0.25 = 2.5, between 9 and 9 = 9; Kent's 9 <= Q25: quartile 1.
        {
          period: 2024,
          value: 9,
          numerator: 90,
          denominator: 1000,
          symbol: null,
          source: 'PUBLISHED',
          rank: 3,
          rankOutOf: 11,
          quartile: 1,
        },
      ]);
      expect(kent.region).toEqual([{ period: 2024, value: 10.5 }]);
      // Medway 20/200, East Sussex 13/100, Hampshire 60/500: 93 / 800 x 100.
      expect(kent.neighbourAverage).toEqual([{ period: 2024, value: 11.625, numerator: 93, denominator: 800 }]);

      expect(tyne.subject).toEqual({ kind: 'PRACTICE', id: 'swp-ntyne', name: 'Tyne Practice' });
      // 4 children of 40: a small count, suppressed for policy, who does not own the practice.
      expect(tyne.points).toEqual([
        {
          period: 2024,
          value: null,
          numerator: null,
          denominator: 40,
          symbol: 'c',
          source: 'COMPUTED',
          rank: null,
          rankOutOf: null,
          quartile: null,
        },
      ]);
      // Anchored on North Tyneside (392): North East, and 392's neighbours 390, 391, 393 = 31 / 300 x 100.
      expect(tyne.region).toEqual([{ period: 2024, value: 9.9 }]);
      expect(tyne.neighbourAverage).toHaveLength(1);
      expect(tyne.neighbourAverage[0].value).toBeCloseTo(10.3333333, 6);
    });

    it('shows a suppressed council as a symbol with no rank', async () => {
      const result = await query(seriesQuery, { subjects: [{ kind: 'COUNCIL', id: '314' }], from: 2024 });
      expect(result.data.series.lines[0].points).toEqual([
        {
          period: 2024,
          value: null,
          numerator: null,
          denominator: 100,
          symbol: 'c',
          source: 'PUBLISHED',
          rank: null,
          rankOutOf: 11,
          quartile: null,
        },
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
      // the indicator, the subjects, every value in one pass; then the computed table and the practice
      // links for disclosure control (policy could see computed neighbours)
      expect(one.statements).toBe(5);
      expect(eight.statements).toBe(5);
    });

    it('rejects bad input with a code, not a stack', async () => {
      const result = await query(`{ series(indicatorId: "nope", subjects: []) { periods } }`);
      expect(result.errors?.[0]).toMatchObject({
        message: 'Unknown indicator: nope',
        extensions: { code: 'BAD_USER_INPUT' },
      });
      const invalid = await query(`{ councils { nope } }`);
      expect(invalid.status).toBe(400);
      expect(invalid.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    });

    it('blocks simple cross-site requests (CSRF prevention)', async () => {
      const get = await fetch(`${server.url}?query=${encodeURIComponent('{ regions { code } }')}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(get.status).toBe(400);
      const form = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'text/plain', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: '{ regions { code } }' }),
      });
      expect(form.status).toBe(400);
      const preflighted = await fetch(`${server.url}?query=${encodeURIComponent('{ regions { code } }')}`, {
        headers: { 'apollo-require-preflight': 'true', authorization: `Bearer ${token}` },
      });
      expect(preflighted.status).toBe(200);
      expect(((await preflighted.json()) as any).data.regions).toHaveLength(3);
    });

    it('allows CORS for localhost origins only', async () => {
      const preflight = (origin: string) =>
        fetch(server.url, {
          method: 'OPTIONS',
          headers: {
            origin,
            'access-control-request-method': 'POST',
            'access-control-request-headers': 'content-type',
          },
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
      const production = await startServer({ database, port: 0, nodeEnv: 'production', keyStore: keys.store });
      try {
        const body = await post(production.url, '{ __schema { queryType { name } } }', { token });
        expect(body.errors![0].message).toMatch(/introspection/i);
        expect(body.errors![0].extensions.stacktrace).toBeUndefined();
        // No field suggestions either: they would describe the schema.
        const typo = await post(production.url, '{ councils { nme } }', { token });
        expect(typo.status).toBe(400);
        expect(typo.errors![0].message).toBe('Cannot query field "nme" on type "Council".');
        expect(typo.errors![0].extensions.stacktrace).toBeUndefined();
      } finally {
        await production.stop();
      }
    });
  });

  describe('sign-in', () => {
    const me = '{ me { userId role } }';

    it('answers a valid token with its viewer', async () => {
      const result = await post(server.url, me, {
        token: await signToken(store, testViewers.councilKent, { expiresIn: 60 }),
      });
      expect(result.status).toBe(200);
      expect(result.data).toEqual({ me: { userId: 'demo-council-kent', role: 'COUNCIL' } });
    });

    it('treats no token as anonymous: every data field UNAUTHENTICATED, health open', async () => {
      const result = await post(server.url, '{ me { userId } councils { code } }');
      expect(result.status).toBe(200);
      expect(result.data).toBeNull();
      expect(result.errors!.length).toBeGreaterThan(0);
      for (const error of result.errors!)
        expect([error.message, error.extensions]).toEqual(['Not signed in', { code: 'UNAUTHENTICATED' }]);
      const nullable = await post(server.url, '{ council(code: "886") { name } }');
      expect(nullable.data).toEqual({ council: null });
      expect(nullable.errors!.map((e) => e.extensions.code)).toEqual(['UNAUTHENTICATED']);
      expect((await fetch(`${server.origin}/health`)).status).toBe(200);
    });

    /** Tokens wrong in one way each; the same store's key unless said otherwise. */
    const rejected: [string, () => Promise<string>][] = [
      [
        'expired',
        async () => {
          const past = await createKeyStore({
            localKeyFile: keyFile(),
            issuer: TEST_ISSUER,
            audience: TEST_AUDIENCE,
            clock: () => new Date(Date.now() - 2 * HOUR * 1000),
          });
          return signToken(past, testViewers.policy, { expiresIn: HOUR });
        },
      ],
      [
        'signed with another key',
        async () => {
          const other = await createKeyStore({
            localKeyFile: join(dir, 'other.json'),
            issuer: TEST_ISSUER,
            audience: TEST_AUDIENCE,
          });
          return signToken(other, testViewers.admin, { expiresIn: HOUR });
        },
      ],
      [
        'for another audience',
        async () => {
          const other = await createKeyStore({ localKeyFile: keyFile(), issuer: TEST_ISSUER, audience: 'another-api' });
          return signToken(other, testViewers.admin, { expiresIn: HOUR });
        },
      ],
      [
        'from another issuer',
        async () => {
          const other = await createKeyStore({
            localKeyFile: keyFile(),
            issuer: 'https://evil.example',
            audience: TEST_AUDIENCE,
          });
          return signToken(other, testViewers.admin, { expiresIn: HOUR });
        },
      ],
      [
        'unsigned (alg none)',
        async () => {
          const header = base64url.encode(JSON.stringify({ alg: 'none', typ: 'JWT' }));
          const now = Math.floor(Date.now() / 1000);
          const claims = {
            sub: 'demo-admin',
            role: 'admin',
            org_kind: 'department',
            org_id: 'dfe',
            iss: TEST_ISSUER,
            aud: TEST_AUDIENCE,
            exp: now + HOUR,
          };
          return `${header}.${base64url.encode(JSON.stringify(claims))}.`;
        },
      ],
      [
        'tampered (role raised after signing)',
        async () => {
          const [header, payload, signature] = (await signToken(store, testViewers.policy, { expiresIn: HOUR })).split(
            '.',
          );
          const claims = JSON.parse(new TextDecoder().decode(base64url.decode(payload!)));
          return `${header}.${base64url.encode(JSON.stringify({ ...claims, role: 'admin' }))}.${signature}`;
        },
      ],
      [
        'with claims that make no viewer (a practice role at a council)',
        async () =>
          new SignJWT({ role: 'practice', org_kind: 'council', org_id: '886' })
            .setProtectedHeader({ alg: 'ES256', kid: store.signing!.kid })
            .setSubject('odd')
            .setIssuer(TEST_ISSUER)
            .setAudience(TEST_AUDIENCE)
            .setIssuedAt()
            .setExpirationTime('1h')
            .sign(store.signing!.key),
      ],
      ['not a JWT', async () => 'not-a-token'],
    ];

    it.each(rejected)('refuses a token %s with a generic 401, before any SQL', async (_why, make) => {
      const token = await make();
      statements = [];
      const result = await post(server.url, '{ councils { code } }', { token });
      expect(result.status).toBe(401);
      expect(result.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
      expect(result.data).toBeUndefined();
      expect(result.errors).toEqual([{ message: 'Authentication failed', extensions: { code: 'UNAUTHENTICATED' } }]);
      expect(statements).toEqual([]);
    });

    it('refuses an Authorization header that is not a bearer token', async () => {
      for (const authorization of ['Basic dXNlcjpwYXNz', 'Bearer', '']) {
        const response = await fetch(server.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization },
          body: JSON.stringify({ query: me }),
        });
        expect(response.status, authorization).toBe(401);
      }
    });

    describe('demo sign-in', () => {
      it('lists one demo user per role, with its organisation', async () => {
        const response = await fetch(`${server.origin}/auth/demo-users`);
        expect(response.status).toBe(200);
        const body = (await response.json()) as { users: DemoListing[] };
        expect(body.users.map((u) => u.id)).toEqual(demoUsers.map((u) => u.viewer.userId));
        expect(body.users.find((u) => u.id === 'demo-council-kent')).toEqual({
          id: 'demo-council-kent',
          name: 'Tom Hughes (Kent County Council)',
          role: 'council',
          organisation: { kind: 'council', id: '886', name: 'Kent' },
          title: 'Council: Kent (886)',
          description: expect.any(String),
        });
      });

      it('issues an 8-hour token for a demo user that the API accepts', async () => {
        const response = await fetch(`${server.origin}/auth/demo-token`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ userId: 'demo-practice-kent' }),
        });
        expect(response.status).toBe(200);
        const body = (await response.json()) as { token: string; tokenType: string; expiresIn: number };
        expect(body).toMatchObject({ tokenType: 'Bearer', expiresIn: 8 * HOUR });
        const claims = JSON.parse(new TextDecoder().decode(base64url.decode(body.token.split('.')[1]!)));
        expect(claims.exp - claims.iat).toBe(8 * HOUR);
        const result = await post(server.url, me, { token: body.token });
        expect(result.data).toEqual({ me: { userId: 'demo-practice-kent', role: 'PRACTICE' } });
      });

      it('refuses anyone but a demo user, and anything but JSON', async () => {
        const ask = (body: string, type = 'application/json') =>
          fetch(`${server.origin}/auth/demo-token`, { method: 'POST', headers: { 'content-type': type }, body });
        expect((await ask(JSON.stringify({ userId: 'someone-else' }))).status).toBe(404);
        expect((await ask('{not json')).status).toBe(400);
        expect((await ask(JSON.stringify({ userId: 'demo-admin' }), 'text/plain')).status).toBe(415);
      });

      it('serves the public key at /.well-known/jwks.json, and no private part', async () => {
        const response = await fetch(`${server.origin}/.well-known/jwks.json`);
        const jwks = (await response.json()) as { keys: Record<string, string>[] };
        expect(jwks.keys).toHaveLength(1);
        expect(jwks.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', kid: store.signing!.kid });
        expect(jwks.keys[0]!.d).toBeUndefined();
      });

      it('writes the demo organisations and users into the directory, which admins can list', async () => {
        const token = await signToken(store, testViewers.admin, { expiresIn: 60 });
        const result = await post(
          server.url,
          '{ organisations { id kind name } users { id role organisation { id } } }',
          { token },
        );
        expect(result.data.organisations).toEqual(
          expect.arrayContaining([
            { id: 'dfe', kind: 'DEPARTMENT', name: 'Department for Education' },
            { id: 'council-886', kind: 'COUNCIL', name: 'Kent' },
            { id: 'practice-swp-kent', kind: 'PRACTICE', name: 'Kent Social Work Practice' },
          ]),
        );
        expect(result.data.users).toHaveLength(demoUsers.length);
        // Idempotent: a second start changes nothing.
        await upsertDemoDirectory(database);
        const again = await post(server.url, '{ users { id } }', { token });
        expect(again.data.users).toHaveLength(demoUsers.length);
      });

      it('is not served when demo sign-in is off (production default)', async () => {
        const production = await startServer({ database, port: 0, nodeEnv: 'production', keyStore: store });
        try {
          expect((await fetch(`${production.origin}/auth/demo-users`)).status).toBe(404);
          const token = await fetch(`${production.origin}/auth/demo-token`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ userId: 'demo-admin' }),
          });
          expect(token.status).toBe(404);
        } finally {
          await production.stop();
        }
      });
    });

    it("verifies tokens against an identity provider's JWKS URL", async () => {
      // This gateway plays the identity provider: its /.well-known/jwks.json is the key set.
      const remote = await createKeyStore({
        jwksUrl: `${server.origin}/.well-known/jwks.json`,
        issuer: TEST_ISSUER,
        audience: TEST_AUDIENCE,
      });
      const relying = await startServer({ database, port: 0, nodeEnv: 'test', keyStore: remote });
      try {
        const good = await post(relying.url, me, {
          token: await signToken(store, testViewers.policy, { expiresIn: 60 }),
        });
        expect(good.data).toEqual({ me: { userId: 'demo-policy', role: 'POLICY' } });
        const other = await createKeyStore({
          localKeyFile: join(dir, 'stranger.json'),
          issuer: TEST_ISSUER,
          audience: TEST_AUDIENCE,
        });
        const bad = await post(relying.url, me, {
          token: await signToken(other, testViewers.policy, { expiresIn: 60 }),
        });
        expect(bad.status).toBe(401);
        // No demo sign-in without a local key to sign with.
        expect((await fetch(`${relying.origin}/auth/demo-users`)).status).toBe(404);
      } finally {
        await relying.stop();
      }
    });
  });

  describe('guards', () => {
    it.each(hostile)('refuses %s with 400 before any SQL', async (_name, source, code) => {
      const bearer = await tokenFor('policy');
      statements = [];
      const result = await post(server.url, source, { token: bearer });
      expect(result.status).toBe(400);
      expect(result.data).toBeUndefined();
      expect(result.errors?.[0]?.extensions.code).toBe(code);
      expect(statements).toEqual([]);
    });

    it('takes its limits from configuration', async () => {
      const strict = await startServer({
        database,
        port: 0,
        keyStore: keys.store,
        limits: { maxAliases: 1, maxDepth: 2 },
      });
      try {
        const bearer = await tokenFor('policy');
        const aliases = await post(strict.url, '{ a: regions { code } b: regions { code } }', { token: bearer });
        expect(aliases.errors?.[0]?.message).toBe('Query has 2 aliases; the limit is 1');
        const deep = await post(strict.url, '{ councils { region { code } } }', { token: bearer });
        expect(deep.errors?.[0]?.message).toBe('Query depth 3 is over the limit of 2');
      } finally {
        await strict.stop();
      }
    });

    it('refuses batched requests', async () => {
      const response = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await tokenFor('policy')}` },
        body: JSON.stringify([{ query: '{ regions { code } }' }, { query: '{ regions { name } }' }]),
      });
      expect(response.status).toBe(400);
    });

    it('answers 503 when a request runs out of time, and starts no SQL after', async () => {
      const slow = await startServer({
        database,
        port: 0,
        keyStore: keys.store,
        requestTimeoutMs: 100,
        // Holds the request past the timeout before execution starts.
        apolloPlugins: [
          {
            async requestDidStart() {
              return { didResolveOperation: () => new Promise((resolve) => setTimeout(resolve, 400)) };
            },
          },
        ],
      });
      try {
        const bearer = await tokenFor('policy');
        statements = [];
        const result = await post(slow.url, '{ councils { code } }', { token: bearer });
        expect(result.status).toBe(503);
        expect(result.errors).toEqual([{ message: 'Request timed out', extensions: { code: 'TIMEOUT' } }]);
        await new Promise((resolve) => setTimeout(resolve, 600));
        expect(statements.filter((s) => !/audit_log/.test(s))).toEqual([]);
      } finally {
        await slow.stop();
      }
    });

    describe('audit', () => {
      const rows = () =>
        database.rows<{ user_id: string; action: string; target: string }>(
          sql`SELECT user_id, action, target FROM audit_log ORDER BY id`,
        );
      const kentComputed =
        '{ series(indicatorId: "placements_3plus", subjects: [{ kind: COUNCIL, id: "886" }], fromPeriod: 2025) { lines { points { numerator } } } }';

      it('writes who read which child-derived figures, before answering; admins read it back', async () => {
        const before = (await rows()).length;
        const result = await post(server.url, kentComputed, { token: await tokenFor('councilKent') });
        expect(result.data.series.lines[0].points).toEqual([{ numerator: 40 }]);
        expect((await rows()).slice(before)).toEqual([
          { user_id: 'demo-council-kent', action: 'read', target: 'series:placements_3plus' },
        ]);

        const log = await post(server.url, '{ auditLog(limit: 1) { userId action target } }', {
          token: await tokenFor('admin'),
        });
        expect(log.data.auditLog).toEqual([
          { userId: 'demo-council-kent', action: 'read', target: 'series:placements_3plus' },
        ]);
        const denied = await post(server.url, '{ auditLog(limit: 1) { userId } }', { token: await tokenFor('policy') });
        expect(denied.errors).toEqual([
          { message: 'Not allowed', path: ['auditLog'], extensions: { code: 'FORBIDDEN' } },
        ]);
      });

      it('withholds the figures when the audit row cannot be written', async () => {
        const production = await startServer({ database, port: 0, nodeEnv: 'production', keyStore: keys.store });
        await database.rows(sql`ALTER TABLE audit_log RENAME TO audit_log_away`);
        const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
        try {
          const result = await post(production.url, kentComputed, { token: await tokenFor('councilKent') });
          expect(result.status).toBe(500);
          expect(result.data).toBeUndefined();
          expect(result.errors).toEqual([
            { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } },
          ]);
          expect(logged).toHaveBeenCalledWith('audit write failed; response withheld', expect.anything());
        } finally {
          logged.mockRestore();
          await database.rows(sql`ALTER TABLE audit_log_away RENAME TO audit_log`);
          await production.stop();
        }
      });
    });
  });
});
