/**
 * Why a council's computed figure (from its own return) and DfE's published figure for the same
 * indicator and year differ, as far as the two figures themselves say. Pure; the reconciliation
 * resolver calls it with what the viewer may see (a withheld computed figure has no number here).
 *
 * What is known from the figures: whether DfE published anything (and why not: its symbol), whether
 * the two agree once rounded as DfE prints the figure, whether the cohorts (denominators) agree. What
 * is not known is which record made the difference, so the causes are named as the usual ones for
 * that kind of figure (DOMAIN.md): DfE's figure is its snapshot of the return at its cut-off (late
 * returns and later amendments are not in it); the CSWW census is at 30 September.
 */

export interface ReconcileFigure {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  symbol: string | null;
}

export interface ReconcileInput {
  computed: ReconcileFigure;
  /** Null: DfE has no figure (no row at all) for the council and year. */
  published: ReconcileFigure | null;
  /** Does the catalogue name a published DfE source for the indicator? */
  publishedSource: boolean;
  /** Workforce (CSWW census) rather than SSDA903 (children looked after). */
  workforce: boolean;
  /** Decimal places DfE prints the figure to (the catalogue's `decimals`). */
  decimals: number;
}

const SYMBOLS: Record<string, string> = {
  c: 'suppressed by DfE',
  x: 'not available',
  z: 'not applicable',
  k: 'rounds to zero',
  u: 'low reliability',
  low: 'too low to be shown',
};

/** Formats a count or FTE without float noise. */
const n = (v: number) => String(Number(v.toFixed(6)));

export function reconcileReasons(input: ReconcileInput): string[] {
  const { computed, published } = input;
  if (!input.publishedSource) return ['DfE publishes no figure for this indicator: only the computed one exists.'];
  if (published === null) return ['DfE has published no figure for this council and year (yet).'];
  if (published.value === null) {
    const symbol = published.symbol ?? '';
    return [`DfE shows no number: ${symbol} (${SYMBOLS[symbol] ?? 'a symbol DfE uses'}).`];
  }
  if (computed.value === null) {
    return computed.symbol === 'c'
      ? ['The computed figure is withheld from this viewer (disclosure control of figures from returns).']
      : [`No computed number${computed.symbol ? ` (${computed.symbol})` : ''}.`];
  }
  const reasons: string[] = [];
  const scale = 10 ** input.decimals;
  const rounded = Math.round(computed.value * scale) / scale;
  if (computed.value === published.value) reasons.push('Same figure.');
  else if (Math.abs(rounded - published.value) < 1e-9) {
    reasons.push(
      `Equal once rounded as DfE prints it (${input.decimals} decimal place${input.decimals === 1 ? '' : 's'}).`,
    );
  }
  const cohortKnown = computed.denominator !== null && published.denominator !== null;
  if (cohortKnown && Math.abs(computed.denominator! - published.denominator!) > 1e-9) {
    reasons.push(
      `Different ${input.workforce ? 'base' : 'cohort'}: ${n(computed.denominator!)} in the return, ${n(published.denominator!)} in DfE's table. ` +
        (input.workforce
          ? "DfE's census counts FTEs at 30 September as the council reported them then; a late or amended return changes them."
          : "DfE's figure is its snapshot of the return at its cut-off: a late return, or records amended or added since, change the cohort."),
    );
  } else if (
    cohortKnown &&
    computed.numerator !== null &&
    published.numerator !== null &&
    Math.abs(computed.numerator - published.numerator) > 1e-9
  ) {
    reasons.push(
      `Same ${input.workforce ? 'base' : 'cohort'}, ${n(computed.numerator)} counted against DfE's ${n(published.numerator)}: records amended after DfE's cut-off, or a definition applied differently (e.g. temporary placements, short-break children).`,
    );
  }
  if (reasons.length === 0)
    reasons.push(
      `The figures differ; DfE prints no ${published.denominator === null ? 'denominator' : 'numerator'} to compare.`,
    );
  return reasons;
}
