/**
 * Every role x every query: what each viewer gets from the API, including crafted queries (aliases,
 * fragments, another organisation's ids, filters, anonymous ids), asserting allowed, null (not
 * found), denied or suppressed. Fixture: testing.ts (`seedFixture` + `seedComputedFixture`, worked by
 * hand there).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymousPracticeId, assignPseudonyms, demoUsers, organisationRecordId } from '@continuity/access';
import type { Database } from '@continuity/db';
import { openTestDatabase, testEngines } from '@continuity/db/testing';
import { upsertDirectory } from './providers/directory';
import {
  TEST_PSEUDONYM_SECRET,
  computedFixture,
  execute,
  fixture,
  seedComputedFixture,
  seedFixture,
  testViewers,
} from './testing';

type ViewerKey = 'anonymous' | keyof typeof testViewers;
const VIEWERS: ViewerKey[] = [
  'anonymous',
  'policy',
  'admin',
  'councilKent',
  'councilOther',
  'practiceKent',
  'practiceOther',
];
const viewerFor = (key: ViewerKey) => (key === 'anonymous' ? null : testViewers[key]);

/** The pseudonyms the fixture gives (deterministic: HMAC under the tests' secret). */
const allPractices = [...fixture.practices.map((p) => p.id), ...computedFixture.practices.map((p) => p.id)];
const pseudonyms = assignPseudonyms(TEST_PSEUDONYM_SECRET, allPractices);
const pseudonym = (id: string) => pseudonyms.get(id)!;
const anon = (id: string) => anonymousPracticeId(pseudonym(id));
/** How a practice viewer sees a peer in a list. */
const peer = (id: string) => ({ id: anon(id), name: pseudonym(id) });
const peersOf = (own: string) =>
  allPractices
    .filter((id) => id !== own)
    .map(peer)
    .sort((a, b) => (a.name < b.name ? -1 : 1));

type Outcome = { allowed: unknown } | { denied: 'UNAUTHENTICATED' | 'FORBIDDEN' } | { badInput: string };

const allowed = (data: unknown): Outcome => ({ allowed: data });
const UNAUTHENTICATED: Outcome = { denied: 'UNAUTHENTICATED' };
const FORBIDDEN: Outcome = { denied: 'FORBIDDEN' };

interface Case {
  name: string;
  query: string;
  expect: Record<Exclude<ViewerKey, 'anonymous'>, Outcome> & { anonymous?: Outcome };
}

/** The same outcome for every signed-in viewer. */
const everyone = (outcome: Outcome) => ({
  policy: outcome,
  admin: outcome,
  councilKent: outcome,
  councilOther: outcome,
  practiceKent: outcome,
  practiceOther: outcome,
});

const kentPractices = ['swp-kent-b', 'swp-kent-c', 'swp-kent'];
const hillingdonPractice = { id: 'swp-hillingdon', name: 'Hillingdon Social Work Practice' };
const kentFull = {
  id: 'swp-kent',
  name: 'Kent Social Work Practice',
  model: 'partnership',
  councils: [{ code: '886' }],
};
const series = (args: string, selection: string) =>
  `{ series(indicatorId: "placements_3plus", ${args}) { ${selection} } }`;
const unknown = (subject: string): Outcome => ({ badInput: `Unknown subjects: ${subject}` });
const ENGLAND_2025 = { period: 2025, numerator: 100, denominator: 1040, symbol: null };

