/**
 * The indicator catalogue: every indicator continuity shows, with its official definition in words.
 * Definitions follow DfE's published methodology (see each `method`); the published figure for the
 * same indicator comes from the table named in `source`, the computed one from the return fields
 * named there. `syncCatalogue` writes this list into the `indicators` table.
 */
export type OutcomeArea = 'stability' | 'healthy' | 'safe' | 'enjoying' | 'contribution' | 'economic' | 'workforce';
export type Unit = 'percent' | 'ratio' | 'rate' | 'count' | 'score';
export type Polarity = 'higher_better' | 'lower_better' | 'neutral';
export type PeriodType = 'reporting_year' | 'academic_year' | 'census';

export interface IndicatorDefinition {
  id: string;
  title: string;
  area: OutcomeArea;
  unit: Unit;
  polarity: Polarity;
  numerator: string;
  denominator: string;
  source: string;
  method: string;
  periodType: PeriodType;
  decimals: number;
  /** value = numerator / denominator x scale */
  scale: number;
}

export const outcomeAreas: ReadonlyArray<{ area: OutcomeArea; title: string }> = [
  { area: 'stability', title: 'Stability and continuity' },
  { area: 'healthy', title: 'Being healthy' },
  { area: 'safe', title: 'Staying safe' },
  { area: 'enjoying', title: 'Enjoying and achieving' },
  { area: 'contribution', title: 'Making a positive contribution' },
  { area: 'economic', title: 'Achieving economic well-being' },
  { area: 'workforce', title: 'Workforce' },
];

import { continuityCatalogue } from './continuity/catalogue';

const pct = { unit: 'percent', decimals: 0, scale: 100 } as const;
const CLA_31_MARCH =
  'Children looked after at 31 March, excluding those looked after only under an agreed series of short-term placements (legal status V3/V4)';
const CLA_12_MONTHS =
  'Children looked after continuously for at least 12 months at 31 March, excluding those looked after under an agreed series of short-term placements (V3/V4)';
const CSWW = 'Children and family social work workforce census (CSWW), at 30 September';

