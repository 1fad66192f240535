/**
 * SSDA903 return -> DfE-format CSV files, one per table: DfE column names in DfE order (as in Data to
 * Insight's fake returns), dates dd/mm/yyyy, blanks for missing values, LF line ends, UTF-8 without BOM.
 */
import { formatDfe, type Day } from './dates';
import { ByteSink, type GeneratedFile } from './sink';
import type { Child903, Ssda903Return } from './ssda903';

/** Column names of each 903 CSV table, in DfE's order. */
export const SSDA903_CSV_COLUMNS = {
  header: ['CHILD', 'SEX', 'DOB', 'ETHNIC', 'UPN', 'MOTHER', 'MC_DOB'],
  episodes: [
    'CHILD',
    'DECOM',
    'RNE',
    'LS',
    'CIN',
    'PLACE',
    'PLACE_PROVIDER',
    'DEC',
    'REC',
    'REASON_PLACE_CHANGE',
    'HOME_POST',
    'PL_POST',
    'URN',
  ],
  reviews: ['CHILD', 'DOB', 'REVIEW', 'REVIEW_CODE'],
  uasc: ['CHILD', 'SEX', 'DOB', 'DUC'],
  oc2: [
    'CHILD',
    'DOB',
    'SDQ_SCORE',
    'SDQ_REASON',
    'CONVICTED',
    'HEALTH_CHECK',
    'IMMUNISATIONS',
    'TEETH_CHECK',
    'HEALTH_ASSESSMENT',
    'SUBSTANCE_MISUSE',
    'INTERVENTION_RECEIVED',
    'INTERVENTION_OFFERED',
  ],
  oc3: ['CHILD', 'DOB', 'IN_TOUCH', 'ACTIV', 'ACCOM'],
  ad1: ['CHILD', 'DOB', 'DATE_INT', 'DATE_MATCH', 'FOSTER_CARE', 'NB_ADOPTR', 'SEX_ADOPTR', 'LS_ADOPTR'],
  placed_for_adoption: ['CHILD', 'DOB', 'DATE_PLACED', 'DATE_PLACED_CEASED', 'REASON_PLACED_CEASED'],
  previous_permanence: ['CHILD', 'DOB', 'PREV_PERM', 'LA_PERM', 'DATE_PERM'],
  missing: ['CHILD', 'DOB', 'MISSING', 'MIS_START', 'MIS_END'],
  sw_episodes: ['CHILD', 'DOB', 'SW_ID', 'SW_DECOM', 'SW_DEC', 'SW_REASON'],
} as const;

export type Ssda903Table = keyof typeof SSDA903_CSV_COLUMNS;

const d = (day: Day | null): string => (day === null ? '' : formatDfe(day));
const s = (v: string | number | null): string => {
  if (v === null) return '';
  const t = String(v);
  return /[",\n\r]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
};

type RowWriter = (c: Child903, dob: string, out: ByteSink) => void;

const ROWS: Record<Ssda903Table, RowWriter> = {
  header: (c, dob, out) =>
    out.write(`${c.child},${s(c.sex)},${dob},${s(c.ethnic)},${s(c.upn)},${s(c.mother)},${d(c.mcDob)}\n`),
  episodes: (c, _dob, out) => {
    for (const e of c.episodes) {
      out.write(
        `${c.child},${d(e.decom)},${e.rne},${e.ls},${e.cin},${e.place},${s(e.placeProvider)},${d(e.dec)},${s(e.rec)},` +
          `${s(e.reasonPlaceChange)},${s(e.homePost)},${s(e.plPost)},${s(e.urn)}\n`,
      );
    }
  },
  reviews: (c, dob, out) => {
    for (const r of c.reviews) out.write(`${c.child},${dob},${d(r.review)},${r.reviewCode}\n`);
  },
  uasc: (c, dob, out) => {
    if (c.uasc) out.write(`${c.child},${s(c.sex)},${dob},${d(c.uasc.duc)}\n`);
  },
  oc2: (c, dob, out) => {
    const o = c.oc2;
    if (!o) return;
    out.write(
      `${c.child},${dob},${s(o.sdqScore)},${s(o.sdqReason)},${s(o.convicted)},${s(o.healthCheck)},${o.immunisations},` +
        `${o.teethCheck},${o.healthAssessment},${o.substanceMisuse},${s(o.interventionReceived)},${s(o.interventionOffered)}\n`,
    );
  },
  oc3: (c, dob, out) => {
    if (c.oc3) out.write(`${c.child},${dob},${c.oc3.inTouch},${s(c.oc3.activ)},${s(c.oc3.accom)}\n`);
  },
  ad1: (c, dob, out) => {
    const a = c.ad1;
    if (a) {
      out.write(
        `${c.child},${dob},${d(a.dateInt)},${d(a.dateMatch)},${a.fosterCare},${a.nbAdoptr},${a.sexAdoptr},${a.lsAdoptr}\n`,
      );
    }
  },
  placed_for_adoption: (c, dob, out) => {
    for (const p of c.placedAdoption) {
      out.write(`${c.child},${dob},${d(p.datePlaced)},${d(p.datePlacedCeased)},${s(p.reasonPlacedCeased)}\n`);
    }
  },
  previous_permanence: (c, dob, out) => {
    const p = c.prevPerm;
    if (p) out.write(`${c.child},${dob},${p.prevPerm},${s(p.laPerm)},${d(p.datePerm)}\n`);
  },
  missing: (c, dob, out) => {
    for (const m of c.missing) out.write(`${c.child},${dob},${m.missing},${d(m.misStart)},${d(m.misEnd)}\n`);
  },
  sw_episodes: (c, dob, out) => {
    for (const w of c.swEpisodes)
      out.write(`${c.child},${dob},${w.swId},${d(w.swDecom)},${d(w.swDec)},${s(w.swReason)}\n`);
  },
};

export interface Ssda903CsvOptions {
  /** Prefix for file names, e.g. '886_2025_' -> '886_2025_episodes.csv'. Default none. */
  prefix?: string;
  /** Tables to write (default: all). Every table is written, with its header row, even when empty. */
  tables?: readonly Ssda903Table[];
}

export function writeSsda903Csv(ret: Ssda903Return, opts: Ssda903CsvOptions = {}): GeneratedFile[] {
  const tables = opts.tables ?? (Object.keys(SSDA903_CSV_COLUMNS) as Ssda903Table[]);
  const prefix = opts.prefix ?? '';
  return tables.map((table) => {
    const out = new ByteSink();
    out.write(`${SSDA903_CSV_COLUMNS[table].join(',')}\n`);
    const row = ROWS[table];
    for (const c of ret.children) row(c, formatDfe(c.dob), out);
    return { name: `${prefix}${table}.csv`, bytes: out.bytes() };
  });
}
