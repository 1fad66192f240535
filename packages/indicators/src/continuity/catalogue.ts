import type { IndicatorDefinition } from '../catalogue';

/*
 * The continuity ledger's figures that are ratios (numerator / denominator per subject and year), so
 * they live in indicator_values beside every other figure and get pooling, ranking and disclosure
 * control for free. The survival curve and the changes by reason are in their own tables
 * (continuity_survival, continuity_changes). Definitions in words; the SQL is in ./ledger.ts.
 */

const CHILDREN_SW =
  'Children looked after at 31 March (not only under V3/V4 short breaks) with social worker episodes in the return';
const LEDGER = 'Computed: SSDA903 Social worker episodes (SW_ID, SW_DECOM, SW_DEC, SW_REASON) and Episodes';
const JOINED = `${LEDGER}, joined within the council to its workforce census (SWENo, AgencyWorker, RoleEndDate)`;

/** How many days either side of a change a census leaving date may fall for the change to count as turnover. */
export const LEAVING_WINDOW_DAYS = 92;

export const continuityCatalogue: readonly IndicatorDefinition[] = [
  {
    id: 'sw_no_change',
    title: 'Children looked after who kept the same social worker all year',
    area: 'stability',
    unit: 'percent',
    decimals: 0,
    scale: 100,
    polarity: 'higher_better',
    numerator: 'Of the denominator, children with no change of social worker during the year to 31 March',
    denominator: CHILDREN_SW,
    source: LEDGER,
    method:
      'A change is a social worker episode starting in the year, while the child is looked after, that takes over from an earlier episode with a different worker (consecutive episodes with the same SW_ID are one relationship; "XX" is never taken to be the same worker). A first episode (SW_REASON FCONTA, or nothing earlier in the return) is not a change.',
    periodType: 'reporting_year',
  },
  {
    id: 'sw_changes_per_child_year',
    title: 'Changes of social worker per child-year looked after',
    area: 'stability',
    unit: 'rate',
    decimals: 2,
    scale: 1,
    polarity: 'lower_better',
    numerator: 'Changes of social worker during the year while the child was looked after (see sw_no_change)',
    denominator:
      'Child-years looked after in the year: days looked after between 1 April and 31 March (episodes other than V3/V4 short breaks) / days in the year, for children with social worker episodes in the return',
    source: LEDGER,
    method:
      'Changes / child-years, so children looked after for part of the year weigh in proportion to their time in care.',
    periodType: 'reporting_year',
  },
  {
    id: 'sw_changes_turnover',
    title: 'Changes of social worker caused by worker turnover',
    area: 'stability',
    unit: 'percent',
    decimals: 0,
    scale: 100,
    polarity: 'lower_better',
    numerator: `Of the denominator, changes whose previous worker left the council, or was an agency worker whose assignment ended, within ${LEAVING_WINDOW_DAYS} days of the change (census RoleEndDate)`,
    denominator:
      "Changes of social worker in the year whose previous worker's registration number (SW_ID) is found in the council's workforce census (its own and its practices' returns, census years around the change)",
    source: JOINED,
    method:
      'The join is by registration number within the council only. Changes whose previous worker is not found ("XX", typos, agency workers absent from the census) are left out of both counts and reported as sw_id_unmatched. Not computed when no census is loaded for the years around the change.',
    periodType: 'reporting_year',
  },
  {
    id: 'sw_id_unmatched',
    title: "Social worker episodes whose worker is not found in the council's workforce census",
    area: 'stability',
    unit: 'percent',
    decimals: 0,
    scale: 100,
    polarity: 'lower_better',
    numerator:
      'Of the denominator, episodes whose SW_ID is "XX", blank, or matches no SWENo in the census (a data quality figure)',
    denominator:
      'Social worker episodes open during the year of children looked after in the year (not only under V3/V4)',
    source: JOINED,
    method:
      "Registration numbers are compared after removing spaces and upper-casing (and are held only as keyed hashes, made at import within the council: never stored or shown as written), against every worker in the council's census returns (its own and its practices') for the census years ending 30 September before, in and after the year.",
    periodType: 'reporting_year',
  },
  {
    id: 'sw_year_on_year_mismatch',
    title: "Children whose first social worker episode does not match last year's open episode",
    area: 'stability',
    unit: 'percent',
    decimals: 0,
    scale: 100,
    polarity: 'lower_better',
    numerator:
      "Of the denominator, children whose earliest episode in this year's return has a different SW_ID or SW_DECOM (DfE rules SW16a/SW16b; a data quality figure)",
    denominator:
      "Children with a social worker episode open at 31 March in the same council's (or practice's) accepted return for the year before, who have episodes in this year's return",
    source: `${LEDGER}, this year's and last year's returns`,
    method: 'SW16-style reconciliation between consecutive returns of the same council or practice.',
    periodType: 'reporting_year',
  },
];

export const CONTINUITY_INDICATORS: readonly string[] = continuityCatalogue.map((d) => d.id);

/**
 * SW_REASON: why a new social worker episode began (SSDA903 guidance; codes as in rule SW13STG1 and
 * packages/returns/src/ssda903/codes.ts). Labels paraphrase the guidance.
 */
export const SW_REASON_LABELS: Readonly<Record<string, string>> = {
  MANAGE: 'Management decision (for example caseload balancing)',
  FCONTA: 'First contact (first worker)',
  LEFTRL: 'Social worker left the role',
  ORGRST: 'Organisational restructure',
  TSPROC: 'Transfer between teams as part of the process',
  ABSENC: 'Social worker absence',
  CHCHAN: 'Child asked for a change',
  PCCHAN: 'Parent or carer asked for a change',
  SWDIED: 'Social worker died',
  OTHERS: 'Other reason',
  unknown: 'Reason not recorded',
};

/** What the census says became of the worker a child lost. */
export const CHANGE_OUTCOMES = ['left', 'agency_ended', 'stayed', 'unmatched', 'no_census'] as const;
export type ChangeOutcome = (typeof CHANGE_OUTCOMES)[number];
export const CHANGE_OUTCOME_LABELS: Readonly<Record<ChangeOutcome, string>> = {
  left: 'Worker left the council',
  agency_ended: "Agency worker's assignment ended",
  stayed: 'Worker stayed (internal move)',
  unmatched: 'Worker not found in the census',
  no_census: 'No census loaded',
};
