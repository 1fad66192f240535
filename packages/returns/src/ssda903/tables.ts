import type { Origin } from '../issues';

/**
 * How a field is typed on reading. Code lists are checked by rules (they change by collection year);
 * reading only turns text into dates and integers, keeping the raw text of anything that would not convert.
 *  - id: the CHILD identifier; always a string ('' when blank)
 *  - string: free text, trimmed; null when blank
 *  - code: a code from a list; trimmed, kept as written; null when blank
 *  - date: dd/mm/yyyy, stored as ISO yyyy-mm-dd; null when blank or invalid
 *  - integer: whole number; null when blank or invalid
 */
export type FieldKind = 'id' | 'string' | 'code' | 'date' | 'integer';

export interface TableSpec {
  /** DfE's table name, as the rules CSV names it. */
  readonly name: string;
  /** DfE column names in DfE's order, with their kinds. */
  readonly columns: Readonly<Record<string, FieldKind>>;
}

export const TABLES = {
  header: {
    name: 'Header',
    columns: { CHILD: 'id', SEX: 'code', DOB: 'date', ETHNIC: 'code', UPN: 'string', MOTHER: 'code', MC_DOB: 'date' },
  },
  episodes: {
    name: 'Episodes',
    columns: {
      CHILD: 'id',
      DECOM: 'date',
      RNE: 'code',
      LS: 'code',
      CIN: 'code',
      PLACE: 'code',
      PLACE_PROVIDER: 'code',
      DEC: 'date',
      REC: 'code',
      REASON_PLACE_CHANGE: 'code',
      HOME_POST: 'string',
      PL_POST: 'string',
      URN: 'string',
    },
  },
  reviews: { name: 'Reviews', columns: { CHILD: 'id', DOB: 'date', REVIEW: 'date', REVIEW_CODE: 'code' } },
  uasc: { name: 'UASC', columns: { CHILD: 'id', SEX: 'code', DOB: 'date', DUC: 'date' } },
  oc2: {
    name: 'OC2',
    columns: {
      CHILD: 'id',
      DOB: 'date',
      SDQ_SCORE: 'integer',
      SDQ_REASON: 'code',
      CONVICTED: 'code',
      HEALTH_CHECK: 'code',
      IMMUNISATIONS: 'code',
      TEETH_CHECK: 'code',
      HEALTH_ASSESSMENT: 'code',
      SUBSTANCE_MISUSE: 'code',
      INTERVENTION_RECEIVED: 'code',
      INTERVENTION_OFFERED: 'code',
    },
  },
  oc3: { name: 'OC3', columns: { CHILD: 'id', DOB: 'date', IN_TOUCH: 'code', ACTIV: 'code', ACCOM: 'code' } },
  ad1: {
    name: 'AD1',
    columns: {
      CHILD: 'id',
      DOB: 'date',
      DATE_INT: 'date',
      DATE_MATCH: 'date',
      FOSTER_CARE: 'code',
      NB_ADOPTR: 'code',
      SEX_ADOPTR: 'code',
      LS_ADOPTR: 'code',
    },
  },
  placedAdoption: {
    name: 'PlacedAdoption',
    columns: {
      CHILD: 'id',
      DOB: 'date',
      DATE_PLACED: 'date',
      DATE_PLACED_CEASED: 'date',
      REASON_PLACED_CEASED: 'code',
    },
  },
  // DATE_PERM may legitimately be part-known ("zz/05/2016"), so it stays text.
  prevPerm: {
    name: 'PrevPerm',
    columns: { CHILD: 'id', DOB: 'date', PREV_PERM: 'code', LA_PERM: 'string', DATE_PERM: 'string' },
  },
  missing: {
    name: 'Missing',
    columns: { CHILD: 'id', DOB: 'date', MISSING: 'code', MIS_START: 'date', MIS_END: 'date' },
  },
  swEpisodes: {
    name: 'SWEpisodes',
    columns: { CHILD: 'id', DOB: 'date', SW_ID: 'string', SW_DECOM: 'date', SW_DEC: 'date', SW_REASON: 'code' },
  },
  // Deprivation of liberty orders (new in 2024-25): read so such a file is recognised; no indicator uses it yet.
  doLo: { name: 'DoLo', columns: { CHILD: 'id', DOB: 'date', DOLO_START: 'date', DOLO_END: 'date' } },
} as const satisfies Record<string, TableSpec>;

