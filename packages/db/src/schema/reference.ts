import { date, integer, pgEnum, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';

/** Government office regions (and the inner/outer London split DfE uses in some tables). */
export const regions = pgTable('regions', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
});

/**
 * A council (local authority with children's services). Keyed by DfE's 3-digit code
 * (`old_la_code`, Kent = 886) because every DfE table carries it; the ONS code is kept beside it.
 */
export const councils = pgTable('councils', {
  code: text('code').primaryKey(),
  onsCode: text('ons_code').notNull().unique(),
  name: text('name').notNull(),
  regionCode: text('region_code')
    .notNull()
    .references(() => regions.code),
  /** First and last reporting year the council appears in DfE tables (reorganised councils end). */
  firstPeriod: integer('first_period'),
  lastPeriod: integer('last_period'),
});

/** DfE's children's services statistical neighbours: ten per council, ordered by closeness. */
export const statisticalNeighbours = pgTable(
  'statistical_neighbours',
  {
    councilCode: text('council_code')
      .notNull()
      .references(() => councils.code),
    neighbourCode: text('neighbour_code')
      .notNull()
      .references(() => councils.code),
    position: integer('position').notNull(),
    closeness: text('closeness'),
    /** Which model the grouping comes from, e.g. '2025' (May 2025 SN model). */
    model: text('model').notNull(),
  },
  (t) => [primaryKey({ columns: [t.councilCode, t.model, t.position] })],
);

export const pilotWaves = pgTable('pilot_waves', {
  wave: integer('wave').primaryKey(),
  name: text('name').notNull(),
  startYear: integer('start_year').notNull(),
  description: text('description').notNull(),
});

export const pilotCouncils = pgTable(
  'pilot_councils',
  {
    wave: integer('wave')
      .notNull()
      .references(() => pilotWaves.wave),
    councilCode: text('council_code')
      .notNull()
      .references(() => councils.code),
    withdrew: date('withdrew'),
    note: text('note'),
  },
  (t) => [primaryKey({ columns: [t.wave, t.councilCode] })],
);

export const practiceModel = pgEnum('practice_model', ['partnership', 'third_sector', 'private_company']);

/** A social work practice: an independent team contracted by one or more councils. */
export const practices = pgTable('practices', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** Null when the public sources we hold do not record the model. */
  model: practiceModel('model'),
  wave: integer('wave').references(() => pilotWaves.wave),
  started: date('started'),
  ended: date('ended'),
  /** Stable pseudonym shown to other practices instead of the name. */
  pseudonym: text('pseudonym').notNull().unique(),
});

export const practiceCouncils = pgTable(
  'practice_councils',
  {
    practiceId: text('practice_id')
      .notNull()
      .references(() => practices.id),
    councilCode: text('council_code')
      .notNull()
      .references(() => councils.code),
  },
  (t) => [primaryKey({ columns: [t.practiceId, t.councilCode] })],
);
