/**
 * The conformance suite's own reading of DfE's published files (packages/published/data), written
 * apart from the loader on purpose: its own CSV reading (csv-parse, the kept library), its own map
 * from DfE's column names to the catalogue's indicator ids (as the catalogue's `source` and
 * packages/published/README.md document them), its own sums. Nothing here imports the loader's
 * sources, cells or builder, so a mistake there shows up as a difference instead of agreeing with
 * itself. Test support only.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';

const DATA = new URL('../../../../packages/published/data/', import.meta.url);

type Row = Record<string, string>;

/** What DfE printed for one figure, as the API should serve it. */
export interface FileCell {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  symbol: string | null;
}

/** `kind|id|period` -> the figure. */
export type FileTable = Map<string, FileCell>;

export const cellKey = (kind: string, id: string, period: number) => `${kind}|${id}|${period}`;

const files = new Map<string, Row[]>();
function rowsOf(file: string): Row[] {
  let rows = files.get(file);
  if (!rows) {
    rows = parse(readFileSync(new URL(file, DATA)), { columns: true, bom: true }) as Row[];
    files.set(file, rows);
  }
  return rows;
}

/** A printed cell: a number (with its decimals) or a symbol such as c, x, z, low. */
interface Printed {
  number: number | null;
  symbol: string | null;
  decimals: number;
}
function printed(text: string | undefined): Printed {
  const t = (text ?? '').trim();
  if (t === '') return { number: null, symbol: null, decimals: 0 };
  if (!/^-?[0-9]+(\.[0-9]+)?$/.test(t)) return { number: null, symbol: t, decimals: 0 };
  const dot = t.indexOf('.');
  return { number: Number(t), symbol: null, decimals: dot < 0 ? 0 : t.length - dot - 1 };
}

/** A formula's result kept to the inputs' printed precision (FTEs to 0.1), as DfE prints its inputs. */
function fixed(n: number, decimals: number): number {
  return Number(n.toFixed(decimals));
}

/** The year a time_period ends in: 2025 -> 2025, academic 202425 -> 2025. */
function yearOf(timePeriod: string): number {
  return timePeriod.length === 6 ? Number(timePeriod.slice(0, 4)) + 1 : Number(timePeriod);
}

/** Who a row is about. Joint rows ("314 / 318") are the first code's; the partner is `z`. */
function whoOf(row: Row): { kind: string; id: string; partners: string[] } {
  if (row.geographic_level === 'National') return { kind: 'england', id: row.country_code!, partners: [] };
  if (row.geographic_level === 'Regional') return { kind: 'region', id: row.region_code!, partners: [] };
  const codes = row.old_la_code!.split('/').map((c) => c.trim());
  return { kind: 'council', id: codes[0]!, partners: codes.slice(1) };
}

/** One file's part of an indicator: which rows, and how a subject's rows of a period make a figure. */
interface Part {
  file: string;
  keep: (row: Row) => boolean;
  figure: (rows: Row[], year: number) => { value: Printed; numerator: Printed | null; denominator: Printed | null };
}

/** The single row among a subject's rows of a period where `column` reads `label`. */
function only(rows: Row[], column: string, label: string): Row {
  const found = rows.filter((r) => r[column] === label);
  if (found.length !== 1) throw new Error(`${found.length} rows with ${column} = ${label}`);
  return found[0]!;
}
function single(rows: Row[]): Row {
  if (rows.length !== 1) throw new Error(`${rows.length} rows where one was expected`);
  return rows[0]!;
}

/** Long tables: a measure row over the group's total row, count and percent columns. */
function long(
  file: string,
  group: [string, string],
  by: string,
  measure: string,
  total: string,
  count: string,
  percent: string,
): Part {
  return {
    file,
    keep: (r) => r[group[0]] === group[1],
    figure: (rows) => {
      const m = only(rows, by, measure);
      return {
        value: printed(m[percent]),
        numerator: printed(m[count]),
        denominator: printed(only(rows, by, total)[count]),
      };
    },
  };
}

