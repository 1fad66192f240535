/**
 * A national year: every council's 903 return and workforce census, with national totals split across
 * councils in proportion to weights (for the benchmark and for demo data at scale).
 */
import { linkRegistrationNumbers } from './registration';
import { cswwPracticeSubset, generateCsww, type CswwReturn } from './csww';
import { ENGLAND_2025, WORKFORCE_2025 } from './calibration';
import { generateSsda903, practiceSubset, type Ssda903Return } from './ssda903';

export interface NationalCouncil {
  code: string;
  /** Children looked after at 31 March, or a weight when `totals` is given. */
  children: number;
  /** Employed social workers in post at 30 September, or a weight when `totals` is given. */
  workers: number;
}

export interface NationalYearOptions {
  seed: number | string;
  collectionYear: number;
  /** Census year of the workforce returns; defaults to `collectionYear`. */
  censusYear?: number;
  councils: readonly NationalCouncil[];
  /**
   * National totals to split across councils in proportion to their `children` / `workers` weights
   * (largest remainder, so the parts add up exactly). Without it the councils' numbers are used as given.
   */
  totals?: { children: number; workers: number };
}

export interface CouncilYear {
  councilCode: string;
  ssda903: Ssda903Return;
  csww: CswwReturn;
}

/** England 2025: 81,770 children looked after at 31 March; 38,292 social workers in post (headcount). */
export const ENGLAND_TOTALS_2025 = {
  children: ENGLAND_2025.claAt31March,
  workers: WORKFORCE_2025.inpostHeadcount,
} as const;

/** Splits `total` into integers proportional to `weights` (largest remainder method). */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + Math.max(0, b), 0);
  if (sum <= 0) return weights.map(() => 0);
  const exact = weights.map((wt) => (Math.max(0, wt) / sum) * total);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    parts[i] = (parts[i] as number) + 1;
    left--;
  }
  return parts;
}

function councilSizes(opts: NationalYearOptions): NationalCouncil[] {
  if (!opts.totals) return [...opts.councils];
  const children = apportion(
    opts.totals.children,
    opts.councils.map((c) => c.children),
  );
  const workers = apportion(
    opts.totals.workers,
    opts.councils.map((c) => c.workers),
  );
  return opts.councils.map((c, i) => ({
    code: c.code,
    children: Math.max(1, children[i] as number),
    workers: Math.max(1, workers[i] as number),
  }));
}

/** Generates council by council, so a caller can serialise and drop each before the next. */
export function* iterateNationalYear(opts: NationalYearOptions): Generator<CouncilYear> {
  for (const c of councilSizes(opts)) {
    yield {
      councilCode: c.code,
      ssda903: generateSsda903({
        seed: opts.seed,
        councilCode: c.code,
        collectionYear: opts.collectionYear,
        children: c.children,
      }),
      csww: generateCsww({
        seed: opts.seed,
        councilCode: c.code,
        censusYear: opts.censusYear ?? opts.collectionYear,
        workers: c.workers,
      }),
    };
  }
}

export function generateNationalYear(opts: NationalYearOptions): { collectionYear: number; councils: CouncilYear[] } {
  return { collectionYear: opts.collectionYear, councils: [...iterateNationalYear(opts)] };
}

export interface CouncilYearOptions {
  seed: number | string;
  councilCode: string;
  collectionYear: number;
  /** Census year of the workforce return; defaults to `collectionYear`. */
  censusYear?: number;
  children: number;
  workers: number;
  /** Practices and their shares, used for both the children (903) and the social workers (CSWW). */
  practices?: readonly { id: string; share: number }[];
}

export interface PracticeYear {
  practiceId: string;
  ssda903: Ssda903Return;
  csww: CswwReturn;
}

/**
 * One council's year with its practices: the council's own returns (all its children and workers, what
 * it sends DfE) and each practice's returns (the children it holds and the workers it employs). Demo data
 * for councils with practices, e.g. the pilots, since no practice-level data is published.
 */
export function generateCouncilYear(opts: CouncilYearOptions): CouncilYear & { practices: PracticeYear[] } {
  const ssda903 = generateSsda903({
    seed: opts.seed,
    councilCode: opts.councilCode,
    collectionYear: opts.collectionYear,
    children: opts.children,
    ...(opts.practices ? { practices: opts.practices } : {}),
  });
  const csww = generateCsww({
    seed: opts.seed,
    councilCode: opts.councilCode,
    censusYear: opts.censusYear ?? opts.collectionYear,
    workers: opts.workers,
    ...(opts.practices ? { practices: opts.practices } : {}),
  });
  // The two returns name the same workers by the same registration numbers (continuity ledger).
  linkRegistrationNumbers(opts.seed, ssda903, csww);
  const practices = (opts.practices ?? []).map((p) => ({
    practiceId: p.id,
    ssda903: practiceSubset(ssda903, p.id),
    csww: cswwPracticeSubset(csww, p.id),
  }));
  return { councilCode: opts.councilCode, ssda903, csww, practices };
}
