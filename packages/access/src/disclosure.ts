/**
 * Disclosure control on one figure (a row of indicator_values) for the viewer asking.
 *
 * Owners get the figure unchanged. Everyone else:
 * - numerator and denominator are counts: 1..5 -> null with symbol 'c' (any level); England and region
 *   counts rounded to the nearest 10, halves up (counts.ts);
 * - a count-valued figure (unit 'count') is controlled the same way as its count;
 * - a rate (percent, ratio, ...) is withheld as 'c' whenever its numerator or denominator is suppressed,
 *   here or at source (numeratorSymbol / denominatorSymbol 'c'), so it cannot be multiplied back;
 *   otherwise it is shown as stored, computed from unrounded counts as DfE computes its percentages;
 *   except in computed tables (discloseTable, `rateFromShownCounts`): there an England or region rate
 *   is worked from the rounded counts it is shown with, since a rate at full precision beside counts
 *   rounded to 10 fits exactly one unrounded pair (9.674050868949056% with 1300 / 13410 is 1297 /
 *   13407), and precision would undo the rounding;
 * - cells suppressed by secondary suppression (secondary.ts) are passed in `secondary` and treated as
 *   suppressed; `discloseTable` does both steps for a set of figures related by additive groups.
 * Figures with no value keep their symbol (x, z, ...).
 */
import { controlCount, isRoundedLevel, isSmallCount, SUPPRESSED, type Suppressed } from './counts';
import { suppressTable, type AdditiveGroup, type Cell } from './secondary';
import type { SubjectKind } from './viewer';

export type Unit = 'percent' | 'ratio' | 'rate' | 'count' | 'score';

export interface Figure {
  subjectKind: SubjectKind;
  /** Does the viewer own the subject (viewer.ts ownsSubject)? */
  owned: boolean;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  symbol: string | null;
  numeratorSymbol?: string | null;
  denominatorSymbol?: string | null;
  /** The indicator's unit; 'count' makes the value itself a count. Default: a rate of the two counts. */
  unit?: Unit;
  /**
   * Never shown to the viewer, yet it may follow from figures that are (another council's part of a
   * practice the viewer shares: the pooled figure minus the viewer's own part). In a table its small
   * counts are protected like suppressed ones; its other counts are unknowns. Disclosed: withheld.
   */
  hidden?: boolean;
}

export interface DisclosedFigure {
  numerator: number | null;
  numeratorSymbol: string | null;
  denominator: number | null;
  denominatorSymbol: string | null;
  value: number | null;
  symbol: string | null;
}

export interface DisclosureOptions {
  /** Parts suppressed by secondary suppression across the figure's table. */
  secondary?: { numerator?: boolean; denominator?: boolean };
  /** A rate of rounded counts is worked from the counts as shown (computed figures; see above). */
  rateFromShownCounts?: boolean;
}

export function discloseFigure(figure: Figure, options: DisclosureOptions = {}): DisclosedFigure {
  const numeratorSymbol = figure.numeratorSymbol ?? null;
  const denominatorSymbol = figure.denominatorSymbol ?? null;
  if (figure.hidden) {
    return {
      numerator: null,
      numeratorSymbol: SUPPRESSED,
      denominator: null,
      denominatorSymbol: SUPPRESSED,
      value: null,
      symbol: SUPPRESSED,
    };
  }
  if (figure.owned) {
    const { numerator, denominator, value, symbol } = figure;
    return { numerator, numeratorSymbol, denominator, denominatorSymbol, value, symbol };
  }
  const kind = figure.subjectKind;
  const numerator = controlPart(figure.numerator, numeratorSymbol, kind, options.secondary?.numerator);
  const denominator = controlPart(figure.denominator, denominatorSymbol, kind, options.secondary?.denominator);
  let value = controlValue(figure, numerator.symbol, denominator.symbol, options.secondary?.numerator);
  if (options.rateFromShownCounts && isRoundedLevel(kind) && figure.unit !== 'count') {
    value = rateOfShownCounts(figure, value, numerator.value, denominator.value);
  }
  return {
    numerator: numerator.value,
    numeratorSymbol: numerator.symbol,
    denominator: denominator.value,
    denominatorSymbol: denominator.symbol,
    value: value.value,
    symbol: value.symbol,
  };
}

