/**
 * Where each catalogue indicator's published DfE figures are, and which cells hold the value, numerator
 * and denominator. Data, not logic: `buildValues` reads it. Files are paths under data/ (ATTRIBUTION.md).
 *
 * DfE tables come in two shapes. "Long" tables print one row per measure (e.g. "With 3 or more
 * placements during the year" and "Total children" under the same group): `where` picks the row within
 * a subject's rows for a period. "Wide" tables print one row per subject with a column per measure:
 * `where` is left out.
 */

/** One cell of the rows selected for a subject and period. */
export interface CellRef {
  column: string;
  /** Extra column values that pick one row among the subject's rows (long tables). */
  where?: Readonly<Record<string, string>>;
}

/** A numerator or denominator: a cell, a sum of cells, or a cell times a factor from a formula (fixed, or by period). */
export type Quantity =
  | { cell: CellRef }
  | { sum: readonly CellRef[] }
  | { cell: CellRef; times: number | ((period: number) => number) };

export interface PublishedSource {
  /** Path under data/. */
  file: string;
  /** Column values that select this indicator's rows. */
  rows: Readonly<Record<string, string>>;
  /** The published figure, loaded as printed (never recomputed). */
  value: CellRef;
  /** Absent when the table has no count for it (e.g. no sum of SDQ scores is published). */
  numerator?: Quantity;
  denominator?: Quantity;
}

/**
 * DfE CSWW methodology: sickness absence rate = working days lost / (in-post FTE x working days in the
 * census year, October to September): 253, and 254 when the year holds 29 February (census years 2020,
 * 2024). Checked against every row of the published file (England, regions, councils; absence_rate_fte to
 * one decimal place), 2017-2025: 253 throughout reproduces 1,395 of 1,444 rows, but in 2020 only 145 of 162
 * and in 2024 138 of 160; with 254 in those two years, 162 of 162 and 156 of 160 (1,430 of 1,444 in all). 2025 national: 322786.3 / (36186.3 x 253) = 3.5%. The computed
 * indicator uses the same rule (packages/indicators/src/compute/workforce.ts).
 */
export function workingDaysInCensusYear(censusYear: number): number {
  const leap = (censusYear % 4 === 0 && censusYear % 100 !== 0) || censusYear % 400 === 0;
  return leap ? 254 : 253;
}

// Long tables: the measure row over its group's total row.
function measureOverTotal(
  file: string,
  rows: Record<string, string>,
  measure: Record<string, string>,
  total: Record<string, string>,
  count: string,
  percent: string,
): PublishedSource {
  return {
    file,
    rows,
    value: { column: percent, where: measure },
    numerator: { cell: { column: count, where: measure } },
    denominator: { cell: { column: count, where: total } },
  };
}

const STABILITY_2021_2025 = 'ees_cla/la_cla_placement_stability.csv';
const STABILITY_2019_2023 = 'ees_cla/la_cla_placement_stability_2019_to_2023_version.csv';
const OUTCOMES = 'ees_outcomes/la_conviction_health_outcome_cla.csv';
const ACTIVITY = 'ees_outcomes/la_care_leavers_activity.csv';
const ACCOMMODATION = 'ees_outcomes/la_care_leavers_accommodation_suitability.csv';
const ABSENCE = 'ees_outcomes/absence_la.csv';
const CSWW = 'ees_workforce/csww_indicators_2017_to_2025.csv';
const CLA_12_MONTHS = 'CLA 12 months at 31 March';

function outcome(characteristic: string, measure: string, total: string): PublishedSource {
  return measureOverTotal(
    OUTCOMES,
    { characteristic },
    { breakdown: measure },
    { breakdown: total },
    'children_count',
    'children_percent',
  );
}

function careLeavers(file: string, age: string, measure: string, total: string): PublishedSource {
  return measureOverTotal(
    file,
    { care_leaver_age: age },
    { breakdown: measure },
    { breakdown: total },
    'care_leaver_count',
    'care_leaver_percent',
  );
}

function workforce(value: string, numerator: Quantity, denominator: Quantity): PublishedSource {
  return { file: CSWW, rows: {}, value: { column: value }, numerator, denominator };
}

const HEALTH = 'Health assessments: Children looked after all ages';
const SUBSTANCE = 'Substance misuse: Children looked after all ages';
const SDQ = 'Ages 5 to 16 years with SDQ score';

/**
 * Per indicator, its sources oldest first. Where two sources give the same period, the newest source
 * wins the whole period (national, regional and council rows from one release, never mixed): placement
 * stability 2021-2023 come from the 2021-2025 file, which carries DfE's revisions of those years.
 */
