/**
 * SSDA903 and CSWW code lists the generator draws from. Codes come from DfE's validation rules
 * (data/formats/ssda903_validation_rules_2024_25.csv names the rule; the code sets are those the rules
 * check, as read in Data to Insight's csc-validator-be-903 rule files) and from the CSWW 2022 XSD.
 * The generator only ever emits codes that are valid for the collection year it writes.
 */

/** Rule 101: SEX is M/F/U from the 2024-25 collection (year ending 31 March 2025), 1/2 before. */
export function sexCode(sex: 'M' | 'F', collectionYear: number): string {
  if (collectionYear >= 2025) return sex;
  return sex === 'M' ? '1' : '2';
}

/** Rule 103: ethnicity codes. */
export const ETHNIC_CODES = [
  'WBRI',
  'WIRI',
  'WOTH',
  'WIRT',
  'WROM',
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
] as const;

/** Rule 143: reason for new episode. */
export const RNE_CODES = ['S', 'P', 'L', 'T', 'U', 'B'] as const;
export type Rne = (typeof RNE_CODES)[number];

/** Rule 144: legal status (D1, freeing order, is not valid after December 2005 (rule 445) and is not used). */
export const LS_CODES = ['C1', 'C2', 'D1', 'E1', 'V2', 'V3', 'V4', 'J1', 'J2', 'J3', 'L1', 'L2', 'L3'] as const;

/** Rule 145: category of need. */
export const CIN_CODES = ['N1', 'N2', 'N3', 'N4', 'N5', 'N6', 'N7', 'N8'] as const;

/**
 * Rule 146: placement types valid in 2024-25 (P2 ceased on 28 October 2023, rule 217t; K3 and S1 are
 * listed but the generator does not use them).
 */
export const PLACE_CODES = [
  'A3',
  'A4',
  'A5',
  'A6',
  'H5',
  'K1',
  'K2',
  'P1',
  'P2',
  'P3',
  'R1',
  'R2',
  'R3',
  'R5',
  'S1',
  'T0',
  'T1',
  'T2',
  'T3',
  'T4',
  'U1',
  'U2',
  'U3',
  'U4',
  'U5',
  'U6',
  'Z1',
] as const;
export const TEMPORARY_PLACEMENTS = ['T0', 'T1', 'T2', 'T3', 'T4'] as const;

/** Rule 178: placement provider. */
export const PLACE_PROVIDER_CODES = ['PR0', 'PR1', 'PR2', 'PR3', 'PR4', 'PR5'] as const;

/** Rule 149: reason episode ceased. */
export const REC_CODES = [
  'E11',
  'E12',
  'E2',
  'E3',
  'E4A',
  'E4B',
  'E13',
  'E41',
  'E45',
  'E46',
  'E47',
  'E48',
  'E5',
  'E6',
  'E7',
  'E8',
  'E9',
  'E14',
  'E15',
  'E16',
  'E17',
  'X1',
] as const;

/** Rule 1009: reason for placement change. */
export const REASON_PLACE_CHANGE_CODES = [
  'CARPL',
  'CLOSE',
  'ALLEG',
  'STAND',
  'APPRR',
  'CREQB',
  'CREQO',
  'CHILD',
  'LAREQ',
  'PLACE',
  'CUSTOD',
  'OTHER',
] as const;

/** Rule 167: review participation (PN0: child under 4 at the review). */
export const REVIEW_CODES = ['PN0', 'PN1', 'PN2', 'PN3', 'PN4', 'PN5', 'PN6', 'PN7'] as const;

/** Rule 1006: missing (M) or away from placement without authorisation (A). */
export const MISSING_CODES = ['M', 'A'] as const;

/** Rule SW13STG1: reason for a new social worker episode. */
export const SW_REASON_CODES = [
  'MANAGE',
  'FCONTA',
  'LEFTRL',
  'ORGRST',
  'TSPROC',
  'ABSENC',
  'CHCHAN',
  'PCCHAN',
  'SWDIED',
  'OTHERS',
] as const;

/** Rule 196: reason for no SDQ score. */
export const SDQ_REASON_CODES = ['SDQ1', 'SDQ2', 'SDQ3', 'SDQ4', 'SDQ5'] as const;

/** Rules 131-133: care leavers' contact, activity and accommodation. */
export const IN_TOUCH_CODES = ['YES', 'NO', 'DIED', 'REFU', 'NREQ', 'RHOM'] as const;
export const ACTIV_CODES = ['F1', 'P1', 'F2', 'P2', 'F4', 'P4', 'F5', 'P5', 'G4', 'G5', 'G6', '0'] as const;
/** Before 2022-23 training or employment (and apprenticeships) were F3/P3 (liia-tools 2021 schema). */
export const ACTIV_CODES_BEFORE_2023 = ['F1', 'P1', 'F2', 'P2', 'F3', 'P3', 'G4', 'G5', 'G6', '0'] as const;
/** First collection year with F4/P4 (training or employment) and F5/P5 (apprenticeship). */
export const ACTIV_F4_FROM = 2023;
export const ACCOM_CODES = [
  'B1',
  'B2',
  'C1',
  'C2',
  'D1',
  'D2',
  'E1',
  'E2',
  'G1',
  'G2',
  'H1',
  'H2',
  'K1',
  'K2',
  'R1',
  'R2',
  'S2',
  'T1',
  'T2',
  'U1',
  'U2',
  'V1',
  'V2',
  'W1',
  'W2',
  'X2',
  'Y1',
  'Y2',
  'Z1',
  'Z2',
  '0',
] as const;

/** Rules 114, 175-177: adoption (AD1). */
export const NB_ADOPTR_CODES = ['1', '2'] as const;
export const SEX_ADOPTR_CODES = ['M1', 'F1', 'MM', 'FF', 'MF'] as const;
export const LS_ADOPTR_CODES = ['L0', 'L11', 'L12', 'L2', 'L3', 'L4'] as const;

/** Rule 120: reason the decision to place for adoption was reversed. */
export const REASON_PLACED_CEASED_CODES = ['RD1', 'RD2', 'RD3', 'RD4'] as const;

/** Rule 631: previous permanence option. */
export const PREV_PERM_CODES = ['P1', 'P2', 'P3', 'P4', 'Z1'] as const;

/** Rule 168: UPN check letters (DfE UPN guidance: remainder mod 23 -> letter, omitting I, O and S). */
export const UPN_CHECK_LETTERS = 'ABCDEFGHJKLMNPQRTUVWXYZ';

/**
 * A valid-format UPN: check letter + 3-digit LA code + 4-digit establishment + 2-digit year + 3-digit
 * serial. The check letter is DfE's: sum of each of the 12 following characters times its weight
 * (2 to 13) modulo 23.
 */
export function upnWithCheckLetter(twelveDigits: string): string {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += (twelveDigits.charCodeAt(i) - 48) * (i + 2);
  return UPN_CHECK_LETTERS[sum % 23] + twelveDigits;
}

/** CSWW 2022 XSD code lists. */
export const CSWW_ORG_ROLES = ['1', '2', '3', '4', '5', '6'] as const;
export const CSWW_REASON_LEAVE = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'] as const;
export const CSWW_LEAVER_DESTINATION = ['1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;
export const CSWW_START_ORIGIN = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'] as const;
export const CSWW_GENDER = ['0', '1', '2', '9'] as const;
export const CSWW_ETHNICITY = [
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
] as const;
export const CSWW_ABSENCE_REASONS = ['MAT', 'OTH', 'PUB', 'SIC', 'TRN', 'UNA', 'UNP'] as const;
export const CSWW_QUAL_LEVEL = ['1', '2', '3'] as const;
