/*
 * SSDA903 code lists. The XSD gives lengths only, so these come from DfE's guidance as implemented by the
 * open-source validators credited in spec/CREDITS.md. Where a list changed, `byYear` keeps every version with
 * the first collection year (year ending 31 March) it applies to.
 */

/** A code list that may change from one collection year to another. */
export interface CodeList {
  name: string;
  /** Versions, oldest first; each applies from `from` (collection year) until the next one. */
  versions: readonly { from: number; codes: readonly string[]; labels?: Readonly<Record<string, string>> }[];
}

export function codesFor(list: CodeList, year: number): readonly string[] {
  let codes = list.versions[0]!.codes;
  for (const v of list.versions) if (v.from <= year) codes = v.codes;
  return codes;
}

const always = (name: string, codes: readonly string[], labels?: Record<string, string>): CodeList => ({
  name,
  versions: [{ from: 0, codes, ...(labels ? { labels } : {}) }],
});

/** SEX: 1/2 until 2023-24; M/F/U from 2024-25 (d2i lac2024_25 rule 101; DOMAIN.md). */
export const SEX: CodeList = {
  name: 'SEX',
  versions: [
    { from: 0, codes: ['1', '2'], labels: { '1': 'male', '2': 'female' } },
    { from: 2025, codes: ['M', 'F', 'U'], labels: { M: 'male', F: 'female', U: 'unknown' } },
  ],
};

export const ETHNIC = always('ETHNIC', [
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
]);

/** Reason for new episode. P and T change the carer; B and U do not (DOMAIN.md). */
export const RNE = always('RNE', ['S', 'L', 'P', 'T', 'U', 'B'], {
  S: 'started to be looked after',
  L: 'change of legal status only',
  P: 'change of placement (carer) only',
  T: 'change of legal status and placement (carer)',
  U: 'change of legal status and placement, same carer',
  B: 'change of placement, same carer',
});
export const RNE_CARER_CHANGES = new Set(['P', 'T']);
export const RNE_PLACEMENT_CHANGES = new Set(['P', 'T', 'U', 'B']);
export const RNE_LEGAL_STATUS_CHANGES = new Set(['L', 'T', 'U']);

export const LS = always('LS', ['C1', 'C2', 'D1', 'E1', 'V2', 'V3', 'V4', 'J1', 'J2', 'J3', 'L1', 'L2', 'L3']);
/** Legal statuses of an agreed series of short-term (respite) placements. */
export const LS_RESPITE = new Set(['V3', 'V4']);

export const CIN = always('CIN', ['N1', 'N2', 'N3', 'N4', 'N5', 'N6', 'N7', 'N8']);

/**
 * Placement types. K3 appears in d2i's 2024-25 list (written there in lower case); we accept it from 2024-25.
 */
const PLACE_CODES = [
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
export const PLACE: CodeList = {
  name: 'PLACE',
  versions: [
    { from: 0, codes: PLACE_CODES },
    { from: 2025, codes: [...PLACE_CODES, 'K3'] },
  ],
};
/** Temporary placements: not counted as placements in the stability measures. */
export const PLACE_TEMPORARY = new Set(['T0', 'T1', 'T2', 'T3', 'T4']);

export const PLACE_PROVIDER = always('PLACE_PROVIDER', ['PR0', 'PR1', 'PR2', 'PR3', 'PR4', 'PR5']);

/** Reason episode ceased. X1 = episode ceases and a new one begins (the child stays looked after). */
export const REC = always('REC', [
  'X1',
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
]);

export const REASON_PLACE_CHANGE = always('REASON_PLACE_CHANGE', [
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
]);

/** Participation in reviews: PN0 = child under 4 at the review; PN1..PN7 = ways a child aged 4+ took part. */
export const REVIEW_CODE = always('REVIEW_CODE', ['PN0', 'PN1', 'PN2', 'PN3', 'PN4', 'PN5', 'PN6', 'PN7']);

/** M = missing; A = away from placement without authorisation. */
export const MISSING = always('MISSING', ['M', 'A']);

export const SW_REASON = always('SW_REASON', [
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
]);

export const SDQ_REASON = always('SDQ_REASON', ['SDQ1', 'SDQ2', 'SDQ3', 'SDQ4', 'SDQ5']);
export const ZERO_ONE = always('0/1', ['0', '1'], { '0': 'no', '1': 'yes' });

export const IN_TOUCH = always('IN_TOUCH', ['YES', 'NO', 'DIED', 'REFU', 'NREQ', 'RHOM']);

/**
 * OC3 activity. F3/P3 (liia-tools 2021 schema) gave way to F4/P4/F5/P5 (d2i lac2022_23 rule 132, liia-tools
 * 2024 schema); we date the change to 2022-23, the first year d2i's list carries the new codes.
 */
export const ACTIV: CodeList = {
  name: 'ACTIV',
  versions: [
    { from: 0, codes: ['F1', 'P1', 'F2', 'P2', 'F3', 'P3', 'G4', 'G5', 'G6', '0'] },
    { from: 2023, codes: ['F1', 'P1', 'F2', 'P2', 'F4', 'P4', 'F5', 'P5', 'G4', 'G5', 'G6', '0'] },
  ],
};

export const ACCOM = always('ACCOM', [
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
  'S1',
  'S2',
  'T1',
  'T2',
  'U1',
  'U2',
  'V1',
  'V2',
  'W1',
  'W2',
  'X1',
  'X2',
  'Y1',
  'Y2',
  'Z1',
  'Z2',
  '0',
]);

export const REASON_PLACED_CEASED = always('REASON_PLACED_CEASED', ['RD1', 'RD2', 'RD3', 'RD4']);

/** "1 (male) or 2 (female)"-style list for messages. */
export function describeCodes(list: CodeList, year: number, max = 14): string {
  const version = [...list.versions].reverse().find((v) => v.from <= year) ?? list.versions[0]!;
  const shown = version.codes.slice(0, max).map((c) => (version.labels?.[c] ? `${c} (${version.labels[c]})` : c));
  const more = version.codes.length > max ? `, ... (${version.codes.length} codes)` : '';
  if (shown.length === 1) return shown[0]! + more;
  return more ? shown.join(', ') + more : `${shown.slice(0, -1).join(', ')} or ${shown[shown.length - 1]}`;
}
