/**
 * Payment by results through the API: who may create, amend, preview, issue and read, what each
 * sees, and a frozen statement served byte for byte. The arithmetic is tested in
 * @continuity/payments; here it is one hand-worked contract on the shared fixture (testing.ts):
 *
 *   Kent (886) and its practice swp-kent. Kent's neighbours 887, 845, 850 pool placements_3plus 2024
 *   to (20 + 13 + 60) / (200 + 100 + 500) x 100 = 11.625. Added here: swp-kent computed 2024
 *   placements_3plus 10/100 = 10 and immunisations 4/5 = 80 (a count of 4: withheld from non-owners).
 *   Terms: fixed £5,000.00 (500,000p), pot £1,000.00 (100,000p), weights 1 + 1 (50,000p each):
 *   - placements_3plus at or better than the neighbours' average, all or nothing: 10 <= 11.625, met
 *     -> 50,000;
 *   - immunisations at least 90, linear from 70: (80 - 70) / (90 - 70) = 0.5 -> 25,000.
 *   Total 500,000 + 75,000 = 575,000.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { indicatorValues, type Database } from '@continuity/db';
import { openTestDatabase, testEngines } from '@continuity/db/testing';
import { execute, seedFixture, testViewers } from '../testing';

const TERMS = {
  fixedFeePence: 500_000,
  outcomePotPence: 100_000,
  missingData: 'TREAT_AS_NOT_MET',
  indicators: [
    {
      indicatorId: 'placements_3plus',
      weight: 1,
      target: { type: 'NEIGHBOURS', position: 'AT_OR_BETTER_THAN_AVERAGE' },
      partial: { type: 'ALL_OR_NOTHING' },
    },
    {
      indicatorId: 'immunisations',
      weight: 1,
      target: { type: 'ABSOLUTE', level: 90 },
      partial: { type: 'LINEAR', floor: 70 },
    },
  ],
};

const CREATE = `mutation ($input: CreateContractInput!) {
  createContract(input: $input) { id name councilCode practiceId latestVersion canManage
    terms { fixedFeePence missingData indicators { indicatorId weight target { type level position } partial { type floor } } } }
}`;
const LINES =
  'lines { indicatorId outcome targetValue achievement allocatedPence earnedPence explanation actual { value numerator denominator symbol numeratorSymbol } }';
const PREVIEW = `query ($id: ID!, $period: Int!, $terms: TermsInput) {
  previewStatement(contractId: $id, period: $period, terms: $terms) { id status version termsOverridden totalPence earnedPence ${LINES} }
}`;
const ISSUE = `mutation ($id: ID!, $period: Int!) {
  issueStatement(contractId: $id, period: $period) { id status version period totalPence document sha256 intact }
}`;
const READ = `query ($id: ID!) {
  statement(id: $id) { id status version issuedBy fixedFeePence outcomePotPence unearnedPence totalPence document sha256 intact csv notes
    contract { id name } ${LINES} }
}`;

const codeOf = (r: { errors: readonly { extensions?: Record<string, unknown> }[] | undefined }) =>
  r.errors?.[0]?.extensions?.code;

describe.each(testEngines())('payments API on %s', (engine) => {
  let database: Database;
  let contractId: string;
  let statementId: string;
  let issuedDocument: string;
  let issuedHash: string;

  beforeAll(async () => {
    database = await openTestDatabase(engine);
    await seedFixture(database);
    const value = (indicatorId: string, numerator: number, denominator: number) => ({
      indicatorId,
      subjectKind: 'practice' as const,
      subjectId: 'swp-kent',
      period: 2024,
      source: 'computed' as const,
      numerator,
      denominator,
      value: (numerator * 100) / denominator,
    });
    await database.db
      .insert(indicatorValues)
      .values([value('placements_3plus', 10, 100), value('immunisations', 4, 5)]);
  });
  afterAll(() => database?.close());

  it('a council creates a contract with its own practice; no one else may', async () => {
    const input = { practiceId: 'swp-kent', name: 'Kent outcomes', periodStart: 2024, periodEnd: 2025, terms: TERMS };
    expect(codeOf(await execute(database, null, CREATE, { input }))).toBe('UNAUTHENTICATED');
    expect(codeOf(await execute(database, testViewers.practiceKent, CREATE, { input }))).toBe('FORBIDDEN');
    expect(codeOf(await execute(database, testViewers.policy, CREATE, { input }))).toBe('FORBIDDEN');
    expect(codeOf(await execute(database, testViewers.admin, CREATE, { input }))).toBe('FORBIDDEN');
    const other = await execute(database, testViewers.councilOther, CREATE, { input });
    expect(other.errors?.[0]?.message).toBe('No practice swp-kent serves council 312');

    const bad = await execute(database, testViewers.councilKent, CREATE, {
      input: {
        ...input,
        terms: { ...TERMS, indicators: [{ ...TERMS.indicators[1], target: { type: 'ABSOLUTE', level: 90, by: 3 } }] },
      },
    });
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0]?.message).toMatch(/indicators\.0\.target: Unrecognized key\(s\) in object: 'by'/);

    const created = await execute(database, testViewers.councilKent, CREATE, { input });
    expect(created.errors).toBeUndefined();
    contractId = created.data.createContract.id;
    expect(created.data.createContract).toEqual({
      id: contractId,
      name: 'Kent outcomes',
      councilCode: '886',
      practiceId: 'swp-kent',
      latestVersion: 1,
      canManage: true,
      terms: {
        fixedFeePence: 500_000,
        missingData: 'TREAT_AS_NOT_MET',
        indicators: [
          {
            indicatorId: 'placements_3plus',
            weight: 1,
            target: { type: 'NEIGHBOURS', level: null, position: 'AT_OR_BETTER_THAN_AVERAGE' },
            partial: { type: 'ALL_OR_NOTHING', floor: null },
          },
          {
            indicatorId: 'immunisations',
            weight: 1,
            target: { type: 'ABSOLUTE', level: 90, position: null },
            partial: { type: 'LINEAR', floor: 70 },
          },
        ],
      },
    });
  });

  it('previews: the hand-worked statement, and a what-if under changed targets, writing nothing', async () => {
    const now = await execute(database, testViewers.councilKent, PREVIEW, { id: contractId, period: 2024 });
    expect(now.errors).toBeUndefined();
    expect(now.data.previewStatement).toMatchObject({
      id: null,
      status: 'PREVIEW',
      version: 1,
      termsOverridden: false,
      totalPence: 575_000,
    });
    expect(
      now.data.previewStatement.lines.map((l: { outcome: string; earnedPence: number }) => [l.outcome, l.earnedPence]),
    ).toEqual([
      ['MET', 50_000],
      ['PARTLY', 25_000],
    ]);
    expect(now.data.previewStatement.lines[0].targetValue).toBe(11.625);

    // what-if: immunisations at least 80 -> met, 50,000 more
    const whatIf = {
      ...TERMS,
      indicators: [TERMS.indicators[0], { ...TERMS.indicators[1], target: { type: 'ABSOLUTE', level: 80 } }],
    };
    const changed = await execute(database, testViewers.councilKent, PREVIEW, {
      id: contractId,
      period: 2024,
      terms: whatIf,
    });
    expect(changed.data.previewStatement).toMatchObject({ termsOverridden: true, totalPence: 600_000 });

    // the practice previews its own under the current terms, not under changed ones
    const own = await execute(database, testViewers.practiceKent, PREVIEW, { id: contractId, period: 2024 });
    expect(own.data.previewStatement.totalPence).toBe(575_000);
    expect(
      codeOf(
        await execute(database, testViewers.practiceKent, PREVIEW, { id: contractId, period: 2024, terms: whatIf }),
      ),
    ).toBe('FORBIDDEN');
    expect(codeOf(await execute(database, testViewers.policy, PREVIEW, { id: contractId, period: 2024 }))).toBe(
      'FORBIDDEN',
    );
    const other = await execute(database, testViewers.councilOther, PREVIEW, { id: contractId, period: 2024 });
    expect(other.errors).toBeUndefined();
    expect(other.data.previewStatement).toBeNull();

    const listed = await execute(database, testViewers.councilKent, '{ statements { id } }');
    expect(listed.data.statements).toEqual([]);
  });

  it('the council issues; the frozen document comes back byte for byte', async () => {
    expect(codeOf(await execute(database, testViewers.practiceKent, ISSUE, { id: contractId, period: 2024 }))).toBe(
      'FORBIDDEN',
    );
    const issued = await execute(database, testViewers.councilKent, ISSUE, { id: contractId, period: 2024 });
    expect(issued.errors).toBeUndefined();
    const s = issued.data.issueStatement;
    expect(s).toMatchObject({ status: 'ISSUED', version: 1, period: 2024, totalPence: 575_000, intact: true });
    statementId = s.id;
    issuedDocument = s.document;
    issuedHash = s.sha256;
    expect(JSON.parse(issuedDocument)).toMatchObject({
      statementId: Number(statementId),
      totals: { totalPence: 575_000 },
    });

    const again = await execute(database, testViewers.councilKent, ISSUE, { id: contractId, period: 2024 });
    expect(again.errors?.[0]?.message).toMatch(/was issued already/);

    const [audit] = await database.rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'issue_statement' AND target = ${`statement:${statementId}`}`,
    );
    expect(audit!.n).toBe(1);
  });

  it('the parties read it in full; policy reads it with small counts withheld and no document', async () => {
    for (const viewer of [testViewers.councilKent, testViewers.practiceKent]) {
      const r = await execute(database, viewer, READ, { id: statementId });
      expect(r.errors).toBeUndefined();
      expect(r.data.statement).toMatchObject({
        status: 'ISSUED',
        issuedBy: 'demo-council-kent',
        fixedFeePence: 500_000,
        outcomePotPence: 100_000,
        unearnedPence: 25_000,
        totalPence: 575_000,
        document: issuedDocument,
        sha256: issuedHash,
        intact: true,
        contract: { id: contractId, name: 'Kent outcomes' },
      });
      expect(r.data.statement.lines[1].actual).toEqual({
        value: 80,
        numerator: 4,
        denominator: 5,
        symbol: null,
        numeratorSymbol: null,
      });
    }
    const policy = await execute(database, testViewers.policy, READ, { id: statementId });
    expect(policy.errors).toBeUndefined();
    // The partly met line's 4 of 5 is withheld, so is its achievement (0.5 beside target and floor gives
    // 80% back) and its pence (half the 50,000p allocated), and the totals that would give them back.
    expect(policy.data.statement).toMatchObject({
      totalPence: null,
      unearnedPence: null,
      document: null,
      sha256: null,
      intact: null,
    });
    expect(policy.data.statement.lines[1]).toMatchObject({
      outcome: 'PARTLY',
      achievement: null,
      earnedPence: null,
      actual: { value: null, numerator: null, denominator: null, symbol: 'c', numeratorSymbol: 'c' }, // 4 of 5: both counts 1..5
      explanation:
        "Partly met: the practice's figures are withheld (c) from viewers outside the contract, and with them what the line earns of the £500.00 allocated (weight 1 of 2).",
    });
    expect(policy.data.statement.csv.split('\r\n')[2]).toMatch(/,partly,,,50000,,,/);
    expect(policy.data.statement.csv).not.toMatch(/,80,4,5,/);
    expect(policy.data.statement.lines[0].actual).toMatchObject({ value: 10, numerator: 10, denominator: 100 });

    const council = await execute(database, testViewers.councilKent, READ, { id: statementId });
    // lines and csv read the same figures: one audit row for the request
    const [reads] = await database.rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'read' AND target = ${`statement:${statementId}`} AND user_id = 'demo-council-kent'`,
    );
    expect(reads!.n).toBe(2); // this request and the one in the loop above
    // Reading the frozen document (raw facts) is audited as well, once a request.
    const documentReads = async () =>
      (
        await database.rows<{ n: number }>(
          sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'read' AND target = ${`statement:${statementId}:document`} AND user_id = 'demo-council-kent'`,
        )
      )[0]!.n;
    const before = await documentReads();
    await execute(database, testViewers.councilKent, READ, { id: statementId });
    expect((await documentReads()) - before).toBe(1);
    const csv: string = council.data.statement.csv;
    expect(csv.split('\r\n')[2]).toMatch(/^immunisations,.*,2024,80,4,5,,computed,partly,,0.5,50000,25000,250.00,/);

    for (const viewer of [testViewers.councilOther, testViewers.practiceOther]) {
      const r = await execute(
        database,
        viewer,
        `query ($id: ID!) { statement(id: $id) { id } contract(id: $id) { id } statements { id } contracts { id } }`,
        {
          id: statementId,
        },
      );
      expect(r.data).toEqual({ statement: null, contract: null, statements: [], contracts: [] });
    }
  });

  it('amended terms add a version; the issued statement stays byte for byte after new data', async () => {
    const AMEND = `mutation ($id: ID!, $terms: TermsInput!) { amendContractTerms(contractId: $id, terms: $terms, note: "lower bar") { version note terms { indicators { target { level } } } } }`;
    const amended = {
      ...TERMS,
      indicators: [TERMS.indicators[0], { ...TERMS.indicators[1], target: { type: 'ABSOLUTE', level: 75 } }],
    };
    expect(codeOf(await execute(database, testViewers.practiceKent, AMEND, { id: contractId, terms: amended }))).toBe(
      'FORBIDDEN',
    );
    const r = await execute(database, testViewers.councilKent, AMEND, { id: contractId, terms: amended });
    expect(r.errors).toBeUndefined();
    expect(r.data.amendContractTerms).toEqual({
      version: 2,
      note: 'lower bar',
      terms: { indicators: [{ target: { level: null } }, { target: { level: 75 } }] },
    });

    await database.db
      .update(indicatorValues)
      .set({ numerator: 1, value: 20 })
      .where(and(eq(indicatorValues.indicatorId, 'immunisations'), eq(indicatorValues.subjectId, 'swp-kent')));

    const read = await execute(
      database,
      testViewers.practiceKent,
      `query ($id: ID!, $c: ID!) { statement(id: $id) { version document sha256 } contract(id: $c) { latestVersion versions { version note } statements { id version } } }`,
      { id: statementId, c: contractId },
    );
    expect(read.errors).toBeUndefined();
    expect(read.data.statement).toEqual({ version: 1, document: issuedDocument, sha256: issuedHash });
    expect(read.data.contract).toEqual({
      latestVersion: 2,
      versions: [
        { version: 1, note: null },
        { version: 2, note: 'lower bar' },
      ],
      statements: [{ id: statementId, version: 1 }],
    });
  });
});
