/**
 * Contracts, versions and statements: the operations the API calls, each scoped to the viewer
 * (scope.ts). Writes run in a transaction that locks the contract row, so versions are numbered
 * without gaps or races and a period is issued at most once.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Viewer } from '@continuity/access';
import { contracts, contractVersions, statements, type Database } from '@continuity/db';
import { canonicalJson, sha256Hex } from './canonical';
import { buildDocument, type ContractInfo, type StatementDocument } from './document';
import { readDefinitions, readFacts, rowsOf, UnknownIndicatorError, type Executor } from './facts';
import { canManageContract, ownsContractFigures, readableContractsSql } from './scope';
import { readSources } from './sources';
import { checkTermsAgainst, InvalidTermsError, parseTerms, type Terms } from './terms';

export type PaymentsErrorCode = 'NOT_FOUND' | 'FORBIDDEN' | 'INVALID' | 'CONFLICT';

export class PaymentsError extends Error {
  constructor(
    readonly code: PaymentsErrorCode,
    message: string,
    readonly issues: string[] = [],
  ) {
    super(message);
    this.name = 'PaymentsError';
  }
}

export interface ServiceOptions {
  /** The clock (tests pass a fixed one). */
  now?: () => Date;
}

export interface ContractRecord {
  id: number;
  name: string;
  councilCode: string;
  councilName: string | null;
  practiceId: string;
  practiceName: string | null;
  periodStart: number;
  periodEnd: number;
  createdBy: string;
  createdAt: string;
  latestVersion: number;
}

export interface ContractVersionRecord {
  contractId: number;
  version: number;
  terms: Terms;
  note: string | null;
  createdBy: string;
  createdAt: string;
}

export interface StatementSummary {
  id: number;
  contractId: number;
  councilCode: string;
  practiceId: string;
  version: number;
  period: number;
  status: 'issued';
  issuedBy: string;
  issuedAt: string;
  fixedPence: number;
  earnedPence: number;
  totalPence: number;
  sha256: string;
  /** 1 for the first issue of the period, n for its (n - 1)th re-issue. */
  revision: number;
  supersedesId: number | null;
  /** The re-issue that replaced this one, if any: then this one is history. */
  supersededById: number | null;
  reason: string | null;
}

export interface IssuedStatement extends StatementSummary {
  /** The frozen canonical JSON, byte for byte as issued. */
  document: string;
  /** SHA-256 of `document` recomputed on read equals the stored one. */
  intact: boolean;
}

const iso = (t: unknown) => new Date(t as string | Date).toISOString();
const clock = (options: ServiceOptions) => (options.now ?? (() => new Date()))();

// ---------------------------------------------------------------------------------------------
// Reading contracts

interface ContractRow {
  id: number;
  name: string;
  council_code: string;
  council_name: string | null;
  practice_id: string;
  practice_name: string | null;
  period_start: number;
  period_end: number;
  created_by: string;
  created_at: string | Date;
  latest_version: number;
}

function contractsQuery(viewer: Viewer, where: SQL[], lock = false): SQL {
  const conditions = [readableContractsSql(viewer), ...where];
  return sql`
    SELECT c.id, c.name, c.council_code, co.name AS council_name, c.practice_id, p.name AS practice_name,
      c.period_start, c.period_end, c.created_by, c.created_at,
      (SELECT max(cv.version) FROM contract_versions cv WHERE cv.contract_id = c.id)::int AS latest_version
    FROM contracts c
    LEFT JOIN councils co ON co.code = c.council_code
    LEFT JOIN practices p ON p.id = c.practice_id
    WHERE ${sql.join(conditions, sql` AND `)}
    ORDER BY c.council_code, c.practice_id, c.period_start, c.id
    ${lock ? sql`FOR UPDATE OF c` : sql``}`;
}

function toContract(r: ContractRow): ContractRecord {
  return {
    id: r.id,
    name: r.name,
    councilCode: r.council_code,
    councilName: r.council_name,
    practiceId: r.practice_id,
    practiceName: r.practice_name,
    periodStart: r.period_start,
    periodEnd: r.period_end,
    createdBy: r.created_by,
    createdAt: iso(r.created_at),
    latestVersion: r.latest_version,
  };
}

export interface ContractFilter {
  councilCode?: string | null;
  practiceId?: string | null;
  ids?: readonly number[] | null;
}

