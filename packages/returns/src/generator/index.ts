/**
 * Seeded, deterministic generator of valid SSDA903 and CSWW returns, calibrated to England's published
 * 2025 figures. See ssda903.ts for how histories are generated and projected onto collection years.
 */
export { Rng, weighted, hashParts, type SeedPart, type WeightedPicker } from './random';
export {
  addYears,
  ageOn,
  civil,
  collectionEnd,
  collectionStart,
  dayOf,
  formatDfe,
  formatIso,
  type Day,
} from './dates';
export { ENGLAND_2025, WORKFORCE_2025, PLACEMENT_CHANGE_REASONS_2025 } from './calibration';
export * as codes from './codes';
export {
  generateSsda903,
  practiceSubset,
  splitByPractice,
  MEAN_YEARS_IN_CARE,
  SW_EPISODES_FROM,
  type Ad1Row,
  type Child903,
  type Episode903,
  type Missing903,
  type Oc2Row,
  type Oc3Row,
  type PlacedAdoptionRow,
  type PracticeShare,
  type PrevPermRow,
  type Review903,
  type Ssda903Options,
  type Ssda903Return,
  type SwEpisode903,
} from './ssda903';
export {
  generateCsww,
  cswwPracticeSubset,
  type CswwOptions,
  type CswwReturn,
  type CswwVacancies,
  type CswwWorker,
} from './csww';
export { writeSsda903Csv, SSDA903_CSV_COLUMNS, type Ssda903CsvOptions, type Ssda903Table } from './write-csv';
export { writeSsda903Xml, writeCswwXml, type XmlOptions } from './write-xml';
export type { GeneratedFile } from './sink';
export {
  apportion,
  generateCouncilYear,
  generateNationalYear,
  iterateNationalYear,
  ENGLAND_TOTALS_2025,
  type CouncilYear,
  type CouncilYearOptions,
  type PracticeYear,
  type NationalCouncil,
  type NationalYearOptions,
} from './national';