const cases: Case[] = [
  {
    name: 'councils (reference data, every council)',
    query: '{ councils { code } }',
    expect: everyone(allowed({ councils: expect.arrayContaining([{ code: '886' }, { code: '312' }]) })),
  },
  {
    name: "council(886).practices: Kent's three practices",
    query: '{ council(code: "886") { code practices { id } } }',
    expect: {
      policy: allowed({ council: { code: '886', practices: kentPractices.map((id) => ({ id })) } }),
      admin: allowed({ council: { code: '886', practices: kentPractices.map((id) => ({ id })) } }),
      councilKent: allowed({ council: { code: '886', practices: kentPractices.map((id) => ({ id })) } }),
      councilOther: allowed({ council: { code: '886', practices: [] } }),
      practiceKent: allowed({ council: { code: '886', practices: [{ id: 'swp-kent' }] } }),
      practiceOther: allowed({ council: { code: '886', practices: [] } }),
    },
  },
  {
    name: "council(312).practices: another council's practice",
    query: '{ council(code: "312") { name practices { id name } } }',
    expect: {
      policy: allowed({ council: { name: 'Hillingdon', practices: [hillingdonPractice] } }),
      admin: allowed({ council: { name: 'Hillingdon', practices: [hillingdonPractice] } }),
      councilKent: allowed({ council: { name: 'Hillingdon', practices: [] } }),
      councilOther: allowed({ council: { name: 'Hillingdon', practices: [hillingdonPractice] } }),
      practiceKent: allowed({ council: { name: 'Hillingdon', practices: [] } }),
      practiceOther: allowed({ council: { name: 'Hillingdon', practices: [hillingdonPractice] } }),
    },
  },
  {
    name: 'practices: all by name, own only, or own plus peers under pseudonyms',
    query: '{ practices { id name } }',
    expect: {
      policy: allowed({
        practices: [
          hillingdonPractice,
          { id: 'swp-kent-b', name: 'Kent Practice B' },
          { id: 'swp-kent-c', name: 'Kent Practice C' },
          { id: 'swp-kent', name: 'Kent Social Work Practice' },
          { id: 'swp-styne', name: 'South Tyneside Practice' },
          { id: 'swp-ntyne', name: 'Tyne Practice' },
        ],
      }),
      admin: allowed({ practices: expect.arrayContaining([hillingdonPractice]) }),
      councilKent: allowed({
        practices: [
          { id: 'swp-kent-b', name: 'Kent Practice B' },
          { id: 'swp-kent-c', name: 'Kent Practice C' },
          { id: 'swp-kent', name: 'Kent Social Work Practice' },
        ],
      }),
      councilOther: allowed({ practices: [hillingdonPractice] }),
      practiceKent: allowed({
        practices: [{ id: 'swp-kent', name: 'Kent Social Work Practice' }, ...peersOf('swp-kent')],
      }),
      practiceOther: allowed({ practices: [hillingdonPractice, ...peersOf('swp-hillingdon')] }),
    },
  },
  {
    name: 'practices(councilCode: 886): a filter that would tie peers to a council',
    query: '{ practices(councilCode: "886") { id } }',
    expect: {
      policy: allowed({ practices: kentPractices.map((id) => ({ id })) }),
      admin: allowed({ practices: kentPractices.map((id) => ({ id })) }),
      councilKent: allowed({ practices: kentPractices.map((id) => ({ id })) }),
      councilOther: allowed({ practices: [] }),
      practiceKent: allowed({ practices: [{ id: 'swp-kent' }] }),
      practiceOther: allowed({ practices: [] }),
    },
  },
  {
    name: "practices(councilCode: 312): another council's filter",
    query: '{ practices(councilCode: "312") { id } }',
    expect: {
      policy: allowed({ practices: [{ id: 'swp-hillingdon' }] }),
      admin: allowed({ practices: [{ id: 'swp-hillingdon' }] }),
      councilKent: allowed({ practices: [] }),
      councilOther: allowed({ practices: [{ id: 'swp-hillingdon' }] }),
      practiceKent: allowed({ practices: [] }),
      practiceOther: allowed({ practices: [{ id: 'swp-hillingdon' }] }),
    },
  },
  {
    name: 'practice(swp-kent) by its real id',
    query: '{ practice(id: "swp-kent") { id name model councils { code } } }',
    expect: {
      policy: allowed({ practice: kentFull }),
      admin: allowed({ practice: kentFull }),
      councilKent: allowed({ practice: kentFull }),
      councilOther: allowed({ practice: null }),
      practiceKent: allowed({ practice: kentFull }),
      // A peer's real id would confirm which pseudonym is whose: as if it did not exist.
      practiceOther: allowed({ practice: null }),
    },
  },
  {
    name: 'practice(swp-hillingdon) by its real id',
    query: '{ practice(id: "swp-hillingdon") { id name } }',
    expect: {
      policy: allowed({ practice: hillingdonPractice }),
      admin: allowed({ practice: hillingdonPractice }),
      councilKent: allowed({ practice: null }),
      councilOther: allowed({ practice: hillingdonPractice }),
      practiceKent: allowed({ practice: null }),
      practiceOther: allowed({ practice: hillingdonPractice }),
    },
  },
  {
    name: "practice(anonymous id of swp-kent): a peer's opaque id",
    query: `{ practice(id: "${anon('swp-kent')}") { id name model wave started councils { code } } }`,
    expect: {
      policy: allowed({ practice: null }),
      admin: allowed({ practice: null }),
      councilKent: allowed({ practice: null }),
      councilOther: allowed({ practice: null }),
      practiceKent: allowed({
        practice: { ...kentFull, model: 'partnership', wave: 1, started: '2010-01-04' },
      }),
      practiceOther: allowed({
        practice: {
          id: anon('swp-kent'),
          name: pseudonym('swp-kent'),
          model: null,
          wave: null,
          started: null,
          councils: [],
        },
      }),
    },
  },
  {
    name: 'aliases over own, other and missing ids',
    query:
      '{ a: practice(id: "swp-kent") { id } b: practice(id: "swp-hillingdon") { id } c: practice(id: "swp-nope") { id } }',
    expect: {
      policy: allowed({ a: { id: 'swp-kent' }, b: { id: 'swp-hillingdon' }, c: null }),
      admin: allowed({ a: { id: 'swp-kent' }, b: { id: 'swp-hillingdon' }, c: null }),
      councilKent: allowed({ a: { id: 'swp-kent' }, b: null, c: null }),
      councilOther: allowed({ a: null, b: { id: 'swp-hillingdon' }, c: null }),
      practiceKent: allowed({ a: { id: 'swp-kent' }, b: null, c: null }),
      practiceOther: allowed({ a: null, b: { id: 'swp-hillingdon' }, c: null }),
    },
  },
  {
    name: 'fragments: council(886) { ...C } with practices { ...P }',
    query: `query { council(code: "886") { ...C } }
      fragment C on Council { practices { ...P } }
      fragment P on Practice { id councils { code } }`,
    expect: {
      policy: allowed({ council: { practices: kentPractices.map((id) => ({ id, councils: [{ code: '886' }] })) } }),
      admin: allowed({ council: { practices: kentPractices.map((id) => ({ id, councils: [{ code: '886' }] })) } }),
      councilKent: allowed({
        council: { practices: kentPractices.map((id) => ({ id, councils: [{ code: '886' }] })) },
      }),
      councilOther: allowed({ council: { practices: [] } }),
      practiceKent: allowed({ council: { practices: [{ id: 'swp-kent', councils: [{ code: '886' }] }] } }),
      practiceOther: allowed({ council: { practices: [] } }),
    },
  },
  {
    name: 'pilotWaves.councils.practices',
    query: '{ pilotWaves { wave councils { code practices { id } } } }',
    expect: (() => {
      const waves = (kent: string[], hillingdon: string[], tyne: string[], styne: string[]) =>
        allowed({
          pilotWaves: [
            {
              wave: 1,
              councils: [
                { code: '312', practices: hillingdon.map((id) => ({ id })) },
                { code: '886', practices: kent.map((id) => ({ id })) },
              ],
            },
            {
              wave: 2,
              councils: [
                { code: '392', practices: tyne.map((id) => ({ id })) },
                { code: '929', practices: tyne.map((id) => ({ id })) },
                { code: '393', practices: styne.map((id) => ({ id })) },
              ],
            },
          ],
        });
      const all = waves(kentPractices, ['swp-hillingdon'], ['swp-ntyne'], ['swp-styne']);
      return {
        policy: all,
        admin: all,
        councilKent: waves(kentPractices, [], [], []),
        councilOther: waves([], ['swp-hillingdon'], [], []),
        practiceKent: waves(['swp-kent'], [], [], []),
        practiceOther: waves([], ['swp-hillingdon'], [], []),
      };
    })(),
  },
  {
    name: 'series, published figures of own and other councils (2024)',
    query: series(
      'subjects: [{ kind: COUNCIL, id: "886" }, { kind: COUNCIL, id: "312" }], fromPeriod: 2024, toPeriod: 2024',
      'lines { subject { id } points { numerator denominator value symbol rank } region { numerator } } england { numerator }',
    ),
    // Published DfE figures: everyone sees them exactly as published (the South East's 105 unrounded).
    expect: everyone(
      allowed({
        series: {
          lines: [
            {
              subject: { id: '886' },
              points: [{ numerator: 90, denominator: 1000, value: 9, symbol: null, rank: 3 }],
              region: [{ numerator: 105 }],
            },
            {
              subject: { id: '312' },
              points: [{ numerator: 14, denominator: 100, value: 14, symbol: null, rank: 11 }],
              region: [{ numerator: 120 }],
            },
          ],
          england: [{ numerator: 7000 }],
        },
      }),
    ),
  },
  {
    name: "series, Kent's computed figure (2025)",
    query: series(
      'subjects: [{ kind: COUNCIL, id: "886" }], fromPeriod: 2025',
      'lines { points { numerator denominator value symbol source } } england { period numerator denominator symbol }',
    ),
    expect: (() => {
      const seen = {
        lines: [{ points: [{ numerator: 40, denominator: 400, value: 10, symbol: null, source: 'COMPUTED' }] }],
      };
      const none = allowed({ series: { lines: [{ points: [] }], england: [] } });
      return {
        policy: allowed({ series: { ...seen, england: [ENGLAND_2025] } }),
        admin: allowed({ series: { ...seen, england: [ENGLAND_2025] } }),
        // Its own figure in full; England pooled from other councils' returns is withheld.
        councilKent: allowed({ series: { ...seen, england: [] } }),
        councilOther: none,
        practiceKent: none,
        practiceOther: none,
      };
    })(),
  },
  {
    name: "series, Hillingdon's small computed figure (4 of 50, 2025)",
    query: series(
      'subjects: [{ kind: COUNCIL, id: "312" }], fromPeriod: 2025',
      'lines { points { numerator denominator value symbol } }',
    ),
    expect: (() => {
      const suppressed = allowed({
        series: { lines: [{ points: [{ numerator: null, denominator: 50, value: null, symbol: 'c' }] }] },
      });
      const none = allowed({ series: { lines: [{ points: [] }] } });
      return {
        policy: suppressed,
        admin: suppressed,
        councilKent: none,
        councilOther: allowed({
          series: { lines: [{ points: [{ numerator: 4, denominator: 50, value: 8, symbol: null }] }] },
        }),
        practiceKent: none,
        practiceOther: none,
      };
    })(),
  },
  {
    name: 'series, practice swp-kent by real id (3 of 30)',
    query: series(
      'subjects: [{ kind: PRACTICE, id: "swp-kent" }], fromPeriod: 2025',
      'lines { subject { id name } points { numerator denominator value symbol } }',
    ),
    expect: (() => {
      const subject = { id: 'swp-kent', name: 'Kent Social Work Practice' };
      const full = allowed({
        series: { lines: [{ subject, points: [{ numerator: 3, denominator: 30, value: 10, symbol: null }] }] },
      });
      const suppressed = allowed({
        series: { lines: [{ subject, points: [{ numerator: null, denominator: 30, value: null, symbol: 'c' }] }] },
      });
      return {
        policy: suppressed,
        admin: suppressed,
        councilKent: full,
        councilOther: unknown('practice swp-kent'),
        practiceKent: full,
        practiceOther: unknown('practice swp-kent'),
      };
    })(),
  },
  {
    name: 'series, practice swp-kent by its anonymous id, with comparators',
    query: series(
      `subjects: [{ kind: PRACTICE, id: "${anon('swp-kent')}" }], fromPeriod: 2025`,
      'lines { subject { id name } points { numerator denominator value symbol } region { period } neighbourAverage { period } }',
    ),
    expect: {
      policy: unknown(`practice ${anon('swp-kent')}`),
      admin: unknown(`practice ${anon('swp-kent')}`),
      councilKent: unknown(`practice ${anon('swp-kent')}`),
      councilOther: unknown(`practice ${anon('swp-kent')}`),
      practiceKent: allowed({
        series: {
          lines: [
            {
              subject: { id: 'swp-kent', name: 'Kent Social Work Practice' },
              points: [{ numerator: 3, denominator: 30, value: 10, symbol: null }],
              region: [],
              neighbourAverage: [],
            },
          ],
        },
      }),
      // A peer: pseudonym, small count suppressed, no comparator that would name its council.
      practiceOther: allowed({
        series: {
          lines: [
            {
              subject: { id: anon('swp-kent'), name: pseudonym('swp-kent') },
              points: [{ numerator: null, denominator: 30, value: null, symbol: 'c' }],
              region: [],
              neighbourAverage: [],
            },
          ],
        },
      }),
    },
  },
  {
    name: 'series, computed region and England (source: COMPUTED, 2025)',
    query: series(
      'subjects: [{ kind: REGION, id: "E12000007" }, { kind: ENGLAND, id: "E92000001" }], fromPeriod: 2025, source: COMPUTED',
      'lines { points { numerator denominator symbol } }',
    ),
    expect: (() => {
      const pooled = allowed({
        series: {
          lines: [
            { points: [{ numerator: 40, denominator: 440, symbol: null }] },
            { points: [{ numerator: 100, denominator: 1040, symbol: null }] },
          ],
        },
      });
      const withheld = allowed({ series: { lines: [{ points: [] }, { points: [] }] } });
      return {
        policy: pooled,
        admin: pooled,
        councilKent: withheld,
        councilOther: withheld,
        practiceKent: withheld,
        practiceOther: withheld,
      };
    })(),
  },
  {
    name: 'indicators (the catalogue)',
    query: '{ indicator(id: "placements_3plus") { id unit } }',
    expect: everyone(allowed({ indicator: { id: 'placements_3plus', unit: 'percent' } })),
  },
  {
    name: 'me',
    query: '{ me { userId role organisation { kind id } } }',
    expect: {
      policy: allowed({
        me: { userId: 'demo-policy', role: 'POLICY', organisation: { kind: 'DEPARTMENT', id: 'dfe' } },
      }),
      admin: allowed({ me: { userId: 'demo-admin', role: 'ADMIN', organisation: { kind: 'DEPARTMENT', id: 'dfe' } } }),
      councilKent: allowed({
        me: { userId: 'demo-council-kent', role: 'COUNCIL', organisation: { kind: 'COUNCIL', id: '886' } },
      }),
      councilOther: allowed({
        me: { userId: 'demo-council-hillingdon', role: 'COUNCIL', organisation: { kind: 'COUNCIL', id: '312' } },
      }),
      practiceKent: allowed({
        me: { userId: 'demo-practice-kent', role: 'PRACTICE', organisation: { kind: 'PRACTICE', id: 'swp-kent' } },
      }),
      practiceOther: allowed({
        me: {
          userId: 'test-practice-hillingdon',
          role: 'PRACTICE',
          organisation: { kind: 'PRACTICE', id: 'swp-hillingdon' },
        },
      }),
    },
  },
  ...(
    [
      [
        'users',
        '{ users { id organisation { id } } }',
        { users: expect.arrayContaining([{ id: 'demo-admin', organisation: { id: 'dfe' } }]) },
      ],
      ['organisations', '{ organisations { id } }', { organisations: expect.arrayContaining([{ id: 'council-886' }]) }],
      ['auditLog', '{ auditLog(limit: 5) { action } }', { auditLog: expect.any(Array) }],
      [
        'auditLog through an alias and a fragment',
        '{ log: auditLog(limit: 1) { ...A } } fragment A on AuditEntry { userId }',
        { log: expect.any(Array) },
      ],
    ] as const
  ).map(
    ([name, query, data]): Case => ({
      name: `${name} (admin only)`,
      query,
      expect: {
        policy: FORBIDDEN,
        admin: allowed(data),
        councilKent: FORBIDDEN,
        councilOther: FORBIDDEN,
        practiceKent: FORBIDDEN,
        practiceOther: FORBIDDEN,
      },
    }),
  ),
];