/** Contracts the viewer may read, optionally narrowed. */
export async function listContracts(
  database: Database,
  viewer: Viewer,
  filter: ContractFilter = {},
): Promise<ContractRecord[]> {
  const where: SQL[] = [];
  if (filter.councilCode) where.push(sql`c.council_code = ${filter.councilCode}`);
  if (filter.practiceId) where.push(sql`c.practice_id = ${filter.practiceId}`);
  if (filter.ids) {
    if (filter.ids.length === 0) return [];
    where.push(
      sql`c.id IN (${sql.join(
        filter.ids.map((id) => sql`${id}::int`),
        sql`, `,
      )})`,
    );
  }
  const rows = await database.rows<ContractRow>(contractsQuery(viewer, where));
  return rows.map(toContract);
}

/** A contract the viewer may read, or null (also for one that does not exist). */
export async function getContract(database: Database, viewer: Viewer, id: number): Promise<ContractRecord | null> {
  return (await listContracts(database, viewer, { ids: [id] }))[0] ?? null;
}

/**
 * Locks a contract for a change only its council may make: NOT_FOUND when the viewer cannot read it,
 * FORBIDDEN (saying `refusal`) when the viewer can read it but is not its council.
 */
async function lockManagedContract(tx: Executor, viewer: Viewer, id: number, refusal: string): Promise<ContractRecord> {
  const rows = await rowsOf<ContractRow>(tx, contractsQuery(viewer, [sql`c.id = ${id}`], true));
  const row = rows[0];
  if (!row) throw new PaymentsError('NOT_FOUND', `No contract ${id}`);
  const contract = toContract(row);
  if (!canManageContract(viewer, contract)) throw new PaymentsError('FORBIDDEN', refusal);
  return contract;
}

interface VersionRow {
  contract_id: number;
  version: number;
  terms: unknown;
  note: string | null;
  created_by: string;
  created_at: string | Date;
}

function toVersion(r: VersionRow): ContractVersionRecord {
  const terms = typeof r.terms === 'string' ? JSON.parse(r.terms) : r.terms;
  return {
    contractId: r.contract_id,
    version: r.version,
    terms: parseTerms(terms),
    note: r.note,
    createdBy: r.created_by,
    createdAt: iso(r.created_at),
  };
}

async function readVersions(
  executor: Executor,
  contractIds: readonly number[],
  version?: number,
): Promise<ContractVersionRecord[]> {
  if (contractIds.length === 0) return [];
  const rows = await rowsOf<VersionRow>(
    executor,
    sql`SELECT cv.contract_id, cv.version, cv.terms, cv.note, cv.created_by, cv.created_at
      FROM contract_versions cv
      WHERE cv.contract_id IN (${sql.join(
        contractIds.map((id) => sql`${id}::int`),
        sql`, `,
      )})
        ${version === undefined ? sql`` : sql`AND cv.version = ${version}`}
      ORDER BY cv.contract_id, cv.version`,
  );
  return rows.map(toVersion);
}

/** Every version of a contract the viewer may read, oldest first; null when it may not read it. */
export async function listVersions(
  database: Database,
  viewer: Viewer,
  contractId: number,
): Promise<ContractVersionRecord[] | null> {
  const contract = await getContract(database, viewer, contractId);
  if (!contract) return null;
  return readVersions(database.db, [contractId]);
}