/** Wide tables: one row a subject, value / numerator / denominator columns. */
function wide(file: string, keep: (r: Row) => boolean, value: string, numerator: string, denominator: string): Part {
  return {
    file,
    keep,
    figure: (rows) => {
      const r = single(rows);
      return { value: printed(r[value]), numerator: printed(r[numerator]), denominator: printed(r[denominator]) };
    },
  };
}

/** a + b to the inputs' precision; a symbol in either part is the sum's symbol. */
function plus(a: Printed, b: Printed): Printed {
  if (a.number === null) return a;
  if (b.number === null) return b;
  const decimals = Math.max(a.decimals, b.decimals);
  return { number: fixed(a.number + b.number, decimals), symbol: null, decimals };
}

/** DfE's census year runs October to September: 254 working days when it holds 29 February. */
const workingDays = (year: number) => (year % 4 === 0 ? 254 : 253);

const CSWW = 'ees_workforce/csww_indicators_2017_to_2025.csv';
function workforce(value: string, numerator: string, denominator: (r: Row, year: number) => Printed): Part {
  return {
    file: CSWW,
    keep: () => true,
    figure: (rows, year) => {
      const r = single(rows);
      return { value: printed(r[value]), numerator: printed(r[numerator]), denominator: denominator(r, year) };
    },
  };
}

const OLD_STABILITY = 'ees_cla/la_cla_placement_stability_2019_to_2023_version.csv';
const STABILITY = 'ees_cla/la_cla_placement_stability.csv';
const HEALTH_FILE = 'ees_outcomes/la_conviction_health_outcome_cla.csv';
const HEALTH = 'Health assessments: Children looked after all ages';
const TWELVE_MONTHS = 'CLA 12 months at 31 March';
const ACTIVITY = 'ees_outcomes/la_care_leavers_activity.csv';
const ACCOMMODATION = 'ees_outcomes/la_care_leavers_accommodation_suitability.csv';
const health = (characteristic: string, measure: string, total: string) =>
  long(
    HEALTH_FILE,
    ['characteristic', characteristic],
    'breakdown',
    measure,
    total,
    'children_count',
    'children_percent',
  );
const leavers = (file: string, age: string, measure: string, total: string) =>
  long(file, ['care_leaver_age', age], 'breakdown', measure, total, 'care_leaver_count', 'care_leaver_percent');

/**
 * Per indicator id, its files oldest first. Where two files hold the same year, the newer release is
 * the figure for that year (DfE revises earlier years in later releases: placement stability
 * 2021-2023 are taken from the 2021-2025 file).
 */
