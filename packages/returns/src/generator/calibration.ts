/**
 * Calibration targets: England's published national figures that the generator is tuned to.
 *
 * These are calibration inputs for synthetic data, not figures shown to users. Each constant names the
 * published table (Explore Education Statistics, Crown copyright, Open Government Licence v3.0), the
 * period and the row it comes from, with the published count and percentage. Where a rate is used the
 * exact ratio of the published counts is kept (published percentages are rounded to whole numbers).
 */

export const ENGLAND_2025 = {
  /**
   * la_cla_placement_stability.csv, 2025, National, "CLA on 31 March":
   * "With 3 or more placements during the year" 8,500 of "Total children" 81,770 (10%).
   */
  placements3Plus: 8500 / 81770,
  /**
   * la_cla_placement_stability.csv, 2025, National, "Children looked after continuously for at least 2.5
   * years on 31 March aged under 16 years": "Living with the same carer for at least 2 years" 19,680 of
   * 28,710 (69%).
   */
  longTermStability: 19680 / 28710,
  /** Same table: the long-term cohort (28,710) as a share of children looked after at 31 March (81,770). */
  longTermCohortShare: 28710 / 81770,
  /**
   * la_cla_swcount.csv, 2024 (the only year published), National, "CLA on 31 March":
   * "3 or more social workers during the year" 22,140 of "Total children" 83,300 (27%).
   */
  socialWorkers3Plus: 22140 / 83300,
  /**
   * la_conviction_health_outcome_cla.csv, 2025, National, "Health assessments: Children looked after all
   * ages" (the OC2 cohort, 58,530): had their annual health assessment 52,580 (90%), immunisations up to
   * date 49,160 (84%), teeth checked by a dentist 47,320 (81%).
   */
  healthAssessment: 52580 / 58530,
  immunisations: 49160 / 58530,
  dentalCheck: 47320 / 58530,
  /** Same table: "Development assessments: ages 0 to 4": up to date 5,580 of 6,360 (88%). */
  developmentAssessment: 5580 / 6360,
  /** Same table: "Convictions: Ages 10 to 17": convicted or cautioned 800 of 40,990 (2%). */
  convicted: 800 / 40990,
  /**
   * Same table: "Substance misuse: all ages": identified 1,780 of 58,530 (3%); of those, received an
   * intervention 740 (41%), offered but refused 790 (44%).
   */
  substanceMisuse: 1780 / 58530,
  substanceInterventionReceived: 740 / 1780,
  substanceInterventionRefused: 790 / 1780,
  /**
   * Same table: "Ages 5 to 16 years with SDQ score": SDQ score received 33,790 of 43,220 (78%); of those
   * normal 15,140 (45%), borderline 4,330 (13%), cause for concern 14,320 (42%); average score 14.9.
   */
  sdqReceived: 33790 / 43220,
  sdqNormal: 15140 / 33790,
  sdqBorderline: 4330 / 33790,
  sdqConcern: 14320 / 33790,
  sdqAverage: 14.9,
  /**
   * la_care_leavers_activity.csv, 2025, National: "17 to 18 years" total 14,800; in education, employment
   * or training 9,430 (64%): education other than HE 7,150, HE 420, apprenticeship 280, training or
   * employment 1,590; NEET illness/disability 520, other 3,710, pregnancy/parenting 260; information not
   * known 870.
   */
  eet17to18: 9430 / 14800,
  /**
   * Same table, "19 to 21 years" total 38,440; EET 20,760 (54%): education other than HE 8,030, HE
   * 2,390, apprenticeship 740, training or employment 9,600; NEET illness 3,390, other 10,290,
   * pregnancy/parenting 1,610; not known 2,390.
   */
  eet19to21: 20760 / 38440,
  /**
   * la_care_leavers_accommodation_suitability.csv, 2025, National: "17 to 18 years" suitable 13,380 of
   * 14,750 (91%), unsuitable 500, no information 870; "19 to 21 years" suitable 33,810 of 38,190 (89%),
   * unsuitable 2,040, no information 2,340.
   */
  suitableAccommodation17to18: 13380 / 14750,
  suitableAccommodation19to21: 33810 / 38190,
  /**
   * cla_number_and_rate_per_10k_children.csv, 2025, National: looked after on 31 March 81,770; starting to
   * be looked after 32,270; ceasing 34,450.
   */
  claAt31March: 81770,
  starting: 32270,
  ceasing: 34450,
} as const;