export type TableKey = keyof typeof TABLES;
export const TABLE_KEYS = Object.keys(TABLES) as TableKey[];

type ValueOf<K> = K extends 'id' ? string : K extends 'integer' ? number | null : string | null;

/** Every row keeps its origin and, for fields that failed to convert, the raw text (so rules can report it). */
interface RowMeta {
  origin: Origin;
  invalid?: Record<string, string>;
}

export type RowOf<K extends TableKey> = {
  -readonly [C in keyof (typeof TABLES)[K]['columns']]: ValueOf<(typeof TABLES)[K]['columns'][C]>;
} & RowMeta;

export type HeaderRow = RowOf<'header'>;
export type EpisodeRow = RowOf<'episodes'>;
export type ReviewRow = RowOf<'reviews'>;
export type UascRow = RowOf<'uasc'>;
export type Oc2Row = RowOf<'oc2'>;
export type Oc3Row = RowOf<'oc3'>;
export type Ad1Row = RowOf<'ad1'>;
export type PlacedAdoptionRow = RowOf<'placedAdoption'>;
export type PrevPermRow = RowOf<'prevPerm'>;
export type MissingRow = RowOf<'missing'>;
export type SwEpisodeRow = RowOf<'swEpisodes'>;
export type DoLoRow = RowOf<'doLo'>;

/** Which file supplied which table. */
export interface Ssda903Source {
  table: TableKey;
  file: string;
  format: 'csv' | 'xml';
  rows: number;
}

/** The normalised return: the same shape whether it was read from CSVs or from XML. */
export type Ssda903Model = { [K in TableKey]: RowOf<K>[] } & { sources: Ssda903Source[] };

export function emptyModel(): Ssda903Model {
  const model = { sources: [] } as unknown as Ssda903Model;
  for (const key of TABLE_KEYS) (model as unknown as Record<string, unknown[]>)[key] = [];
  return model;
}

/** Row counts by table, e.g. { header: 2675, episodes: 5050, ... }. */
export function countRows(model: Ssda903Model): Record<TableKey, number> {
  return Object.fromEntries(TABLE_KEYS.map((k) => [k, model[k].length])) as Record<TableKey, number>;
}

export type Recognised = { ok: true; table: TableKey; extra: string[] } | { ok: false; message: string };

/**
 * Which table a CSV holds, from its header line (files may be named anything). A table matches when all its
 * columns are present; of several, the one with most columns wins. Extra columns are reported and ignored.
 */
export function recogniseTable(columns: readonly string[]): Recognised {
  const have = new Set(columns.map((c) => c.trim().toUpperCase()));
  let best: { table: TableKey; size: number } | undefined;
  let closest: { table: TableKey; missing: string[] } | undefined;
  for (const table of TABLE_KEYS) {
    const cols = Object.keys(TABLES[table].columns);
    const missing = cols.filter((c) => !have.has(c));
    if (missing.length === 0) {
      if (!best || cols.length > best.size) best = { table, size: cols.length };
      continue;
    }
    // CHILD and DOB open most tables, so only a table-specific column counts as a near match.
    const specific = cols.some((c) => c !== 'CHILD' && c !== 'DOB' && have.has(c));
    if (specific && (!closest || missing.length < closest.missing.length)) {
      closest = { table, missing };
    }
  }
  if (best) {
    const known = new Set(Object.keys(TABLES[best.table].columns));
    return { ok: true, table: best.table, extra: [...have].filter((c) => c !== '' && !known.has(c)) };
  }
  const shown = columns.slice(0, 8).join(', ') + (columns.length > 8 ? ', ...' : '');
  if (closest) {
    return {
      ok: false,
      message:
        `The header row (${shown}) looks like the ${TABLES[closest.table].name} table but lacks ` +
        `${closest.missing.join(', ')}. Check the first row holds DfE's column names.`,
    };
  }
  return {
    ok: false,
    message:
      `The header row (${shown}) does not match any SSDA903 table. The first row must hold DfE's column ` +
      `names, e.g. CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB for the Header table.`,
  };
}