interface Part {
  value: number | null;
  symbol: string | null;
}

const withheld: Part = { value: null, symbol: SUPPRESSED };

function controlPart(n: number | null, symbol: string | null, kind: SubjectKind, forced = false): Part {
  if (n === null) return { value: null, symbol };
  if (forced) return withheld;
  return fromControlled(controlCount(n, kind), symbol);
}

function controlValue(
  figure: Figure,
  numeratorSymbol: string | null,
  denominatorSymbol: string | null,
  forced = false,
): Part {
  if (figure.value === null) return { value: null, symbol: figure.symbol };
  if (figure.unit === 'count') {
    if (forced || numeratorSymbol === SUPPRESSED) return withheld;
    return fromControlled(controlCount(figure.value, figure.subjectKind), figure.symbol);
  }
  if (numeratorSymbol === SUPPRESSED || denominatorSymbol === SUPPRESSED) return withheld;
  return { value: figure.value, symbol: figure.symbol };
}

/**
 * The rate as the shown (rounded) counts give it, on the indicator's own scale (x100 for a percent,
 * read back from the stored figure: value x denominator / numerator). A rate whose counts are not both
 * shown, or whose numerator is 0, is left as it is (withheld, or exactly 0).
 */
function rateOfShownCounts(figure: Figure, value: Part, numerator: number | null, denominator: number | null): Part {
  if (value.value === null || numerator === null || denominator === null || !(denominator > 0)) return value;
  const { numerator: n, denominator: d, value: v } = figure;
  if (n === null || d === null || v === null || !(n > 0) || !(d > 0)) return value;
  // The stored value is n / d x scale in floating point: 10 significant digits give the scale back exactly.
  const scale = Number(((v * d) / n).toPrecision(10));
  return { value: (numerator / denominator) * scale, symbol: value.symbol };
}

function fromControlled(n: number | Suppressed, symbol: string | null): Part {
  return n === SUPPRESSED ? withheld : { value: n, symbol };
}

/**
 * Discloses figures whose counts add up along groups (councils of a region, practices of a council,
 * categories of a total): primary and secondary suppression run separately on the numerators and on the
 * denominators, owned figures locked, then each figure goes through `discloseFigure`. A total that is
 * itself rounded (a region) still counts as exact here: it over-protects a little, never under.
 */
export function discloseTable(
  figures: ReadonlyMap<string, Figure>,
  groups: readonly AdditiveGroup[],
): Map<string, DisclosedFigure> {
  const numeratorOf = (f: Figure) => f.numerator ?? (f.unit === 'count' ? f.value : null);
  const numerators = suppressTable({ cells: cellsOf(figures, numeratorOf), groups }).suppressed;
  const denominators = suppressTable({ cells: cellsOf(figures, (f) => f.denominator), groups }).suppressed;
  const out = new Map<string, DisclosedFigure>();
  for (const [id, figure] of figures) {
    const secondary = { numerator: numerators.has(id), denominator: denominators.has(id) };
    out.set(id, discloseFigure(figure, { secondary, rateFromShownCounts: true }));
  }
  return out;
}

function cellsOf(figures: ReadonlyMap<string, Figure>, count: (f: Figure) => number | null): Cell[] {
  return [...figures].map(([id, f]) => {
    if (!f.hidden) return { id, value: count(f), locked: f.owned };
    // A hidden small count stays in the table as suppressed (protected, never a complement); a hidden
    // count that is not small is merely unknown to the viewer (a hidden cell).
    const n = count(f);
    return n !== null && isSmallCount(n) ? { id, value: n, suppressed: true } : { id, value: null };
  });
}

/** One count of a table in a family: a table's numerators or its denominators. */
export interface CountRef {
  table: string;
  part: 'numerator' | 'denominator';
}