export const publishedSources: Readonly<Record<string, readonly PublishedSource[]>> = {
  placements_3plus: [
    measureOverTotal(
      STABILITY_2019_2023,
      { cla_group: 'CLA on 31 March' },
      { placement_stability: 'With 3 or more placements during the year' },
      { placement_stability: 'Total children' },
      'number',
      'percentage',
    ),
    measureOverTotal(
      STABILITY_2021_2025,
      { cla_group: 'CLA on 31 March' },
      { placement_stability: 'With 3 or more placements during the year' },
      { placement_stability: 'Total children' },
      'children_count',
      'children_percent',
    ),
  ],
  long_term_stability: [
    // The pre-2024 release words the group "at 31 March" and spells out the adoption rule in the label.
    measureOverTotal(
      STABILITY_2019_2023,
      { cla_group: 'Children looked after continuously for at least 2.5 years at 31 March aged under 16 years' },
      {
        placement_stability:
          'Living with the same carer for at least 2 years, or are placed for adoption and their adoptive placement together with their previous placement, last for at least 2 years',
      },
      { placement_stability: 'Total children' },
      'number',
      'percentage',
    ),
    measureOverTotal(
      STABILITY_2021_2025,
      { cla_group: 'Children looked after continuously for at least 2.5 years on 31 March aged under 16 years' },
      { placement_stability: 'Living with the same carer for at least 2 years' },
      { placement_stability: 'Total children' },
      'children_count',
      'children_percent',
    ),
  ],
  social_workers_3plus: [
    measureOverTotal(
      'ees_cla/la_cla_swcount.csv',
      { cla_group: 'CLA on 31 March' },
      { sw_stability: '3 or more social workers during the year' },
      { sw_stability: 'Total children' },
      'number',
      'percentage',
    ),
  ],
  health_assessments: [outcome(HEALTH, 'Had their annual health assessment', 'Total all ages')],
  immunisations: [outcome(HEALTH, 'Had their immunisations up to date', 'Total all ages')],
  dental_checks: [outcome(HEALTH, 'Had their teeth checked by a dentist', 'Total all ages')],
  development_assessments: [
    outcome(
      'Development assessments: Children looked after ages 0 to 4 years',
      'Development assessments up to date',
      'Total ages 0 to 4 years',
    ),
  ],
  // The average is printed in the count column (its percent is z). No sum of scores is published, so
  // the numerator stays empty; the denominator is the children whose SDQ score was received.
  sdq_average: [
    {
      file: OUTCOMES,
      rows: { characteristic: SDQ },
      value: { column: 'children_count', where: { breakdown: 'SDQ average score' } },
      denominator: { cell: { column: 'children_count', where: { breakdown: 'SDQ score was received' } } },
    },
  ],
  substance_misuse: [outcome(SUBSTANCE, 'Identified as having a substance misuse problem', 'Total all ages')],
  convictions: [
    outcome(
      'Convictions: Children looked after Ages 10 to 17 years',
      'Convicted or subject to youth cautions, or youth conditional cautions during the year',
      'Total ages 10 to 17 years',
    ),
  ],
  school_absence: [
    {
      file: ABSENCE,
      rows: { social_care_group: CLA_12_MONTHS, phase_type_grouping: 'Total' },
      value: { column: 'pt_overall' },
      numerator: { cell: { column: 't_sess_overall' } },
      denominator: { cell: { column: 't_sess_possible' } },
    },
  ],
  persistent_absence: [
    {
      file: ABSENCE,
      rows: { social_care_group: CLA_12_MONTHS, phase_type_grouping: 'Total' },
      value: { column: 'pt_pupils_pa_10_exact' },
      numerator: { cell: { column: 't_pupils_pa_10_exact' } },
      denominator: { cell: { column: 't_pupils' } },
    },
  ],
  ks2_rwm_expected: [
    {
      file: 'ees_outcomes/ks2_la.csv',
      rows: { social_care_group: CLA_12_MONTHS },
      value: { column: 'pt_rwm_met_expected_standard' },
      numerator: { cell: { column: 't_rwm_met_expected_standard' } },
      denominator: { cell: { column: 't_rwm_eligible_pupils' } },
    },
  ],
  ks4_attainment8: [
    {
      file: 'ees_outcomes/ks4_la.csv',
      rows: { social_care_group: CLA_12_MONTHS },
      value: { column: 'avg_att8' },
      numerator: { cell: { column: 't_att8' } },
      denominator: { cell: { column: 't_pupils' } },
    },
  ],
  care_leavers_eet_17_18: [
    careLeavers(ACTIVITY, '17 to 18 years', 'Total in education, employment or training', 'Total'),
  ],
  care_leavers_eet_19_21: [
    careLeavers(ACTIVITY, '19 to 21 years', 'Total in education, employment or training', 'Total'),
  ],
  care_leavers_accommodation_17_18: [
    careLeavers(ACCOMMODATION, '17 to 18 years', 'Accommodation considered suitable', 'Suitability total'),
  ],
  care_leavers_accommodation_19_21: [
    careLeavers(ACCOMMODATION, '19 to 21 years', 'Accommodation considered suitable', 'Suitability total'),
  ],
  // Workforce: DfE's published formulas (DOMAIN.md, catalogue `method`), checked on the 2025 national row.
  workforce_turnover: [
    workforce('turnover_rate_fte', { cell: { column: 'leavers_fte' } }, { cell: { column: 'inpost_fte' } }),
  ],
  workforce_agency_rate: [
    workforce(
      'agency_rate_fte',
      { cell: { column: 'agency_fte' } },
      { sum: [{ column: 'agency_fte' }, { column: 'inpost_fte' }] },
    ),
  ],
  workforce_vacancy_rate: [
    workforce(
      'vacancy_rate_fte',
      { cell: { column: 'vacancy_fte' } },
      { sum: [{ column: 'vacancy_fte' }, { column: 'inpost_fte' }] },
    ),
  ],
  workforce_caseload: [
    workforce('caseload_fte', { cell: { column: 'cases' } }, { cell: { column: 'case_holders_fte' } }),
  ],
  workforce_absence_rate: [
    workforce(
      'absence_rate_fte',
      { cell: { column: 'working_days_lost_fte' } },
      { cell: { column: 'inpost_fte' }, times: workingDaysInCensusYear },
    ),
  ],
};
