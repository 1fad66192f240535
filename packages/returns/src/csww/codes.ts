/** Workforce census code lists, from the enumerations in spec/csww_social_work_workforce_2022.xsd. */
export const CSWW_CODES = {
  AgencyWorker: { '0': 'not an agency worker', '1': 'agency worker' },
  GenderCurrent: { '0': 'not known', '1': 'male', '2': 'female', '9': 'not specified' },
  Ethnicity: Object.fromEntries(
    [
      'WBRI',
      'WIRI',
      'WOTH',
      'MWBC',
      'MWBA',
      'MWAS',
      'MOTH',
      'AIND',
      'APKN',
      'ABAN',
      'AOTH',
      'BCRB',
      'BAFR',
      'BOTH',
      'CHNE',
      'OOTH',
      'REFU',
      'NOBT',
    ].map((c) => [c, c]),
  ),
  QualLevel: { '1': 'under-graduate', '2': 'post-graduate', '3': 'other' },
  StepUpGrad: { '0': 'no', '1': 'yes' },
  FrontlineGrad: { '0': 'no', '1': 'yes' },
  Absat30Sept: { '0': 'no', '1': 'yes' },
  OrgRole: {
    '1': 'senior manager',
    '2': 'middle manager',
    '3': 'first line manager',
    '4': 'senior practitioner',
    '5': 'case holder',
    '6': 'qualified without cases',
  },
  StartOrigin: Object.fromEntries(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'].map((c) => [c, c])),
  LeaverDestination: Object.fromEntries(['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((c) => [c, c])),
  ReasonLeave: {
    '1': 'resignation',
    '2': 'voluntary redundancy',
    '3': 'compulsory redundancy',
    '4': 'dismissed',
    '5': 'retired',
    '6': 'deceased',
    '7': 'moved to a non-child and family social work role within the LA',
    '8': 'other',
    '9': 'not known',
    '10': 'not yet collected',
  },
  ReasonAbsence: {
    MAT: 'maternity/paternity',
    OTH: 'other paid authorised',
    PUB: 'public duties',
    SIC: 'sick leave',
    TRN: 'training',
    UNA: 'unauthorised',
    UNP: 'unpaid authorised',
  },
  CFKSSstatus: { '1': 'AYSE', '2': 'frontline practitioner', '3': 'practice supervisor', '4': 'practice leader' },
} as const satisfies Record<string, Record<string, string>>;

export type CswwCodedField = keyof typeof CSWW_CODES;

export function describeCswwCodes(field: CswwCodedField): string {
  const entries = Object.entries(CSWW_CODES[field] as Record<string, string>);
  const shown = entries.map(([c, label]) => (c === label ? c : `${c} (${label})`));
  return shown.length > 12
    ? `${shown.slice(0, 12).join(', ')}, ...`
    : `${shown.slice(0, -1).join(', ')} or ${shown[shown.length - 1]}`;
}