/** Versions of several contracts at once (for a batched loader); unreadable contracts give none. */
export async function versionsOfContracts(
  database: Database,
  viewer: Viewer,
  contractIds: readonly number[],
): Promise<Map<number, ContractVersionRecord[]>> {
  const readable = await listContracts(database, viewer, { ids: contractIds });
  const versions = await readVersions(
    database.db,
    readable.map((c) => c.id),
  );
  const out = new Map<number, ContractVersionRecord[]>(contractIds.map((id) => [id, []]));
  for (const v of versions) out.get(v.contractId)!.push(v);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Writing contracts

/** Parses terms and checks them against the catalogue; INVALID with every problem otherwise. */
export async function validateTerms(executor: Executor, input: unknown): Promise<Terms> {
  let terms: Terms;
  try {
    terms = parseTerms(input);
  } catch (error) {
    if (error instanceof InvalidTermsError) throw new PaymentsError('INVALID', error.message, error.issues);
    throw error;
  }
  const definitions = await readDefinitions(executor, [
    ...terms.indicators.map((t) => t.indicatorId),
    ...(terms.rateCard?.rates ?? []).map((r) => r.indicatorId),
  ]);
  const problems = checkTermsAgainst(terms, [...definitions.values()]);
  if (problems.length) throw new PaymentsError('INVALID', `Invalid terms: ${problems.join('; ')}`, problems);
  return terms;
}

export interface CreateContractInput {
  /** Defaults to the council viewer's own. */
  councilCode?: string | null;
  practiceId: string;
  name: string;
  periodStart: number;
  periodEnd: number;
  terms: unknown;
  note?: string | null;
}

/** A council creates a contract with one of its practices; the terms become version 1. */
export async function createContract(
  database: Database,
  viewer: Viewer,
  input: CreateContractInput,
  options: ServiceOptions = {},
): Promise<ContractRecord> {
  const councilCode = input.councilCode ?? (viewer.role === 'council' ? viewer.organisation.id : '');
  const parties = { councilCode, practiceId: input.practiceId };
  if (!canManageContract(viewer, parties)) {
    throw new PaymentsError('FORBIDDEN', 'Only the council can set contract terms for its own practices');
  }
  const name = input.name.trim();
  if (!name || name.length > 200) throw new PaymentsError('INVALID', 'A contract needs a name of 1 to 200 characters');
  const years = [input.periodStart, input.periodEnd];
  if (!years.every((y) => Number.isInteger(y) && y >= 1990 && y <= 2100) || input.periodStart > input.periodEnd) {
    throw new PaymentsError('INVALID', 'The contract period is two years, start no later than end');
  }
  const now = clock(options);
  const id = await database.db.transaction(async (tx) => {
    const serves = await rowsOf<{ ok: number }>(
      tx,
      sql`SELECT 1 AS ok FROM practice_councils WHERE practice_id = ${input.practiceId} AND council_code = ${councilCode}`,
    );
    if (serves.length === 0) {
      throw new PaymentsError('NOT_FOUND', `No practice ${input.practiceId} serves council ${councilCode}`);
    }
    const terms = await validateTerms(tx, input.terms);
    const [row] = await tx
      .insert(contracts)
      .values({
        councilCode,
        practiceId: input.practiceId,
        name,
        periodStart: input.periodStart,
        periodEnd: input.periodEnd,
        createdBy: viewer.userId,
        createdAt: now,
      })
      .returning({ id: contracts.id });
    await tx.insert(contractVersions).values({
      contractId: row!.id,
      version: 1,
      terms: terms as unknown as Record<string, unknown>,
      note: input.note ?? null,
      createdBy: viewer.userId,
      createdAt: now,
    });
    return row!.id;
  });
  return (await getContract(database, viewer, id))!;
}

/** A change of terms: inserts version n + 1; earlier versions are kept unchanged. */
export async function amendTerms(
  database: Database,
  viewer: Viewer,
  input: { contractId: number; terms: unknown; note?: string | null },
  options: ServiceOptions = {},
): Promise<ContractVersionRecord> {
  const now = clock(options);
  return database.db.transaction(async (tx) => {
    const contract = await lockManagedContract(
      tx,
      viewer,
      input.contractId,
      'Only the council can change the terms of its contracts',
    );
    const terms = await validateTerms(tx, input.terms);
    const version = contract.latestVersion + 1;
    await tx.insert(contractVersions).values({
      contractId: contract.id,
      version,
      terms: terms as unknown as Record<string, unknown>,
      note: input.note ?? null,
      createdBy: viewer.userId,
      createdAt: now,
    });
    return (await readVersions(tx, [contract.id], version))[0]!;
  });
}

// ---------------------------------------------------------------------------------------------
// Statements

function contractInfo(c: ContractRecord): ContractInfo {
  return {
    id: c.id,
    name: c.name,
    councilCode: c.councilCode,
    councilName: c.councilName,
    practiceId: c.practiceId,
    practiceName: c.practiceName,
    periodStart: c.periodStart,
    periodEnd: c.periodEnd,
  };
}

function checkPeriod(contract: ContractRecord, period: number): void {
  if (!Number.isInteger(period) || period < contract.periodStart || period > contract.periodEnd) {
    throw new PaymentsError(
      'INVALID',
      `Period ${period} is outside contract ${contract.id} (${contract.periodStart} to ${contract.periodEnd})`,
    );
  }
}

async function versionFor(
  executor: Executor,
  contract: ContractRecord,
  version?: number | null,
): Promise<ContractVersionRecord> {
  const n = version ?? contract.latestVersion;
  const found = (await readVersions(executor, [contract.id], n))[0];
  if (!found) throw new PaymentsError('NOT_FOUND', `Contract ${contract.id} has no version ${n}`);
  return found;
}

async function factsFor(executor: Executor, contract: ContractRecord, period: number, terms: Terms) {
  try {
    return await readFacts(executor, {
      councilCode: contract.councilCode,
      practiceId: contract.practiceId,
      period,
      terms,
    });
  } catch (error) {
    if (error instanceof UnknownIndicatorError) throw new PaymentsError('INVALID', error.message);
    throw error;
  }
}

/**
 * Rate-card pay of the contract's earlier years, for its contract cap: the latest revision of each
 * earlier period's statement (superseded revisions do not count), read from the frozen documents.
 */
async function rateCardPaidBefore(executor: Executor, contractId: number, period: number): Promise<number> {
  const [row] = await rowsOf<{ paid: string | number }>(
    executor,
    sql`SELECT COALESCE(sum((s.document::jsonb #>> '{totals,rateCardPence}')::bigint), 0)::text AS paid
      FROM statements s
      WHERE s.contract_id = ${contractId} AND s.period < ${period}
        AND NOT EXISTS (SELECT 1 FROM statements n WHERE n.supersedes_id = s.id)`,
  );
  return Number(row?.paid ?? 0);
}

export interface PreviewInput {
  contractId: number;
  period: number;
  /** What-if: terms to use instead of the version's (councils only). */
  terms?: unknown;
  /** The version to start from; default the latest. */
  version?: number | null;
}

/**
 * What the statement would say now, without writing anything. With `terms`, under changed terms
 * or targets (what-if; the contract's council only). The two parties may preview; others read
 * issued statements only.
 */
export async function previewStatement(
  database: Database,
  viewer: Viewer,
  input: PreviewInput,
): Promise<StatementDocument> {
  const contract = await getContract(database, viewer, input.contractId);
  if (!contract) throw new PaymentsError('NOT_FOUND', `No contract ${input.contractId}`);
  if (!ownsContractFigures(viewer, contract)) {
    throw new PaymentsError('FORBIDDEN', 'Only the council and the practice of a contract can preview its statements');
  }
  const overridden = input.terms !== undefined && input.terms !== null;
  if (overridden && !canManageContract(viewer, contract)) {
    throw new PaymentsError('FORBIDDEN', 'Only the council can preview a statement under changed terms');
  }
  checkPeriod(contract, input.period);
  const base = await versionFor(database.db, contract, input.version);
  const terms = overridden ? await validateTerms(database.db, input.terms) : base.terms;
  const facts = await factsFor(database.db, contract, input.period, terms);
  return buildDocument({
    status: 'preview',
    statementId: null,
    contract: contractInfo(contract),
    version: {
      version: base.version,
      createdBy: base.createdBy,
      createdAt: base.createdAt,
      note: base.note,
      overridden,
    },
    terms,
    facts,
    sources: await readSources(database.db, facts),
    rateCardPaidBeforePence: terms.rateCard ? await rateCardPaidBefore(database.db, contract.id, input.period) : 0,
    issued: null,
  });
}

/**
 * Issues the statement of a period: works it out from the version's terms (default the latest) and
 * the figures as they stand, and freezes it. One statement per contract and period.
 */
export async function issueStatement(
  database: Database,
  viewer: Viewer,
  input: { contractId: number; period: number; version?: number | null },
  options: ServiceOptions = {},
): Promise<IssuedStatement> {
  const at = clock(options);
  const id = await database.db.transaction(async (tx) => {
    const contract = await lockManagedContract(
      tx,
      viewer,
      input.contractId,
      'Only the council can issue statements for its contracts',
    );
    checkPeriod(contract, input.period);
    const already = await rowsOf<{ id: number }>(
      tx,
      sql`SELECT id FROM statements WHERE contract_id = ${contract.id} AND period = ${input.period}`,
    );
    if (already.length) {
      throw new PaymentsError(
        'CONFLICT',
        `The ${input.period} statement of contract ${contract.id} was issued already (statement ${already[0]!.id})`,
      );
    }
    return freeze(tx, viewer, contract, {
      period: input.period,
      version: input.version,
      at,
      revision: 1,
      supersedes: null,
    });
  });
  return (await getStatement(database, viewer, id))!;
}

interface FreezeInput {
  period: number;
  version?: number | null;
  at: Date;
  revision: number;
  supersedes: { statementId: number; sha256: string; reason: string } | null;
}

/** Works a statement out from the version's terms and the figures as they stand, and stores it frozen. */
async function freeze(tx: Executor, viewer: Viewer, contract: ContractRecord, input: FreezeInput): Promise<number> {
  const version = await versionFor(tx, contract, input.version);
  const facts = await factsFor(tx, contract, input.period, version.terms);
  const [{ id }] = (await rowsOf<{ id: number }>(
    tx,
    sql`SELECT nextval(pg_get_serial_sequence('statements', 'id'))::int AS id`,
  )) as [{ id: number }];
  const document = buildDocument({
    status: 'issued',
    statementId: id,
    revision: input.revision,
    supersedes: input.supersedes,
    contract: contractInfo(contract),
    version: {
      version: version.version,
      createdBy: version.createdBy,
      createdAt: version.createdAt,
      note: version.note,
      overridden: false,
    },
    terms: version.terms,
    facts,
    sources: await readSources(tx, facts),
    rateCardPaidBeforePence: version.terms.rateCard ? await rateCardPaidBefore(tx, contract.id, input.period) : 0,
    issued: { by: viewer.userId, at: input.at.toISOString() },
  });
  const text = canonicalJson(document);
  await (tx as Database['db']).insert(statements).values({
    id,
    contractId: contract.id,
    version: version.version,
    period: input.period,
    status: 'issued',
    issuedBy: viewer.userId,
    issuedAt: input.at,
    fixedPence: document.totals.fixedFeePence,
    earnedPence: document.totals.earnedPence,
    totalPence: document.totals.totalPence,
    document: text,
    sha256: sha256Hex(text),
    revision: input.revision,
    supersedesId: input.supersedes?.statementId ?? null,
    reason: input.supersedes?.reason ?? null,
  });
  return id;
}

/**
 * Re-issues a statement as a new revision (issue 18): issued statements are never edited, so a
 * correction (an upheld dispute, a resubmitted return, amended terms) is worked out afresh from the
 * figures as they stand and the latest terms (or `version`), and names the statement it supersedes,
 * its hash and why. Only the latest revision of a period can be re-issued (CONFLICT otherwise).
 */
export async function reissueStatement(
  database: Database,
  viewer: Viewer,
  input: { statementId: number; reason: string; version?: number | null },
  options: ServiceOptions = {},
): Promise<IssuedStatement> {
  const at = clock(options);
  const reason = input.reason.trim();
  if (!reason || reason.length > 2000)
    throw new PaymentsError('INVALID', 'A re-issue needs a reason of 1 to 2000 characters');
  const previous = (await listStatements(database, viewer, { ids: [input.statementId] }))[0];
  if (!previous) throw new PaymentsError('NOT_FOUND', `No statement ${input.statementId}`);
  const id = await database.db.transaction(async (tx) => {
    const contract = await lockManagedContract(
      tx,
      viewer,
      previous.contractId,
      'Only the council can re-issue statements of its contracts',
    );
    const latest = await rowsOf<{ id: number; revision: number; sha256: string }>(
      tx,
      sql`SELECT id, revision, sha256 FROM statements WHERE contract_id = ${contract.id} AND period = ${previous.period}
        ORDER BY revision DESC LIMIT 1`,
    );
    if (latest[0]!.id !== previous.id) {
      throw new PaymentsError(
        'CONFLICT',
        `Statement ${previous.id} was re-issued already (statement ${latest[0]!.id} is the latest)`,
      );
    }
    return freeze(tx, viewer, contract, {
      period: previous.period,
      version: input.version,
      at,
      revision: latest[0]!.revision + 1,
      supersedes: { statementId: previous.id, sha256: latest[0]!.sha256, reason },
    });
  });
  return (await getStatement(database, viewer, id))!;
}

interface StatementRow {
  id: number;
  contract_id: number;
  council_code: string;
  practice_id: string;
  version: number;
  period: number;
  status: 'issued';
  issued_by: string;
  issued_at: string | Date;
  fixed_pence: number | string;
  earned_pence: number | string;
  total_pence: number | string;
  sha256: string;
  revision: number;
  supersedes_id: number | null;
  superseded_by_id: number | null;
  reason: string | null;
  document?: string;
}

function toSummary(r: StatementRow): StatementSummary {
  return {
    id: r.id,
    contractId: r.contract_id,
    councilCode: r.council_code,
    practiceId: r.practice_id,
    version: r.version,
    period: r.period,
    status: r.status,
    issuedBy: r.issued_by,
    issuedAt: iso(r.issued_at),
    fixedPence: Number(r.fixed_pence),
    earnedPence: Number(r.earned_pence),
    totalPence: Number(r.total_pence),
    sha256: r.sha256,
    revision: r.revision,
    supersedesId: r.supersedes_id,
    supersededById: r.superseded_by_id,
    reason: r.reason,
  };
}

export interface StatementFilter {
  practiceId?: string | null;
  councilCode?: string | null;
  contractId?: number | null;
  /** Any of these contracts (for a batched loader). */
  contractIds?: readonly number[] | null;
  period?: number | null;
  ids?: readonly number[] | null;
}

function statementsQuery(viewer: Viewer, filter: StatementFilter, withDocument: boolean): SQL | null {
  const where: SQL[] = [readableContractsSql(viewer)];
  if (filter.practiceId) where.push(sql`c.practice_id = ${filter.practiceId}`);
  if (filter.councilCode) where.push(sql`c.council_code = ${filter.councilCode}`);
  if (filter.contractId != null) where.push(sql`s.contract_id = ${filter.contractId}`);
  if (filter.contractIds) {
    if (filter.contractIds.length === 0) return null;
    where.push(
      sql`s.contract_id IN (${sql.join(
        filter.contractIds.map((id) => sql`${id}::int`),
        sql`, `,
      )})`,
    );
  }
  if (filter.period != null) where.push(sql`s.period = ${filter.period}`);
  if (filter.ids) {
    if (filter.ids.length === 0) return null;
    where.push(
      sql`s.id IN (${sql.join(
        filter.ids.map((id) => sql`${id}::int`),
        sql`, `,
      )})`,
    );
  }
  return sql`
    SELECT s.id, s.contract_id, c.council_code, c.practice_id, s.version, s.period, s.status::text AS status,
      s.issued_by, s.issued_at, s.fixed_pence::text AS fixed_pence, s.earned_pence::text AS earned_pence,
      s.total_pence::text AS total_pence, s.sha256, s.revision, s.supersedes_id, s.reason,
      (SELECT n.id FROM statements n WHERE n.supersedes_id = s.id) AS superseded_by_id
      ${withDocument ? sql`, s.document` : sql``}
    FROM statements s JOIN contracts c ON c.id = s.contract_id
    WHERE ${sql.join(where, sql` AND `)}
    ORDER BY c.council_code, c.practice_id, s.period, s.revision, s.id`;
}

/** Issued statements the viewer may read (without their documents), by practice, council, contract or period. */
export async function listStatements(
  database: Database,
  viewer: Viewer,
  filter: StatementFilter = {},
): Promise<StatementSummary[]> {
  const query = statementsQuery(viewer, filter, false);
  return query ? (await database.rows<StatementRow>(query)).map(toSummary) : [];
}

/** Issued statements by id with their frozen documents, as stored; unreadable ones are absent. */
export async function getStatements(
  database: Database,
  viewer: Viewer,
  ids: readonly number[],
): Promise<IssuedStatement[]> {
  const query = statementsQuery(viewer, { ids }, true);
  if (!query) return [];
  return (await database.rows<StatementRow>(query)).map((r) => ({
    ...toSummary(r),
    document: r.document!,
    intact: sha256Hex(r.document!) === r.sha256,
  }));
}

/** One issued statement with its frozen document, or null when absent or not readable. */
export async function getStatement(database: Database, viewer: Viewer, id: number): Promise<IssuedStatement | null> {
  return (await getStatements(database, viewer, [id]))[0] ?? null;
}
