import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { councils, practices } from './reference';

/*
 * Payment by results (issue 6). A contract binds a council and a practice for a span of reporting
 * years; its terms live in numbered, immutable versions; a statement is issued once per contract and
 * period and freezes everything it was worked out from. The terms' shape is validated by
 * @continuity/payments (zod), not by the database. Rows of contract_versions and statements are never
 * updated or deleted: a database trigger refuses it (migration payments_immutable). A statement is
 * corrected by re-issuing it: a new row, revision n + 1, that names the one it supersedes.
 */

export const statementStatus = pgEnum('statement_status', ['issued']);

/** A contract: council x practice x period (reporting years, inclusive). */
export const contracts = pgTable(
  'contracts',
  {
    id: serial('id').primaryKey(),
    councilCode: text('council_code')
      .notNull()
      .references(() => councils.code),
    practiceId: text('practice_id')
      .notNull()
      .references(() => practices.id),
    name: text('name').notNull(),
    /** First and last reporting year (the year the period ends in) the contract pays for. */
    periodStart: integer('period_start').notNull(),
    periodEnd: integer('period_end').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('contracts_council').on(t.councilCode),
    index('contracts_practice').on(t.practiceId),
    check('contracts_period', sql`${t.periodStart} <= ${t.periodEnd}`),
  ],
);

/**
 * One version of a contract's terms. Changing the terms inserts version n + 1; earlier versions stay
 * as history and statements name the version they used.
 */
export const contractVersions = pgTable(
  'contract_versions',
  {
    contractId: integer('contract_id')
      .notNull()
      .references(() => contracts.id),
    version: integer('version').notNull(),
    /** The terms (@continuity/payments `Terms`), validated before they are written. */
    terms: jsonb('terms').$type<Record<string, unknown>>().notNull(),
    /** Why the terms changed, in the author's words. */
    note: text('note'),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.contractId, t.version] }),
    check('contract_versions_version', sql`${t.version} >= 1`),
  ],
);

/**
 * An issued statement. `document` is the frozen explanation (terms, indicator definitions, every
 * figure with its numerator, denominator and source, each line and the totals) as canonical JSON
 * text, kept as text rather than jsonb so the bytes read back are the bytes that were hashed
 * (jsonb would reorder keys and normalise numbers). `sha256` is the hex SHA-256 of those bytes.
 * The money columns repeat the document's totals so lists need not parse it.
 */
export const statements = pgTable(
  'statements',
  {
    id: serial('id').primaryKey(),
    contractId: integer('contract_id')
      .notNull()
      .references(() => contracts.id),
    version: integer('version').notNull(),
    period: integer('period').notNull(),
    status: statementStatus('status').notNull().default('issued'),
    issuedBy: text('issued_by').notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
    fixedPence: bigint('fixed_pence', { mode: 'number' }).notNull(),
    earnedPence: bigint('earned_pence', { mode: 'number' }).notNull(),
    totalPence: bigint('total_pence', { mode: 'number' }).notNull(),
    document: text('document').notNull(),
    sha256: text('sha256').notNull(),
    /** 1 for the first issue of a period; a re-issue is the next revision (issue 18). */
    revision: integer('revision').notNull().default(1),
    /** The statement this one re-issues (revision - 1), or null for the first. */
    supersedesId: integer('supersedes_id'),
    /** Why it was re-issued, in the council's words. */
    reason: text('reason'),
  },
  (t) => [
    uniqueIndex('statements_contract_period_revision').on(t.contractId, t.period, t.revision),
    // a statement is superseded at most once, so revisions form one chain per period
    uniqueIndex('statements_supersedes').on(t.supersedesId),
    foreignKey({ name: 'statements_supersedes_fk', columns: [t.supersedesId], foreignColumns: [t.id] }),
    check('statements_revision', sql`${t.revision} >= 1 AND (${t.revision} = 1) = (${t.supersedesId} IS NULL)`),
    foreignKey({
      name: 'statements_contract_version_fk',
      columns: [t.contractId, t.version],
      foreignColumns: [contractVersions.contractId, contractVersions.version],
    }),
  ],
);

export const disputeEventKind = pgEnum('dispute_event_kind', ['raised', 'answered']);
export const disputeResolution = pgEnum('dispute_resolution', ['upheld', 'rejected']);

/**
 * A dispute on one line (indicator) of an issued statement (issue 18): raised by the practice,
 * answered by the council. Its history is its events, append-only like statements; its state is the
 * latest event (raised: open; answered: closed with the council's resolution).
 */
export const statementDisputes = pgTable(
  'statement_disputes',
  {
    id: serial('id').primaryKey(),
    statementId: integer('statement_id')
      .notNull()
      .references(() => statements.id),
    indicatorId: text('indicator_id').notNull(),
    raisedBy: text('raised_by').notNull(),
    raisedAt: timestamp('raised_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('statement_disputes_statement').on(t.statementId)],
);

export const disputeEvents = pgTable(
  'dispute_events',
  {
    id: serial('id').primaryKey(),
    disputeId: integer('dispute_id')
      .notNull()
      .references(() => statementDisputes.id),
    kind: disputeEventKind('kind').notNull(),
    /** The author's role in the contract: 'practice' or 'council'. */
    party: text('party').notNull(),
    author: text('author').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    message: text('message').notNull(),
    /** Set on an answer. */
    resolution: disputeResolution('resolution'),
  },
  (t) => [
    index('dispute_events_dispute').on(t.disputeId),
    check('dispute_events_answer', sql`(${t.kind} = 'answered') = (${t.resolution} IS NOT NULL)`),
  ],
);

/**
 * A cohort of referred children (issue 18), locked once: the children whose first episode in the
 * practice's SSDA903 returns to the contract's council began between `referredFrom` and
 * `referredTo`, each with the date of that episode (their referral), tracked for `months` after it.
 * Members are the council's pseudonymous child ids (unique within the council). Never edited.
 */
export const contractCohorts = pgTable(
  'contract_cohorts',
  {
    id: serial('id').primaryKey(),
    contractId: integer('contract_id')
      .notNull()
      .references(() => contracts.id),
    referredFrom: date('referred_from').notNull(),
    referredTo: date('referred_to').notNull(),
    months: integer('months').notNull(),
    lockedBy: text('locked_by').notNull(),
    lockedAt: timestamp('locked_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('contract_cohorts_contract').on(t.contractId),
    check('contract_cohorts_months', sql`${t.months} BETWEEN 1 AND 120`),
  ],
);

export const cohortMembers = pgTable(
  'cohort_members',
  {
    cohortId: integer('cohort_id')
      .notNull()
      .references(() => contractCohorts.id),
    councilCode: text('council_code').notNull(),
    child: text('child').notNull(),
    referredOn: date('referred_on').notNull(),
  },
  (t) => [primaryKey({ columns: [t.cohortId, t.councilCode, t.child] })],
);
