/**
 * A collection year is named by the year it ends, as the submissions table stores it: the 903 year
 * 1 April 2024 - 31 March 2025 is 2025 ("2024-25"); the workforce census at 30 September 2024 is 2024.
 */
export interface Ssda903Period {
  year: number;
  /** First day of the collection year (1 April). */
  start: string;
  /** Last day of the collection year (31 March). */
  end: string;
  /** DfE's label, e.g. "2024-25". */
  label: string;
}

export function ssda903Period(year: number): Ssda903Period {
  if (!Number.isInteger(year) || year < 1992 || year > 2100) throw new RangeError(`Not a collection year: ${year}`);
  return {
    year,
    start: `${year - 1}-04-01`,
    end: `${year}-03-31`,
    label: `${year - 1}-${String(year % 100).padStart(2, '0')}`,
  };
}

export interface CswwPeriod {
  year: number;
  /** The census date, 30 September. */
  censusDate: string;
  /** Starters and leavers are counted over the 12 months to the census date. */
  start: string;
}

export function cswwPeriod(year: number): CswwPeriod {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new RangeError(`Not a census year: ${year}`);
  return { year, censusDate: `${year}-09-30`, start: `${year - 1}-10-01` };
}