/** Published activity counts used as weights for OC3 ACTIV (la_care_leavers_activity.csv, 2025, National). */
export const CARE_LEAVER_ACTIVITY_2025 = {
  '17to18': {
    educationOther: 7150,
    higherEducation: 420,
    apprenticeship: 280,
    trainingEmployment: 1590,
    neetIllness: 520,
    neetOther: 3710,
    neetParenting: 260,
    notKnown: 870,
  },
  '19to21': {
    educationOther: 8030,
    higherEducation: 2390,
    apprenticeship: 740,
    trainingEmployment: 9600,
    neetIllness: 3390,
    neetOther: 10290,
    neetParenting: 1610,
    notKnown: 2390,
  },
} as const;

/** Published accommodation suitability counts (la_care_leavers_accommodation_suitability.csv, 2025, National). */
export const CARE_LEAVER_ACCOMMODATION_2025 = {
  '17to18': { suitable: 13380, unsuitable: 500, noInformation: 870 },
  '19to21': { suitable: 33810, unsuitable: 2040, noInformation: 2340 },
} as const;

/**
 * Reasons for placement change (la_cla_during_year_new_placements.csv, 2025, National, "Reason for
 * placement change during the year", total 59,140): change to/implementation of care plan 20,170; other
 * 14,570; change in the status of a placement only 10,500; carer requests end due to child's behaviour
 * 5,010; carer requests end, other reason 4,230; child requests 1,870; responsible authority requests
 * 1,000; standards of care concern 600; resignation or closure of provision 400; allegation (s47) 390;
 * approval removed 250; custody arrangement 150. Keyed by the 903 REASON_PLACE_CHANGE code.
 */
export const PLACEMENT_CHANGE_REASONS_2025 = {
  CARPL: 20170,
  OTHER: 14570,
  PLACE: 10500,
  CREQB: 5010,
  CREQO: 4230,
  CHILD: 1870,
  LAREQ: 1000,
  STAND: 600,
  CLOSE: 400,
  ALLEG: 390,
  APPRR: 250,
  CUSTOD: 150,
} as const;

/**
 * Workforce, England, census at 30 September 2025 (csww_indicators_2017_to_2025.csv, time_period 2025,
 * National): in-post FTE 36,186.3 (headcount 38,292); starters FTE 5,837.8 (headcount 6,043); leavers
 * FTE 4,276.3 (headcount 4,611), turnover 11.8%; agency FTE 5,415.9 (headcount 5,566), agency rate 13.0%;
 * vacancies FTE 5,965.4, vacancy rate 14.2%; case holders FTE 21,105.4 holding 321,661 cases, caseload
 * 15.2; working days lost 322,786.3, absence rate 3.5%.
 */
export const WORKFORCE_2025 = {
  inpostFte: 36186.3,
  inpostHeadcount: 38292,
  startersFte: 5837.8,
  leaversFte: 4276.3,
  leaversHeadcount: 4611,
  agencyFte: 5415.9,
  agencyHeadcount: 5566,
  vacancyFte: 5965.4,
  caseHoldersFte: 21105.4,
  cases: 321661,
  workingDaysLost: 322786.3,
  /** leavers FTE / in-post FTE */
  turnover: 4276.3 / 36186.3,
  /** agency FTE / (agency FTE + in-post FTE) */
  agencyRate: 5415.9 / (5415.9 + 36186.3),
  /** vacancy FTE / (vacancy FTE + in-post FTE) */
  vacancyRate: 5965.4 / (5965.4 + 36186.3),
  /** cases / case-holder FTE */
  caseload: 321661 / 21105.4,
  /** working days lost / (in-post FTE x 253) */
  absenceRate: 322786.3 / (36186.3 * 253),
} as const;
