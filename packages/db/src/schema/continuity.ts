import { index, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';

/*
 * The continuity ledger (issue 15): what the recompute derives from joining a council's SSDA903
 * social worker episodes to its workforce census by registration number, beyond the ratios it writes
 * to indicator_values. Council and practice rows only (from their own returns); regions and England
 * are pooled from council rows at read time (sums of counts, never averages). Registration numbers
 * never reach these tables: only counts do.
 */

/**
 * The life table behind the Kaplan-Meier survival of child-worker relationships: per subject, year
 * and duration in days since the relationship began, how many relationships came under observation
 * (`entered`: 0 for those that began in the year; the days already elapsed at 1 April for those
 * carried in, i.e. delayed entry), ended in a change of worker (`events`) or stopped being observed
 * (`censored`: still open at 31 March, or the child left care). The curve and its Greenwood band
 * are computed from these counts when read, so pooled groups need only sum them.
 */
export const continuitySurvival = pgTable(
  'continuity_survival',
  {
    subjectKind: text('subject_kind').notNull(),
    subjectId: text('subject_id').notNull(),
    period: integer('period').notNull(),
    day: integer('day').notNull(),
    entered: integer('entered').notNull(),
    events: integer('events').notNull(),
    censored: integer('censored').notNull(),
    councilCode: text('council_code').notNull(),
    submissionId: integer('submission_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.subjectKind, t.subjectId, t.period, t.day] }),
    index('continuity_survival_council').on(t.councilCode, t.period),
  ],
);

/**
 * Changes of social worker in the year, by the reason recorded on the new episode (SW_REASON) and by
 * what the census says became of the worker the child lost: `left` (left the council), `agency_ended`
 * (an agency worker whose assignment ended), `stayed` (still with the council: an internal move),
 * `unmatched` (registration number "XX", or not found in the council's census), `no_census` (no
 * census return loaded for the years around the change).
 */
export const continuityChanges = pgTable(
  'continuity_changes',
  {
    subjectKind: text('subject_kind').notNull(),
    subjectId: text('subject_id').notNull(),
    period: integer('period').notNull(),
    reason: text('reason').notNull(),
    outcome: text('outcome').notNull(),
    changes: integer('changes').notNull(),
    councilCode: text('council_code').notNull(),
    submissionId: integer('submission_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.subjectKind, t.subjectId, t.period, t.reason, t.outcome] }),
    index('continuity_changes_council').on(t.councilCode, t.period),
  ],
);
