import type { CswwModel } from '../csww/model';
import type { Ssda903Model } from '../ssda903/tables';

/** A value as it goes into a child-level column. Dates are ISO text (yyyy-mm-dd), as the readers give them. */
export type CellValue = string | number | boolean | null;

/**
 * One child-level table to fill: its columns (after the three every row carries: submission_id,
 * council_code, practice_id) and how to read each from a parsed row. Only the fields the hub's tables
 * hold are taken: no names, UPNs, postcodes (HOME_POST, PL_POST) or dates of birth of mothers' children.
 */
export interface TableRows<R = unknown> {
  table: string;
  columns: readonly string[];
  rows: readonly R[];
  values: (row: R) => CellValue[];
}

/** The columns every child-level row starts with, in this order. */
export const OWNER_COLUMNS = ['submission_id', 'council_code', 'practice_id'] as const;

/** DfE's 0/1 flags (OC2, CSWW) as booleans; blank stays null. Anything else was an error and never gets here. */
function flag(code: string | null): boolean | null {
  if (code === null) return null;
  if (code === '1') return true;
  if (code === '0') return false;
  throw new Error(`not a 0/1 flag: ${JSON.stringify(code)}`);
}

function table<R>(
  name: string,
  columns: readonly string[],
  rows: readonly R[],
  values: (row: R) => CellValue[],
): TableRows {
  return { table: name, columns, rows, values } as TableRows;
}

/**
 * The cla903_* rows of an accepted 903 return. UASC, AD1, PrevPerm and DoLo have no child-level table (no
 * indicator reads them); their files are kept in submission_files like every other.
 */
/**
 * How a registration number (SW_ID, SWENo) is stored: never as written, but as its keyed hash
 * (storedRegistration in @continuity/db, under the council's code and the server's secret).
 */
export type RegistrationHash = (raw: string | null) => string;

export function ssda903Tables(model: Ssda903Model, registration: RegistrationHash): TableRows[] {
  return [
    table('cla903_header', ['child', 'sex', 'dob', 'ethnic'], model.header, (r) => [r.CHILD, r.SEX, r.DOB, r.ETHNIC]),
    table(
      'cla903_episodes',
      ['child', 'decom', 'rne', 'ls', 'cin', 'place', 'place_provider', 'dec', 'rec', 'reason_place_change', 'urn'],
      model.episodes,
      (r) => [
        r.CHILD,
        r.DECOM,
        r.RNE,
        r.LS,
        r.CIN,
        r.PLACE,
        r.PLACE_PROVIDER,
        r.DEC,
        r.REC,
        r.REASON_PLACE_CHANGE,
        r.URN,
      ],
    ),
    table('cla903_reviews', ['child', 'review', 'review_code'], model.reviews, (r) => [
      r.CHILD,
      r.REVIEW,
      r.REVIEW_CODE,
    ]),
    table('cla903_missing', ['child', 'missing', 'mis_start', 'mis_end'], model.missing, (r) => [
      r.CHILD,
      r.MISSING,
      r.MIS_START,
      r.MIS_END,
    ]),
    table('cla903_sw_episodes', ['child', 'sw_id', 'sw_decom', 'sw_dec', 'sw_reason'], model.swEpisodes, (r) => [
      r.CHILD,
      registration(r.SW_ID),
      r.SW_DECOM,
      r.SW_DEC,
      r.SW_REASON,
    ]),
    table(
      'cla903_oc2',
      [
        'child',
        'sdq_score',
        'sdq_reason',
        'convicted',
        'health_check',
        'immunisations',
        'teeth_check',
        'health_assessment',
        'substance_misuse',
        'intervention_received',
        'intervention_offered',
      ],
      model.oc2,
      (r) => [
        r.CHILD,
        r.SDQ_SCORE,
        r.SDQ_REASON,
        flag(r.CONVICTED),
        flag(r.HEALTH_CHECK),
        flag(r.IMMUNISATIONS),
        flag(r.TEETH_CHECK),
        flag(r.HEALTH_ASSESSMENT),
        flag(r.SUBSTANCE_MISUSE),
        flag(r.INTERVENTION_RECEIVED),
        flag(r.INTERVENTION_OFFERED),
      ],
    ),
    table('cla903_oc3', ['child', 'dob', 'in_touch', 'activ', 'accom'], model.oc3, (r) => [
      r.CHILD,
      r.DOB,
      r.IN_TOUCH,
      r.ACTIV,
      r.ACCOM,
    ]),
    table(
      'cla903_placed_adoption',
      ['child', 'date_placed', 'date_placed_ceased', 'reason_placed_ceased'],
      model.placedAdoption,
      (r) => [r.CHILD, r.DATE_PLACED, r.DATE_PLACED_CEASED, r.REASON_PLACED_CEASED],
    ),
  ];
}

/**
 * The csww_* rows of an accepted census return. `case_holder` is set from Cases30 (holding one or more
 * cases on 30 September), the test DfE's caseload figure uses, not from OrgRole; null when Cases30 is blank.
 */
export function cswwTables(model: CswwModel, registration: RegistrationHash): TableRows[] {
  const la = model.laLevel;
  return [
    table(
      'csww_workers',
      [
        'swe_no',
        'agency_worker',
        'fte',
        'fte30',
        'org_role',
        'role_start_date',
        'role_end_date',
        'reason_leave',
        'cases30',
        'working_days_lost',
        'abs_at_30_sept',
        'case_holder',
      ],
      model.workers,
      (w) => [
        registration(w.SWENo),
        flag(w.AgencyWorker),
        w.FTE,
        w.FTE30,
        w.OrgRole,
        w.RoleStartDate,
        w.RoleEndDate,
        w.ReasonLeave,
        w.Cases30,
        w.WorkingDaysLost,
        flag(w.Absat30Sept),
        w.Cases30 === null ? null : w.Cases30 > 0,
      ],
    ),
    table('csww_la_level', ['vacancies_fte', 'agency_fte', 'agency_headcount'], la ? [la] : [], (r) => [
      r.NumberOfVacancies,
      r.NoAgencyFTE,
      r.NoAgencyHeadcount,
    ]),
  ];
}

/** Every child-level table an import of this kind writes (and deletes from when it is replaced). */
export const CHILD_TABLES = {
  ssda903: [
    'cla903_header',
    'cla903_episodes',
    'cla903_reviews',
    'cla903_missing',
    'cla903_sw_episodes',
    'cla903_oc2',
    'cla903_oc3',
    'cla903_placed_adoption',
  ],
  csww: ['csww_workers', 'csww_la_level'],
} as const;