export const catalogue: readonly IndicatorDefinition[] = [
  // Stability and continuity
  {
    id: 'placements_3plus',
    title: 'Children looked after with 3 or more placements during the year',
    area: 'stability',
    ...pct,
    polarity: 'lower_better',
    numerator: `${CLA_31_MARCH}, who had 3 or more separate placements during the year to 31 March`,
    denominator: CLA_31_MARCH,
    source:
      'Published: DfE CLA stability measures (la_cla_placement_stability, "CLA on 31 March" / "With 3 or more placements during the year"). Computed: SSDA903 Episodes (DECOM, DEC, RNE, LS, PLACE).',
    method:
      'Placements of 24 hours or more are counted from episodes in the year to 31 March, including the placement held on 1 April or at entry. A new placement starts on an episode whose reason for new episode is S, P or T (the carer changes); B and U change the placement but not the carer and are not counted, nor are temporary placements (T0-T4) and the return from them to the same placement, nor a placement for adoption with the current foster carer (A3/A5), following DfE "Stability measures for children looked after in England".',
    periodType: 'reporting_year',
  },
  {
    id: 'long_term_stability',
    title: 'Children under 16 looked after for 2.5 years or more, living with the same carer for 2 years',
    area: 'stability',
    ...pct,
    polarity: 'higher_better',
    numerator:
      'Of the denominator, those who have lived in the same placement (same carer) for at least 2 years, or are placed for adoption and their adoptive placement together with the previous placement with the same carer lasts at least 2 years',
    denominator: 'Children aged under 16 at 31 March who have been looked after continuously for at least 2.5 years',
    source:
      'Published: la_cla_placement_stability ("Children looked after continuously for at least 2.5 years...", "Living with the same carer for at least 2 years"). Computed: SSDA903 Header (DOB), Episodes.',
    method:
      'DfE long-term stability measure (formerly NI 063). Computed: the carer changes at an episode with RNE S, P or T; not at L, B or U, a temporary placement (T0-T4), the return from it to the same placement, or a placement for adoption with the current foster carer (A3/A5).',
    periodType: 'reporting_year',
  },
  {
    id: 'social_workers_3plus',
    title: 'Children looked after with 3 or more social workers during the year',
    area: 'stability',
    ...pct,
    polarity: 'lower_better',
    numerator: `${CLA_31_MARCH}, with three or more distinct social workers (SW_ID) during the year`,
    denominator: CLA_31_MARCH,
    source:
      'Published: la_cla_swcount ("3 or more social workers during the year"). Computed: SSDA903 Social worker episodes (SW_ID, SW_DECOM, SW_DEC).',
    method: 'Distinct SW_ID whose worker episode overlaps the year to 31 March, per child looked after at 31 March.',
    periodType: 'reporting_year',
  },
  // Being healthy
  {
    id: 'health_assessments',
    title: 'Children looked after for 12 months who had their annual health assessment',
    area: 'healthy',
    ...pct,
    polarity: 'higher_better',
    numerator: 'Of the denominator, those whose annual health assessment was up to date (OC2 HEALTH_ASSESSMENT = 1)',
    denominator: CLA_12_MONTHS,
    source:
      'Published: la_conviction_health_outcome_cla ("Health assessments", "Had their annual health assessment"). Computed: SSDA903 OC2.',
    method:
      'DfE outcomes for children looked after (OC2 cohort). Computed: the cohort is worked out from the episodes, not from which children have an OC2 row.',
    periodType: 'reporting_year',
  },
  {
    id: 'immunisations',
    title: 'Children looked after for 12 months with immunisations up to date',
    area: 'healthy',
    ...pct,
    polarity: 'higher_better',
    numerator: 'Of the denominator, those whose immunisations were up to date (OC2 IMMUNISATIONS = 1)',
    denominator: CLA_12_MONTHS,
    source:
      'Published: la_conviction_health_outcome_cla ("Had their immunisations up to date"). Computed: SSDA903 OC2.',
    method:
      'DfE outcomes for children looked after (OC2 cohort). Computed: the cohort is worked out from the episodes, not from which children have an OC2 row.',
    periodType: 'reporting_year',
  },
  {
    id: 'dental_checks',
    title: 'Children looked after for 12 months who had their teeth checked by a dentist',
    area: 'healthy',
    ...pct,
    polarity: 'higher_better',
    numerator: 'Of the denominator, those who had a dental check in the year (OC2 TEETH_CHECK = 1)',
    denominator: CLA_12_MONTHS,
    source:
      'Published: la_conviction_health_outcome_cla ("Had their teeth checked by a dentist"). Computed: SSDA903 OC2.',
    method:
      'DfE outcomes for children looked after (OC2 cohort). Computed: the cohort is worked out from the episodes, not from which children have an OC2 row.',
    periodType: 'reporting_year',
  },
  {
    id: 'development_assessments',
    title: 'Children under 5 looked after for 12 months with development assessments up to date',
    area: 'healthy',
    ...pct,
    polarity: 'higher_better',
    numerator: 'Of the denominator, those whose development assessments were up to date (OC2 HEALTH_CHECK = 1)',
    denominator: `${CLA_12_MONTHS}, aged 0 to 4 at 31 March`,
    source:
      'Published: la_conviction_health_outcome_cla ("Development assessments", "Development assessments up to date"). Computed: SSDA903 OC2.',
    method: 'DfE outcomes for children looked after (OC2 cohort, under-5s only).',
    periodType: 'reporting_year',
  },
  {
    id: 'sdq_average',
    title: 'Average strengths and difficulties questionnaire (SDQ) score',
    area: 'healthy',
    unit: 'score',
    decimals: 1,
    scale: 1,
    polarity: 'lower_better',
    numerator: 'Sum of SDQ total difficulties scores received',
    denominator: `${CLA_12_MONTHS}, aged 5 to 16, with an SDQ score received`,
    source: 'Published: la_conviction_health_outcome_cla ("SDQ average score"). Computed: SSDA903 OC2 SDQ_SCORE.',
    method: 'Mean SDQ score (0-40; 17 or more is a cause for concern).',
    periodType: 'reporting_year',
  },
  {
    id: 'substance_misuse',
    title: 'Children looked after for 12 months identified as having a substance misuse problem',
    area: 'healthy',
    ...pct,
    polarity: 'lower_better',
    numerator: 'Of the denominator, those identified as having a substance misuse problem (OC2 SUBSTANCE_MISUSE = 1)',
    denominator: CLA_12_MONTHS,
    source:
      'Published: la_conviction_health_outcome_cla ("Identified as having a substance misuse problem"). Computed: SSDA903 OC2.',
    method:
      'DfE outcomes for children looked after (OC2 cohort). Computed: the cohort is worked out from the episodes, not from which children have an OC2 row.',
    periodType: 'reporting_year',
  },
  // Staying safe
  {
    id: 'convictions',
    title: 'Children looked after aged 10 to 17 convicted or given a youth caution during the year',
    area: 'safe',
    ...pct,
    polarity: 'lower_better',
    numerator:
      'Of the denominator, those convicted or subject to a youth caution or youth conditional caution during the year (OC2 CONVICTED = 1)',
    denominator: `${CLA_12_MONTHS}, aged 10 to 17`,
    source:
      'Published: la_conviction_health_outcome_cla ("Convictions", "Convicted or subject to youth cautions..."). Computed: SSDA903 OC2.',
    method: 'DfE outcomes for children looked after (OC2 cohort aged 10+).',
    periodType: 'reporting_year',
  },
  {
    id: 'missing_children',
    title: 'Children looked after who went missing during the year',
    area: 'safe',
    ...pct,
    polarity: 'lower_better',
    numerator:
      'Children looked after during the year with at least one missing incident (SSDA903 Missing, MISSING = M)',
    denominator: 'Children looked after at any time during the year',
    source: 'Computed: SSDA903 Missing (MISSING, MIS_START) and Episodes.',
    method:
      'DfE "Children looked after who went missing" measure: children with one or more missing incidents during the year, including those missing at 1 April (carried over from the year before). Children looked after only under short breaks (V3/V4) are excluded.',
    periodType: 'reporting_year',
  },
  {
    id: 'missing_incidents_per_child',
    title: 'Missing incidents per child who went missing',
    area: 'safe',
    unit: 'ratio',
    decimals: 1,
    scale: 1,
    polarity: 'lower_better',
    numerator: 'Missing incidents (MISSING = M) open during the year (starting in it, or still open on 1 April)',
    denominator: 'Children looked after during the year who went missing at least once',
    source: 'Computed: SSDA903 Missing.',
    method: 'Average number of missing incidents per child who went missing.',
    periodType: 'reporting_year',
  },
  // Enjoying and achieving
  {
    id: 'school_absence',
    title: 'Overall school absence of children looked after for 12 months',
    area: 'enjoying',
    unit: 'percent',
    decimals: 1,
    scale: 100,
    polarity: 'lower_better',
    numerator: 'Sessions missed through authorised and unauthorised absence',
    denominator: 'Possible sessions, pupils looked after continuously for 12 months at 31 March (all school types)',
    source: 'Published: absence_la ("CLA 12 months at 31 March", "Total", pt_overall). Not in the SSDA903 return.',
    method: 'DfE pupil absence for children in need and looked after (six half terms).',
    periodType: 'academic_year',
  },
  {
    id: 'persistent_absence',
    title: 'Children looked after for 12 months who are persistently absent from school',
    area: 'enjoying',
    unit: 'percent',
    decimals: 1,
    scale: 100,
    polarity: 'lower_better',
    numerator: 'Pupils missing 10% or more of possible sessions',
    denominator: 'Pupils looked after continuously for 12 months at 31 March (all school types)',
    source: 'Published: absence_la ("CLA 12 months at 31 March", "Total", pt_pupils_pa_10_exact).',
    method: 'DfE persistent absence (10% threshold).',
    periodType: 'academic_year',
  },
  {
    id: 'ks2_rwm_expected',
    title: 'Children looked after reaching the expected standard in reading, writing and maths at key stage 2',
    area: 'enjoying',
    ...pct,
    polarity: 'higher_better',
    numerator: 'Eligible pupils meeting the expected standard in reading, writing and maths',
    denominator: 'Eligible pupils looked after continuously for 12 months at 31 March',
    source: 'Published: ks2_la ("CLA 12 months at 31 March", pt_rwm_met_expected_standard).',
    method: 'DfE key stage 2 attainment of children looked after.',
    periodType: 'academic_year',
  },
  {
    id: 'ks4_attainment8',
    title: 'Average Attainment 8 score of children looked after',
    area: 'enjoying',
    unit: 'score',
    decimals: 1,
    scale: 1,
    polarity: 'higher_better',
    numerator: 'Sum of Attainment 8 scores',
    denominator: 'Pupils at the end of key stage 4 looked after continuously for 12 months at 31 March',
    source: 'Published: ks4_la ("CLA 12 months at 31 March", avg_att8).',
    method: 'DfE key stage 4 attainment of children looked after.',
    periodType: 'academic_year',
  },
  // Making a positive contribution
  {
    id: 'review_participation',
    title: 'Statutory reviews in which the child participated',
    area: 'contribution',
    ...pct,
    polarity: 'higher_better',
    numerator:
      "Reviews in the year where the child's views were conveyed: PN1, PN2, PN3, PN5 or PN6 (not PN4, attended without contributing, nor PN7)",
    denominator: 'Reviews in the year of children aged 4 or over with a participation code (PN1 to PN7)',
    source: 'Computed: SSDA903 Reviews (REVIEW, REVIEW_CODE).',
    method:
      'PN0 means the child was under 4 at the review and is excluded; PN7 means the child neither attended nor had their views conveyed. Participation follows the former PAF C63 reading: the child communicated their views.',
    periodType: 'reporting_year',
  },
  // Achieving economic well-being
  {
    id: 'care_leavers_eet_17_18',
    title: 'Care leavers aged 17 to 18 in education, employment or training',
    area: 'economic',
    ...pct,
    polarity: 'higher_better',
    numerator:
      'Care leavers aged 17-18 whose activity on or around their birthday was education, employment or training (OC3 ACTIV F1, P1, F2, P2, F4, P4, F5, P5: full or part time higher education, other education, apprenticeship, training or employment; G4-G6 are NEET, 0 not known)',
    denominator:
      'Care leavers aged 17 to 18 (former relevant children), excluding those who have died or returned home to parents for 6 months or more (IN_TOUCH DIED, RHOM)',
    source:
      'Published: la_care_leavers_activity ("17 to 18 years", "Total in education, employment or training"). Computed: SSDA903 OC3.',
    method: 'DfE care leavers in education, employment or training.',
    periodType: 'reporting_year',
  },
  {
    id: 'care_leavers_eet_19_21',
    title: 'Care leavers aged 19 to 21 in education, employment or training',
    area: 'economic',
    ...pct,
    polarity: 'higher_better',
    numerator: 'Care leavers aged 19-21 in education, employment or training',
    denominator:
      'Care leavers aged 19 to 21 (former relevant children), excluding those who have died or returned home to parents for 6 months or more (IN_TOUCH DIED, RHOM)',
    source:
      'Published: la_care_leavers_activity ("19 to 21 years", "Total in education, employment or training"). Computed: SSDA903 OC3.',
    method: 'DfE care leavers in education, employment or training.',
    periodType: 'reporting_year',
  },
  {
    id: 'care_leavers_accommodation_17_18',
    title: 'Care leavers aged 17 to 18 in suitable accommodation',
    area: 'economic',
    ...pct,
    polarity: 'higher_better',
    numerator: 'Care leavers aged 17-18 whose accommodation was considered suitable (OC3 ACCOM suffix 1)',
    denominator:
      'Care leavers aged 17 to 18, excluding those who have died or returned home, and those gone abroad, deported or whose residence is not known (ACCOM G, H, R); no information (ACCOM 0) stays in',
    source:
      'Published: la_care_leavers_accommodation_suitability ("17 to 18 years", "Accommodation considered suitable"). Computed: SSDA903 OC3.',
    method: 'DfE care leavers in suitable accommodation.',
    periodType: 'reporting_year',
  },
  {
    id: 'care_leavers_accommodation_19_21',
    title: 'Care leavers aged 19 to 21 in suitable accommodation',
    area: 'economic',
    ...pct,
    polarity: 'higher_better',
    numerator: 'Care leavers aged 19-21 whose accommodation was considered suitable',
    denominator:
      'Care leavers aged 19 to 21, excluding those who have died or returned home, and those gone abroad, deported or whose residence is not known (ACCOM G, H, R); no information (ACCOM 0) stays in',
    source:
      'Published: la_care_leavers_accommodation_suitability ("19 to 21 years", "Accommodation considered suitable"). Computed: SSDA903 OC3.',
    method: 'DfE care leavers in suitable accommodation.',
    periodType: 'reporting_year',
  },
  // Workforce: DfE's published formulas, checked against the 2025 national figures.
  {
    id: 'workforce_turnover',
    title: 'Social worker turnover rate',
    area: 'workforce',
    unit: 'percent',
    decimals: 1,
    scale: 100,
    polarity: 'lower_better',
    numerator: 'FTE of children and family social workers who left in the year to 30 September',
    denominator: 'FTE of children and family social workers in post at 30 September',
    source: `Published: csww_indicators_2017_to_2025 (leavers_fte, inpost_fte). Computed: ${CSWW}.`,
    method: 'turnover = leavers FTE / in-post FTE.',
    periodType: 'census',
  },
  {
    id: 'workforce_agency_rate',
    title: 'Agency social worker rate',
    area: 'workforce',
    unit: 'percent',
    decimals: 1,
    scale: 100,
    polarity: 'lower_better',
    numerator: 'FTE agency (non-employed) social workers at 30 September',
    denominator: 'Agency FTE plus FTE social workers in post',
    source: `Published: csww_indicators_2017_to_2025 (agency_fte, inpost_fte). Computed: ${CSWW}.`,
    method: 'agency rate = agency FTE / (agency FTE + in-post FTE).',
    periodType: 'census',
  },
  {
    id: 'workforce_vacancy_rate',
    title: 'Social worker vacancy rate',
    area: 'workforce',
    unit: 'percent',
    decimals: 1,
    scale: 100,
    polarity: 'lower_better',
    numerator: 'FTE vacancies at 30 September',
    denominator: 'FTE vacancies plus FTE social workers in post',
    source: `Published: csww_indicators_2017_to_2025 (vacancy_fte, inpost_fte). Computed: ${CSWW}.`,
    method: 'vacancy rate = vacancies FTE / (vacancies FTE + in-post FTE).',
    periodType: 'census',
  },
  {
    id: 'workforce_caseload',
    title: 'Average caseload per case-holding social worker',
    area: 'workforce',
    unit: 'ratio',
    decimals: 1,
    scale: 1,
    polarity: 'lower_better',
    numerator: 'Cases held at 30 September',
    denominator: 'FTE of social workers (including agency workers) at 30 September holding one or more cases',
    source: `Published: csww_indicators_2017_to_2025 (cases, case_holders_fte). Computed: ${CSWW}.`,
    method: 'caseload = cases / case-holding FTE.',
    periodType: 'census',
  },
  {
    id: 'workforce_absence_rate',
    title: 'Social worker sickness absence rate',
    area: 'workforce',
    unit: 'percent',
    decimals: 1,
    scale: 100,
    polarity: 'lower_better',
    numerator: 'Working days lost to sickness absence in the year',
    denominator: 'In-post FTE x working days in the census year: 253, or 254 when it holds 29 February',
    source: `Published: csww_indicators_2017_to_2025 (working_days_lost_fte, inpost_fte). Computed: ${CSWW}.`,
    method:
      "absence rate = working days lost / (in-post FTE x 253), or x 254 in a census year holding 29 February (2020, 2024): the rule that reproduces DfE's published rates.",
    periodType: 'census',
  },
  // The continuity ledger (issue 15): changes of social worker joined to the workforce census.
  ...continuityCatalogue,
];