export const dfeParts: Record<string, Part[]> = {
  placements_3plus: [
    long(
      OLD_STABILITY,
      ['cla_group', 'CLA on 31 March'],
      'placement_stability',
      'With 3 or more placements during the year',
      'Total children',
      'number',
      'percentage',
    ),
    long(
      STABILITY,
      ['cla_group', 'CLA on 31 March'],
      'placement_stability',
      'With 3 or more placements during the year',
      'Total children',
      'children_count',
      'children_percent',
    ),
  ],
  long_term_stability: [
    long(
      OLD_STABILITY,
      ['cla_group', 'Children looked after continuously for at least 2.5 years at 31 March aged under 16 years'],
      'placement_stability',
      'Living with the same carer for at least 2 years, or are placed for adoption and their adoptive placement together with their previous placement, last for at least 2 years',
      'Total children',
      'number',
      'percentage',
    ),
    long(
      STABILITY,
      ['cla_group', 'Children looked after continuously for at least 2.5 years on 31 March aged under 16 years'],
      'placement_stability',
      'Living with the same carer for at least 2 years',
      'Total children',
      'children_count',
      'children_percent',
    ),
  ],
  social_workers_3plus: [
    long(
      'ees_cla/la_cla_swcount.csv',
      ['cla_group', 'CLA on 31 March'],
      'sw_stability',
      '3 or more social workers during the year',
      'Total children',
      'number',
      'percentage',
    ),
  ],
  health_assessments: [health(HEALTH, 'Had their annual health assessment', 'Total all ages')],
  immunisations: [health(HEALTH, 'Had their immunisations up to date', 'Total all ages')],
  dental_checks: [health(HEALTH, 'Had their teeth checked by a dentist', 'Total all ages')],
  development_assessments: [
    health(
      'Development assessments: Children looked after ages 0 to 4 years',
      'Development assessments up to date',
      'Total ages 0 to 4 years',
    ),
  ],
  substance_misuse: [
    health(
      'Substance misuse: Children looked after all ages',
      'Identified as having a substance misuse problem',
      'Total all ages',
    ),
  ],
  convictions: [
    health(
      'Convictions: Children looked after Ages 10 to 17 years',
      'Convicted or subject to youth cautions, or youth conditional cautions during the year',
      'Total ages 10 to 17 years',
    ),
  ],
  // An average: DfE prints it in the count column; no sum of scores, so no numerator.
  sdq_average: [
    {
      file: HEALTH_FILE,
      keep: (r) => r.characteristic === 'Ages 5 to 16 years with SDQ score',
      figure: (rows) => ({
        value: printed(only(rows, 'breakdown', 'SDQ average score').children_count),
        numerator: null,
        denominator: printed(only(rows, 'breakdown', 'SDQ score was received').children_count),
      }),
    },
  ],
  school_absence: [
    wide(
      'ees_outcomes/absence_la.csv',
      (r) => r.social_care_group === TWELVE_MONTHS && r.phase_type_grouping === 'Total',
      'pt_overall',
      't_sess_overall',
      't_sess_possible',
    ),
  ],
  persistent_absence: [
    wide(
      'ees_outcomes/absence_la.csv',
      (r) => r.social_care_group === TWELVE_MONTHS && r.phase_type_grouping === 'Total',
      'pt_pupils_pa_10_exact',
      't_pupils_pa_10_exact',
      't_pupils',
    ),
  ],
  ks2_rwm_expected: [
    wide(
      'ees_outcomes/ks2_la.csv',
      (r) => r.social_care_group === TWELVE_MONTHS,
      'pt_rwm_met_expected_standard',
      't_rwm_met_expected_standard',
      't_rwm_eligible_pupils',
    ),
  ],
  ks4_attainment8: [
    wide('ees_outcomes/ks4_la.csv', (r) => r.social_care_group === TWELVE_MONTHS, 'avg_att8', 't_att8', 't_pupils'),
  ],
  care_leavers_eet_17_18: [leavers(ACTIVITY, '17 to 18 years', 'Total in education, employment or training', 'Total')],
  care_leavers_eet_19_21: [leavers(ACTIVITY, '19 to 21 years', 'Total in education, employment or training', 'Total')],
  care_leavers_accommodation_17_18: [
    leavers(ACCOMMODATION, '17 to 18 years', 'Accommodation considered suitable', 'Suitability total'),
  ],
  care_leavers_accommodation_19_21: [
    leavers(ACCOMMODATION, '19 to 21 years', 'Accommodation considered suitable', 'Suitability total'),
  ],
  // CSWW: DfE's formulas (DOMAIN.md; catalogue `method`).
  workforce_turnover: [workforce('turnover_rate_fte', 'leavers_fte', (r) => printed(r.inpost_fte))],
  workforce_agency_rate: [
    workforce('agency_rate_fte', 'agency_fte', (r) => plus(printed(r.agency_fte), printed(r.inpost_fte))),
  ],
  workforce_vacancy_rate: [
    workforce('vacancy_rate_fte', 'vacancy_fte', (r) => plus(printed(r.vacancy_fte), printed(r.inpost_fte))),
  ],
  workforce_caseload: [workforce('caseload_fte', 'cases', (r) => printed(r.case_holders_fte))],
  workforce_absence_rate: [
    workforce('absence_rate_fte', 'working_days_lost_fte', (r, year) => {
      const inpost = printed(r.inpost_fte);
      return inpost.number === null
        ? inpost
        : { ...inpost, number: fixed(inpost.number * workingDays(year), inpost.decimals) };
    }),
  ],
};

