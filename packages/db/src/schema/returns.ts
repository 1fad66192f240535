import {
  boolean,
  customType,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { councils, practices } from './reference';

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
});

export const returnKind = pgEnum('return_kind', ['ssda903', 'csww']);
export const submissionStatus = pgEnum('submission_status', ['accepted', 'rejected', 'superseded']);

/**
 * One submission of a return: who sent which files when, and what became of it. A return is
 * identified by (kind, council, practice, collection year); its current data is the one accepted
 * submission, and earlier ones stay as history (superseded). Rejected submissions keep their errors.
 */
export const submissions = pgTable(
  'submissions',
  {
    id: serial('id').primaryKey(),
    kind: returnKind('kind').notNull(),
    councilCode: text('council_code')
      .notNull()
      .references(() => councils.code),
    /** Null for a council's own return; set when a practice submits for the children it holds. */
    practiceId: text('practice_id').references(() => practices.id),
    /** The year the collection ends: 903 year to 31 March 2025 -> 2025; census at 30 Sept 2024 -> 2024. */
    collectionYear: integer('collection_year').notNull(),
    status: submissionStatus('status').notNull(),
    submittedBy: text('submitted_by').notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
    /** SHA-256 over the sorted file hashes: the same files resubmitted are recognised. */
    contentHash: text('content_hash').notNull(),
    /** Rows read per table, e.g. {"episodes": 5050}. */
    counts: jsonb('counts').$type<Record<string, number>>().notNull().default({}),
    errors: jsonb('errors').$type<unknown[]>().notNull().default([]),
    warnings: jsonb('warnings').$type<unknown[]>().notNull().default([]),
    supersededBy: integer('superseded_by'),
  },
  (t) => [
    index('submissions_return').on(t.kind, t.councilCode, t.practiceId, t.collectionYear),
    index('submissions_hash').on(t.contentHash),
  ],
);

/** Every file received, accepted or rejected, kept byte for byte. */
export const submissionFiles = pgTable('submission_files', {
  id: serial('id').primaryKey(),
  submissionId: integer('submission_id')
    .notNull()
    .references(() => submissions.id),
  name: text('name').notNull(),
  sha256: text('sha256').notNull(),
  size: integer('size').notNull(),
  bytes: bytea('bytes').notNull(),
});

/*
 * Child-level SSDA903 rows, one table per 903 table the indicators read. Each row carries the
 * submission it came from and the council (child ids are the council's pseudonymous ids, unique only
 * within a council). Postcodes, UPNs and other identifying fields are not stored here: the raw files
 * are kept, and no indicator needs them.
 */
const childColumns = () => ({
  submissionId: integer('submission_id')
    .notNull()
    .references(() => submissions.id),
  councilCode: text('council_code').notNull(),
  practiceId: text('practice_id'),
  child: text('child').notNull(),
});

export const cla903Header = pgTable(
  'cla903_header',
  {
    ...childColumns(),
    sex: text('sex'),
    dob: date('dob'),
    ethnic: text('ethnic'),
  },
  (t) => [uniqueIndex('cla903_header_child').on(t.submissionId, t.child)],
);

export const cla903Episodes = pgTable(
  'cla903_episodes',
  {
    ...childColumns(),
    decom: date('decom').notNull(),
    rne: text('rne'),
    ls: text('ls'),
    cin: text('cin'),
    place: text('place'),
    placeProvider: text('place_provider'),
    dec: date('dec'),
    rec: text('rec'),
    reasonPlaceChange: text('reason_place_change'),
    urn: text('urn'),
  },
  (t) => [index('cla903_episodes_child').on(t.submissionId, t.child, t.decom)],
);

export const cla903Reviews = pgTable(
  'cla903_reviews',
  {
    ...childColumns(),
    review: date('review').notNull(),
    reviewCode: text('review_code'),
  },
  (t) => [index('cla903_reviews_sub').on(t.submissionId)],
);

export const cla903Missing = pgTable(
  'cla903_missing',
  {
    ...childColumns(),
    missing: text('missing'),
    misStart: date('mis_start'),
    misEnd: date('mis_end'),
  },
  (t) => [index('cla903_missing_sub').on(t.submissionId)],
);

export const cla903SwEpisodes = pgTable(
  'cla903_sw_episodes',
  {
    ...childColumns(),
    swId: text('sw_id').notNull(),
    swDecom: date('sw_decom'),
    swDec: date('sw_dec'),
    swReason: text('sw_reason'),
  },
  (t) => [index('cla903_sw_episodes_sub').on(t.submissionId, t.child)],
);

/** OC2: outcomes for children looked after continuously for 12 months at 31 March. */
export const cla903Oc2 = pgTable(
  'cla903_oc2',
  {
    ...childColumns(),
    sdqScore: integer('sdq_score'),
    sdqReason: text('sdq_reason'),
    convicted: boolean('convicted'),
    healthCheck: boolean('health_check'),
    immunisations: boolean('immunisations'),
    teethCheck: boolean('teeth_check'),
    healthAssessment: boolean('health_assessment'),
    substanceMisuse: boolean('substance_misuse'),
    interventionReceived: boolean('intervention_received'),
    interventionOffered: boolean('intervention_offered'),
  },
  (t) => [index('cla903_oc2_sub').on(t.submissionId)],
);

/** OC3: care leavers' activity and accommodation on or around their 17th to 21st birthday. */
export const cla903Oc3 = pgTable(
  'cla903_oc3',
  {
    ...childColumns(),
    dob: date('dob'),
    inTouch: text('in_touch'),
    activ: text('activ'),
    accom: text('accom'),
  },
  (t) => [index('cla903_oc3_sub').on(t.submissionId)],
);

/** Placed for adoption: needed for long-term stability (adoptive placement with the same carer). */
export const cla903PlacedAdoption = pgTable(
  'cla903_placed_adoption',
  {
    ...childColumns(),
    datePlaced: date('date_placed'),
    datePlacedCeased: date('date_placed_ceased'),
    reasonPlacedCeased: text('reason_placed_ceased'),
  },
  (t) => [index('cla903_placed_adoption_sub').on(t.submissionId)],
);

/** Workforce census: one row per CSWWWorker (identified by SWE number). */
export const cswwWorkers = pgTable(
  'csww_workers',
  {
    submissionId: integer('submission_id')
      .notNull()
      .references(() => submissions.id),
    councilCode: text('council_code').notNull(),
    practiceId: text('practice_id'),
    sweNo: text('swe_no').notNull(),
    agencyWorker: boolean('agency_worker').notNull(),
    fte: doublePrecision('fte'),
    /** FTE at 30 September (in post on the census date). */
    fte30: doublePrecision('fte30'),
    orgRole: text('org_role'),
    roleStartDate: date('role_start_date'),
    roleEndDate: date('role_end_date'),
    reasonLeave: text('reason_leave'),
    cases30: integer('cases30'),
    workingDaysLost: doublePrecision('working_days_lost'),
    absAt30Sept: boolean('abs_at_30_sept'),
    caseHolder: boolean('case_holder'),
  },
  (t) => [index('csww_workers_sub').on(t.submissionId)],
);

/** Workforce census council-level figures: vacancies and agency staff. */
export const cswwLaLevel = pgTable('csww_la_level', {
  submissionId: integer('submission_id')
    .primaryKey()
    .references(() => submissions.id),
  councilCode: text('council_code').notNull(),
  practiceId: text('practice_id'),
  vacanciesFte: doublePrecision('vacancies_fte'),
  agencyFte: doublePrecision('agency_fte'),
  agencyHeadcount: doublePrecision('agency_headcount'),
});