export const catalogueById: ReadonlyMap<string, IndicatorDefinition> = new Map(catalogue.map((d) => [d.id, d]));

/** One count of an indicator: its numerator or its denominator. */
export interface CountRef {
  indicator: string;
  part: 'numerator' | 'denominator';
}

/**
 * Counts of different computed indicators that count the same children, or nested cohorts of them,
 * subject by subject (issues 10 and 11, cross-indicator differencing). Disclosure control suppresses a
 * subject's cell in every count of a family when it suppresses it in one (@continuity/access
 * `discloseTables`), so one indicator's table cannot be differenced against another's.
 * - The 903 cohorts nest: looked after at 31 March (placements_3plus, social_workers_3plus) holds
 *   the long-term cohort (under 16, in care 2.5 years) and the OC2 cohort (12 months at 31 March) with
 *   its age bands; all are children looked after during the year (missing_children).
 * - Missing children are missing_incidents_per_child's denominator.
 * - Each care-leaver accommodation cohort is its EET cohort less those abroad or not known.
 */
export const countFamilies: readonly (readonly CountRef[])[] = [
  [
    'placements_3plus',
    'social_workers_3plus',
    'long_term_stability',
    'missing_children',
    'health_assessments',
    'immunisations',
    'dental_checks',
    'development_assessments',
    'sdq_average',
    'substance_misuse',
    'convictions',
  ].map((indicator): CountRef => ({ indicator, part: 'denominator' })),
  [
    { indicator: 'missing_children', part: 'numerator' },
    { indicator: 'missing_incidents_per_child', part: 'denominator' },
  ],
  [
    { indicator: 'care_leavers_eet_17_18', part: 'denominator' },
    { indicator: 'care_leavers_accommodation_17_18', part: 'denominator' },
  ],
  [
    { indicator: 'care_leavers_eet_19_21', part: 'denominator' },
    { indicator: 'care_leavers_accommodation_19_21', part: 'denominator' },
  ],
];

/**
 * The indicators whose tables must be disclosed together with this one (linked through families,
 * transitively; itself first) and the families among them.
 */
export function countFamilyOf(indicatorId: string): { ids: string[]; families: CountRef[][] } {
  const ids = [indicatorId];
  const families: CountRef[][] = [];
  for (let i = 0; i < ids.length; i++) {
    for (const family of countFamilies) {
      if (!family.some((r) => r.indicator === ids[i]) || families.includes(family as CountRef[])) continue;
      families.push(family as CountRef[]);
      for (const r of family) if (!ids.includes(r.indicator)) ids.push(r.indicator);
    }
  }
  return { ids, families };
}