/** Every figure DfE's files give for one indicator: England, regions and councils, every year held. */
export function dfeTable(indicatorId: string): FileTable {
  const parts = dfeParts[indicatorId];
  if (!parts) throw new Error(`no DfE file for ${indicatorId}`);
  const table: FileTable = new Map();
  const partners: [string, FileCell][] = [];
  const taken = new Set<number>();
  for (const part of [...parts].reverse()) {
    const groups = new Map<string, { who: ReturnType<typeof whoOf>; year: number; rows: Row[] }>();
    for (const row of rowsOf(part.file)) {
      if (!part.keep(row)) continue;
      const who = whoOf(row);
      const year = yearOf(row.time_period!);
      const key = cellKey(who.kind, who.id, year);
      const group = groups.get(key);
      if (group) group.rows.push(row);
      else groups.set(key, { who, year, rows: [row] });
    }
    const years = new Set<number>();
    for (const [key, { who, year, rows }] of groups) {
      years.add(year);
      if (taken.has(year)) continue;
      const f = part.figure(rows, year);
      table.set(key, {
        value: f.value.number,
        symbol: f.value.symbol,
        numerator: f.numerator?.number ?? null,
        denominator: f.denominator?.number ?? null,
      });
      for (const id of who.partners)
        partners.push([cellKey('council', id, year), { value: null, symbol: 'z', numerator: null, denominator: null }]);
    }
    for (const year of years) taken.add(year);
  }
  for (const [key, cell] of partners) if (!table.has(key)) table.set(key, cell);
  return table;
}

/** A council's place among the councils with a number, as LAIT computes it. */
export interface FilePlace {
  rank: number | null;
  rankOutOf: number;
  quartile: number | null;
}

/**
 * LAIT's ranks and quartile bands from the file, worked here from scratch:
 * rank = 1 + the councils with a strictly better value (R's rank(ties.method = "min")); quartile:
 * R's type-7 quantiles Q25, Q50, Q75 of the councils' values, then, lower is better, value <= Q25 is
 * 1, <= Q50 is 2, <= Q75 is 3, else 4; higher is better the same bands counted from the top (<= Q25
 * is 4 ... > Q75 is 1). Neutral: no rank, no quartile. Under four councils: no quartile.
 */
export function lait(table: FileTable, polarity: 'higher_better' | 'lower_better' | 'neutral'): Map<string, FilePlace> {
  const byYear = new Map<number, [string, number][]>();
  for (const [key, cell] of table) {
    const [kind, id, year] = key.split('|');
    if (kind !== 'council' || cell.value === null) continue;
    const list = byYear.get(Number(year)) ?? [];
    list.push([id!, cell.value]);
    byYear.set(Number(year), list);
  }
  const places = new Map<string, FilePlace>();
  for (const [year, list] of byYear) {
    const sorted = list.map(([, v]) => v).sort((a, b) => a - b);
    const n = sorted.length;
    const quantile = (p: number) => {
      const h = (n - 1) * p;
      const lo = Math.floor(h);
      const hi = Math.min(lo + 1, n - 1);
      return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (h - lo);
    };
    const [q1, q2, q3] = [quantile(0.25), quantile(0.5), quantile(0.75)];
    for (const [id, v] of list) {
      if (polarity === 'neutral') {
        places.set(cellKey('council', id, year), { rank: null, rankOutOf: n, quartile: null });
        continue;
      }
      const better = list.filter(([, w]) => (polarity === 'higher_better' ? w > v : w < v)).length;
      const band = v <= q1 ? 1 : v <= q2 ? 2 : v <= q3 ? 3 : 4;
      const quartile = n < 4 ? null : polarity === 'lower_better' ? band : 5 - band;
      places.set(cellKey('council', id, year), { rank: better + 1, rankOutOf: n, quartile });
    }
  }
  return places;
}