const matrix = cases.flatMap((c) => VIEWERS.map((viewer) => [c.name, viewer, c] as const));

describe.each(testEngines())('access matrix on %s', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    await seedFixture(database);
    await seedComputedFixture(database);
    await upsertDirectory(database.db, {
      organisations: demoUsers
        .map(({ viewer }) => ({
          id: organisationRecordId(viewer.organisation),
          kind: viewer.organisation.kind,
          name: viewer.organisation.id,
          subjectId: viewer.organisation.kind === 'department' ? null : viewer.organisation.id,
        }))
        .filter((o, i, all) => all.findIndex((p) => p.id === o.id) === i),
      users: demoUsers.map(({ viewer }) => ({
        id: viewer.userId,
        name: viewer.name,
        email: `${viewer.userId}@example.test`,
        role: viewer.role,
        organisationId: organisationRecordId(viewer.organisation),
      })),
    });
  });
  afterAll(() => database?.close());

  it('the fixture gives the pseudonyms the matrix expects', async () => {
    const rows = await database.rows<{ id: string; pseudonym: string }>(
      (await import('drizzle-orm')).sql`SELECT id, pseudonym FROM practices`,
    );
    for (const row of rows) expect(row.pseudonym, row.id).toBe(pseudonym(row.id));
  });

  it.each(matrix)('%s: %s', async (_name, viewerKey, c) => {
    const outcome = viewerKey === 'anonymous' ? (c.expect.anonymous ?? UNAUTHENTICATED) : c.expect[viewerKey];
    const result = await execute(database, viewerFor(viewerKey), c.query);
    if ('allowed' in outcome) {
      expect(result.errors).toBeUndefined();
      expect(result.data).toEqual(outcome.allowed);
    } else if ('denied' in outcome) {
      expect(result.errors?.length).toBeGreaterThan(0);
      for (const error of result.errors!) {
        expect(error.extensions.code).toBe(outcome.denied);
        // Fixed messages: nothing about what exists or why.
        expect(error.message).toBe(outcome.denied === 'UNAUTHENTICATED' ? 'Not signed in' : 'Not allowed');
      }
      // Nothing of the denied fields comes back.
      for (const value of Object.values(result.data ?? {})) expect(value).toBeNull();
    } else {
      expect(result.errors?.map((e) => [e.message, e.extensions.code])).toEqual([[outcome.badInput, 'BAD_USER_INPUT']]);
      expect(result.data).toBeNull();
    }
  });

  it('covers every role on every query', () => {
    expect(matrix).toHaveLength(cases.length * VIEWERS.length);
  });

  describe('admin mutations', () => {
    const createOrganisation = `mutation ($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id kind name subjectId } }`;
    const createUser = `mutation ($input: CreateUserInput!) { createUser(input: $input) { id role email organisation { id kind } } }`;

    it('create an organisation and a user, validated, and audit both', async () => {
      const org = await execute(database, testViewers.admin, createOrganisation, {
        input: { kind: 'PRACTICE', subjectId: 'swp-kent-b', name: 'Kent Practice B' },
      });
      expect(org.errors).toBeUndefined();
      expect(org.data.createOrganisation).toEqual({
        id: 'practice-swp-kent-b',
        kind: 'PRACTICE',
        name: 'Kent Practice B',
        subjectId: 'swp-kent-b',
      });
      const user = await execute(database, testViewers.admin, createUser, {
        input: {
          id: 'kent-b-lead',
          name: 'B Lead',
          email: 'B.Lead@Example.test',
          role: 'PRACTICE',
          organisationId: 'practice-swp-kent-b',
        },
      });
      expect(user.errors).toBeUndefined();
      expect(user.data.createUser).toEqual({
        id: 'kent-b-lead',
        role: 'PRACTICE',
        email: 'b.lead@example.test',
        organisation: { id: 'practice-swp-kent-b', kind: 'PRACTICE' },
      });
      const log = await execute(
        database,
        testViewers.admin,
        '{ auditLog(limit: 2, userId: "demo-admin") { action target } }',
      );
      expect(log.data.auditLog).toEqual([
        { action: 'create_user', target: 'user:kent-b-lead' },
        { action: 'create_organisation', target: 'organisation:practice-swp-kent-b' },
      ]);
    });

    it.each([
      [
        'an unknown council',
        createOrganisation,
        { kind: 'COUNCIL', subjectId: '999', name: 'Nowhere' },
        'subjectId: no council 999',
      ],
      [
        'a malformed council code',
        createOrganisation,
        { kind: 'COUNCIL', subjectId: 'kent', name: 'Kent' },
        /^subjectId: /,
      ],
      [
        'a duplicate organisation',
        createOrganisation,
        { kind: 'DEPARTMENT', subjectId: 'dfe', name: 'Again' },
        'organisation dfe already exists',
      ],
      [
        'a role on the wrong kind of organisation',
        createUser,
        { id: 'x1', name: 'X', email: 'x1@example.test', role: 'ADMIN', organisationId: 'council-886' },
        'role: a admin user cannot belong to a council',
      ],
      [
        'an unknown organisation',
        createUser,
        { id: 'x2', name: 'X', email: 'x2@example.test', role: 'POLICY', organisationId: 'nope' },
        'organisationId: no organisation nope',
      ],
      [
        'a bad email',
        createUser,
        { id: 'x3', name: 'X', email: 'not-an-email', role: 'POLICY', organisationId: 'dfe' },
        /^email: /,
      ],
      [
        'a duplicate email',
        createUser,
        { id: 'x4', name: 'X', email: 'demo-admin@example.test', role: 'POLICY', organisationId: 'dfe' },
        'a user with that id or email already exists',
      ],
    ] as const)('refuse %s', async (_name, mutation, input, message) => {
      const result = await execute(database, testViewers.admin, mutation, { input });
      expect(result.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0]?.message).toMatch(message);
    });

    it('are refused to every other role, and write nothing', async () => {
      for (const viewer of ['policy', 'councilKent', 'practiceKent'] as const) {
        const result = await execute(database, testViewers[viewer], createUser, {
          input: {
            id: `sneaky-${viewer}`,
            name: 'S',
            email: `s-${viewer}@example.test`,
            role: 'ADMIN',
            organisationId: 'dfe',
          },
        });
        expect(result.errors?.map((e) => e.extensions.code)).toEqual(['FORBIDDEN']);
      }
      const users = await execute(database, testViewers.admin, '{ users { id } }');
      expect(users.data.users.map((u: { id: string }) => u.id).filter((id: string) => id.startsWith('sneaky'))).toEqual(
        [],
      );
    });
  });
});
