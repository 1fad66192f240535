import { boolean, index, integer, jsonb, pgEnum, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';

export const organisationKind = pgEnum('organisation_kind', ['department', 'council', 'practice']);
export const role = pgEnum('role', ['policy', 'council', 'practice', 'admin']);

/** An organisation a user belongs to: the Department, a council (by code) or a practice (by id). */
export const organisations = pgTable('organisations', {
  id: text('id').primaryKey(),
  kind: organisationKind('kind').notNull(),
  name: text('name').notNull(),
  /** The council code or practice id this organisation is; null for the Department. */
  subjectId: text('subject_id'),
});

export const users = pgTable('users', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  email: text('email').notNull().unique(),
  role: role('role').notNull(),
  organisationId: text('organisation_id')
    .notNull()
    .references(() => organisations.id),
  /** A disabled user's tokens are refused at once: the gateway reads this row on every request. */
  disabled: boolean('disabled').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Who read or submitted what, when: every read of child-derived figures and every submission. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: serial('id').primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    userId: text('user_id').notNull(),
    role: text('role').notNull(),
    organisationId: text('organisation_id'),
    action: text('action').notNull(),
    target: text('target'),
    detail: jsonb('detail').$type<Record<string, unknown>>(),
    submissionId: integer('submission_id'),
  },
  (t) => [index('audit_log_at').on(t.at), index('audit_log_user').on(t.userId)],
);