export interface LinkedTable {
  figures: ReadonlyMap<string, Figure>;
  groups: readonly AdditiveGroup[];
}

/**
 * `discloseTable` for several tables whose counts hold the same children (cross-indicator
 * differencing, issues 10 and 11). A family lists counts of different tables that count the same
 * children or nested cohorts of them, cell by cell (subject by subject): one indicator's denominator
 * is another's numerator (missing incidents per missing child), or a cohort contains a narrower one
 * (looked after at 31 March, and of those under 16). Suppressed in one, a cell shown in another gives
 * the adversary its cohort's count, and with it (the sub-cohort being no larger, the cohorts of a
 * council adding up over its practices) a complement back; so a cell suppressed in any count of a
 * family is suppressed in every count of it, and each table's secondary suppression runs again with
 * those cells suppressed, until no family gains a cell. Without families this is `discloseTable` on
 * each table.
 */
export function discloseTables(
  tables: ReadonlyMap<string, LinkedTable>,
  families: readonly (readonly CountRef[])[] = [],
): Map<string, Map<string, DisclosedFigure>> {
  const numeratorOf = (f: Figure) => f.numerator ?? (f.unit === 'count' ? f.value : null);
  const countOf = { numerator: numeratorOf, denominator: (f: Figure) => f.denominator } as const;
  const key = (r: CountRef) => `${r.part}|${r.table}`;
  const forced = new Map<string, Set<string>>();
  const suppressed = new Map<string, ReadonlySet<string>>();
  // Start from every family's primary suppressions at once (fewer rounds than finding them one by one).
  for (const family of families) {
    const present = family.filter((r) => tables.has(r.table));
    const small = new Set<string>();
    for (const r of present) {
      for (const [id, f] of tables.get(r.table)!.figures) {
        const n = countOf[r.part](f);
        if (!f.owned && !f.hidden && n !== null && isSmallCount(n)) small.add(id);
      }
    }
    for (const r of present) forced.set(key(r), new Set([...(forced.get(key(r)) ?? []), ...small]));
  }
  // Counts to (re)run: all at first, then only those a family has just forced cells on.
  let stale = new Set(
    [...tables.keys()].flatMap((table) => [key({ table, part: 'numerator' }), key({ table, part: 'denominator' })]),
  );
  for (;;) {
    for (const [table, { figures, groups }] of tables) {
      for (const part of ['numerator', 'denominator'] as const) {
        if (!stale.has(key({ table, part }))) continue;
        const force = forced.get(key({ table, part }));
        const cells = cellsOf(figures, countOf[part]).map((c) =>
          // Zeros are not forced, as they are never complements: a zero denominator says so itself ('z').
          force?.has(c.id) && c.value !== null && c.value > 0 && !c.locked ? { ...c, suppressed: true } : c,
        );
        suppressed.set(key({ table, part }), suppressTable({ cells, groups }).suppressed);
      }
    }
    let changed = false;
    stale = new Set();
    for (const family of families) {
      const present = family.filter((r) => tables.has(r.table));
      const union = new Set(present.flatMap((r) => [...suppressed.get(key(r))!]));
      for (const r of present) {
        const mine = suppressed.get(key(r))!;
        const force = forced.get(key(r)) ?? new Set<string>();
        for (const id of union) {
          if (mine.has(id) || force.has(id)) continue;
          force.add(id);
          stale.add(key(r));
          changed = true;
        }
        forced.set(key(r), force);
      }
    }
    if (!changed) break;
  }
  const out = new Map<string, Map<string, DisclosedFigure>>();
  for (const [table, { figures }] of tables) {
    const numerators = suppressed.get(key({ table, part: 'numerator' }))!;
    const denominators = suppressed.get(key({ table, part: 'denominator' }))!;
    const disclosed = new Map<string, DisclosedFigure>();
    for (const [id, figure] of figures) {
      const secondary = { numerator: numerators.has(id), denominator: denominators.has(id) };
      disclosed.set(id, discloseFigure(figure, { secondary, rateFromShownCounts: true }));
    }
    out.set(table, disclosed);
  }
  return out;
}
