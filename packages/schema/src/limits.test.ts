/**
 * Hostile queries are refused before any SQL runs (the logger sees no statement), and every field
 * of the schema is behind a scope.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  getNamedType,
  graphql,
  isLeafType,
  isNonNullType,
  isObjectType,
  type GraphQLField,
  type GraphQLObjectType,
} from 'graphql';
import type { Database } from '@continuity/db';
import { openTestDatabase } from '@continuity/db/testing';
import { createContext } from './context';
import { DEFAULT_LIMITS } from './limits';
import { schema } from './schema';
import { execute, seedFixture, testViewers } from './testing';

const nest = (depth: number, leaf = 'code') =>
  `{ councils { ${'statisticalNeighbours { '.repeat(depth - 2)}${leaf}${' }'.repeat(depth - 2)} } }`;

const hostile: Record<string, string> = {
  'deep nesting (depth 12)': nest(12),
  '100 aliases': `{ ${Array.from({ length: 100 }, (_, i) => `a${i}: regions { code }`).join(' ')} }`,
  'a huge number of tokens': `{ regions { ${'code '.repeat(5000)}} }`,
  'a costly list within the depth limit':
    '{ councils { statisticalNeighbours { statisticalNeighbours { statisticalNeighbours { practices { councils { code } } } } } } }',
  'depth hidden in fragments': `query { councils { ...A } }
    fragment A on Council { statisticalNeighbours { ...B } }
    fragment B on Council { statisticalNeighbours { ...C } }
    fragment C on Council { statisticalNeighbours { ...D } }
    fragment D on Council { statisticalNeighbours { ...E } }
    fragment E on Council { statisticalNeighbours { statisticalNeighbours { statisticalNeighbours { code } } } }`,
  'a cheap field beside a costly one': `{ regions { code } ${'councils { statisticalNeighbours { '.repeat(1)}statisticalNeighbours { statisticalNeighbours { statisticalNeighbours { practices { id } } } } } } }`,
  'a wide selection': `{ ${Array.from({ length: 12 }, (_, i) => `a${i}: outcomeAreas { area title indicators { id title area unit polarity numerator denominator source method periodType decimals scale } }`).join(' ')} }`,
};

// One database for both suites: no SQL runs for what they test, so one engine shows it.
let database: Database;
let statements = 0;
beforeAll(async () => {
  database = await openTestDatabase('pglite', { logger: () => void (statements += 1) });
  await seedFixture(database);
});
afterAll(() => database?.close());

describe('query limits', () => {
  it.each(Object.entries(hostile))('refuses %s before any SQL', async (_name, source) => {
    statements = 0;
    const result = await execute(database, testViewers.policy, source);
    expect(result.data).toBeUndefined();
    expect(result.errors?.length).toBeGreaterThan(0);
    expect(result.errors!.every((e) => e.extensions.code === 'QUERY_LIMIT' || /tokens/.test(e.message))).toBe(true);
    expect(statements).toBe(0);
  });

  it('names the limit that was broken', async () => {
    const messages = async (source: string) =>
      (await execute(database, testViewers.policy, source)).errors!.map((e) => e.message);
    expect(await messages(hostile['deep nesting (depth 12)']!)).toContain('Query depth 12 is over the limit of 8');
    expect(await messages(hostile['100 aliases']!)).toEqual(['Query has 100 aliases; the limit is 15']);
    expect((await messages(hostile['a huge number of tokens']!))[0]).toMatch(/2000 tokens/);
    expect((await messages(hostile['a costly list within the depth limit']!))[0]).toMatch(
      /^Query cost \d+ is over the limit of 5000$/,
    );
  });

  it('lets the dashboard-sized queries through, at the limits exactly', async () => {
    statements = 0;
    const atDepth = await execute(database, testViewers.policy, nest(DEFAULT_LIMITS.maxDepth), {}, { maxCost: 1e9 });
    expect(atDepth.errors).toBeUndefined();
    const fifteen = `{ ${Array.from({ length: 15 }, (_, i) => `a${i}: regions { code }`).join(' ')} }`;
    expect((await execute(database, testViewers.policy, fifteen)).errors).toBeUndefined();
    expect(statements).toBeGreaterThan(0);
  });

  it('takes its limits from the context (configuration)', async () => {
    const strict = await execute(database, testViewers.policy, '{ councils { region { code } } }', {}, { maxDepth: 2 });
    expect(strict.errors?.[0]?.message).toBe('Query depth 3 is over the limit of 2');
  });

  it('still applies depth and cost when the schema is executed directly, before the first resolver', async () => {
    statements = 0;
    const result = await graphql({
      schema,
      source: hostile['a cheap field beside a costly one']!,
      contextValue: createContext({ database, viewer: testViewers.policy }),
    });
    expect(result.errors?.[0]?.extensions.code).toBe('QUERY_LIMIT');
    expect(result.data).toBeNull();
    expect(statements).toBe(0);
  });

  it('does not count introspection against the limits (it is off in production)', async () => {
    const deep = `{ __schema { types { fields { type { ofType { ofType { ofType { ofType { name } } } } } } } } }`;
    const result = await execute(database, null, deep);
    expect(result.errors).toBeUndefined();
  });
});

describe('every field is behind a scope', () => {
  const objectTypes = Object.values(schema.getTypeMap()).filter(
    (t): t is GraphQLObjectType => isObjectType(t) && !t.name.startsWith('__'),
  );

  it('holds only aggregate, reference and directory types: no child-level rows', () => {
    expect(objectTypes.map((t) => t.name).sort()).toEqual([
      'AuditEntry',
      // cohorts (issue 18): counts of a locked cohort of referred children, the contract's parties only
      'Cohort',
      'CohortCounts',
      'CohortOutcome',
      'ComparatorPoint',
      // continuity ledger (issue 15): counts and estimates per subject and year, never a worker or child
      'ContinuityHeadline',
      'ContinuityLedger',
      'ContinuityYear',
      'Contract',
      'ContractVersion',
      'Council',
      // council table (issue 16): DfE's published figures per council, with intervals
      'CouncilFunnel',
      'CouncilTable',
      'CouncilTableEngland',
      'CouncilTableRow',
      // a computed England or region figure's coverage: counts of councils
      'Coverage',
      // payments verification (issue 18): a dispute on a statement line and its events, words of the parties
      'Dispute',
      'DisputeEvent',
      'FunnelLimit',
      'Indicator',
      'Mutation',
      'Organisation',
      'OutcomeAreaGroup',
      'PartialRule',
      'PilotWave',
      'Practice',
      'Query',
      // rate cards (issue 18): prices, caps, and a statement's per-rate counts (aggregate, disclosure-controlled)
      'Rate',
      'RateCard',
      'RateCardLine',
      // reconciliation: a council's aggregate computed figure beside DfE's published one
      'ReconciledFigure',
      'ReconciliationRow',
      'Region',
      // returns: a submission's metadata and findings; an issue's value is the owners' only
      'ReturnIssue',
      'Series',
      'SeriesLine',
      'SeriesPoint',
      // payments (issue 18): a return a statement came from (submission id, content hash), as Submission
      'SourceReturn',
      // payments (issue 6): a statement line holds the practice's aggregate figure, never a child
      'Statement',
      'StatementFigure',
      'StatementLine',
      'Subject',
      'Submission',
      'SubmissionFile',
      'SurvivalEstimate',
      'SurvivalPoint',
      'TableCount',
      'Target',
      'TermIndicator',
      'Terms',
      'User',
      'ValueInterval',
      'Viewer',
      'ViewerOrganisation',
      'WorkerChangeCount',
    ]);
    const fields = objectTypes.flatMap((t) => Object.keys(t.getFields()).map((f) => `${t.name}.${f}`));
    expect(fields.filter((f) => /child|episode|dob|upn|postcode|birth|swid|sw_id/i.test(f))).toEqual([]);
  });

  it('sets signedIn on every object type, signedIn on Query and admin on Mutation', () => {
    const scopes = (t: GraphQLObjectType) =>
      (t.extensions as { pothosOptions?: { authScopes?: unknown } }).pothosOptions?.authScopes;
    for (const type of objectTypes) {
      const expected = type.name === 'Mutation' ? { admin: true } : { signedIn: true };
      expect(scopes(type), type.name).toEqual(expected);
    }
  });

  /** A minimal valid selection of a field, with required arguments filled in. */
  function minimalQuery(field: GraphQLField<unknown, unknown>, operation: 'query' | 'mutation'): string {
    const terms = '{ fixedFeePence: 0, outcomePotPence: 0, missingData: TREAT_AS_NOT_MET, indicators: [] }';
    const values: Record<string, string> = {
      code: '"886"',
      councilCode: '"886"',
      id: '"x"',
      organisationId: '"dfe"',
      indicatorId: '"placements_3plus"',
      subjects: '[]',
      subject: '{ kind: COUNCIL, id: "886" }',
      input:
        field.name === 'createUser'
          ? '{ id: "u", name: "U", email: "u@example.test", role: POLICY, organisationId: "dfe" }'
          : field.name === 'createContract'
            ? `{ practiceId: "x", name: "C", periodStart: 2024, periodEnd: 2024, terms: ${terms} }`
            : '{ kind: DEPARTMENT, subjectId: "dfe2", name: "D" }',
      contractId: '"1"',
      period: '2024',
      disabled: 'true',
      terms,
      statementId: '"1"',
      disputeId: '"1"',
      message: '"m"',
      reason: '"r"',
      resolution: 'UPHELD',
      referredFrom: '"2024-04-01"',
      referredTo: '"2024-12-31"',
      months: '12',
    };
    const args = field.args.filter((a) => isNonNullType(a.type)).map((a) => `${a.name}: ${values[a.name]}`);
    let selection = '';
    let type = getNamedType(field.type);
    while (!isLeafType(type) && isObjectType(type)) {
      const [first] = Object.values(type.getFields()).filter((f) => f.args.every((a) => !isNonNullType(a.type)));
      selection += ` { ${first!.name}`;
      type = getNamedType(first!.type);
    }
    const closing = ' }'.repeat(selection.split('{').length - 1);
    return `${operation} { ${field.name}${args.length ? `(${args.join(', ')})` : ''}${selection}${closing} }`;
  }

  const rootFields = (['query', 'mutation'] as const).flatMap((operation) => {
    const root = operation === 'query' ? schema.getQueryType()! : schema.getMutationType()!;
    return Object.values(root.getFields()).map((field) => [operation, field.name, field] as const);
  });
  const adminOnly = new Set([
    'users',
    'organisations',
    'auditLog',
    'createOrganisation',
    'createUser',
    'setUserDisabled',
    'setUserOrganisation',
  ]);

  it.each(rootFields)(
    '%s %s: anonymous is UNAUTHENTICATED, a non-admin FORBIDDEN where admin only',
    async (operation, name, field) => {
      const source = minimalQuery(field, operation);
      const anonymous = await execute(database, null, source);
      expect(
        anonymous.errors?.map((e) => e.extensions.code),
        source,
      ).toEqual(['UNAUTHENTICATED']);
      if (adminOnly.has(name)) {
        for (const viewer of ['policy', 'councilKent', 'practiceKent'] as const) {
          const denied = await execute(database, testViewers[viewer], source);
          expect(
            denied.errors?.map((e) => e.extensions.code),
            `${viewer} ${source}`,
          ).toEqual(['FORBIDDEN']);
        }
      }
    },
  );
});
