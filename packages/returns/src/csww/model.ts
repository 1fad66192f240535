import type { Origin } from '../issues';

/**
 * Field kinds of the workforce census (CSWW) XML, from the XSD: dates are xs:date (yyyy-mm-dd, kept as ISO),
 * decimals and integers become numbers; codes stay text. Anything that will not convert is null, with its raw
 * text kept in `invalid` for the rules to report.
 */
export type CswwKind = 'code' | 'string' | 'date' | 'decimal' | 'integer';

export const WORKER_FIELDS = {
  AgencyWorker: 'code',
  SWENo: 'string',
  FTE: 'decimal',
  PersonBirthDate: 'date',
  GenderCurrent: 'code',
  Ethnicity: 'code',
  QualInst: 'string',
  QualLevel: 'code',
  StepUpGrad: 'code',
  OrgRole: 'code',
  RoleStartDate: 'date',
  StartOrigin: 'code',
  RoleEndDate: 'date',
  LeaverDestination: 'code',
  ReasonLeave: 'code',
  FTE30: 'decimal',
  Cases30: 'integer',
  WorkingDaysLost: 'decimal',
  ContractWeeks: 'decimal',
  FrontlineGrad: 'code',
  Absat30Sept: 'code',
  ReasonAbsence: 'code',
  CFKSSstatus: 'code',
} as const satisfies Record<string, CswwKind>;

export const LA_LEVEL_FIELDS = {
  NumberOfVacancies: 'decimal',
  NoAgencyFTE: 'decimal',
  NoAgencyHeadcount: 'integer',
} as const satisfies Record<string, CswwKind>;

type ValueOf<K> = K extends 'decimal' | 'integer' ? number | null : string | null;

interface Meta {
  origin: Origin;
  invalid?: Record<string, string>;
}

export type CswwWorker = { -readonly [F in keyof typeof WORKER_FIELDS]: ValueOf<(typeof WORKER_FIELDS)[F]> } & Meta;
export type CswwLaLevel = {
  -readonly [F in keyof typeof LA_LEVEL_FIELDS]: ValueOf<(typeof LA_LEVEL_FIELDS)[F]>;
} & Meta;

export interface CswwHeader {
  origin: Origin;
  /** Collection name, "CSWW". */
  Collection: string | null;
  /** Census year as written (xs:gYear). */
  Year: string | null;
  /** xs:date, ISO; null if absent or invalid (raw kept in `invalid`). */
  ReferenceDate: string | null;
  /** The council's 3-digit DfE code. */
  LEA: string | null;
  invalid?: Record<string, string>;
}

export interface CswwModel {
  file: string;
  header: CswwHeader | null;
  laLevel: CswwLaLevel | null;
  workers: CswwWorker[];
}
