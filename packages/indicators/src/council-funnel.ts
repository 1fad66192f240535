/**
 * A funnel plot of councils on a proportion (Spiegelhalter 2005; uncertainty/funnel.ts): limits
 * around England's proportion at 95% and 99.8% for every denominator, widened by the additive
 * random-effects method (τ²) when the councils are over-dispersed, and where each council falls.
 * From published numerators and denominators only; a suppressed council is not placed.
 */
import { funnelLimits, overdispersion, type Overdispersion } from './uncertainty/index';

export interface FunnelCurvePoint {
  denominator: number;
  lower95: number;
  upper95: number;
  lower998: number;
  upper998: number;
}

export type FunnelPosition = 'above_998' | 'above_95' | 'within' | 'below_95' | 'below_998';

export interface CouncilFunnel {
  /** England's value, on the indicator's scale. */
  target: number;
  overdispersion: Overdispersion;
  adjustment: 'none' | 'additive';
  curve: FunnelCurvePoint[];
}

interface Unit {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}

const CURVE_POINTS = 60;

function usable(u: Unit): u is { value: number; numerator: number; denominator: number } {
  return (
    u.value !== null &&
    u.numerator !== null &&
    u.denominator !== null &&
    u.denominator > 0 &&
    u.numerator >= 0 &&
    u.numerator <= u.denominator
  );
}

/** Null when there is no target or fewer than two councils to place. `target` on the value's scale. */
export function councilFunnel(units: readonly Unit[], target: number | null, scale: number): CouncilFunnel | null {
  const placed = units.filter(usable);
  if (target === null || placed.length < 2) return null;
  const p0 = target / scale;
  if (!(p0 > 0 && p0 < 1)) return null;
  const od = overdispersion(placed, p0);
  const adjust = od.present ? ({ method: 'additive', tau2: od.tau2 } as const) : ({ method: 'none' } as const);
  const ns = placed.map((u) => u.denominator);
  const [lo, hi] = [Math.max(1, Math.min(...ns)), Math.max(...ns)];
  const curve: FunnelCurvePoint[] = [];
  for (let i = 0; i < CURVE_POINTS; i += 1) {
    // Evenly spaced on a log scale: the funnel bends most at small denominators.
    const n = lo * (hi / lo) ** (i / (CURVE_POINTS - 1));
    const l95 = funnelLimits(p0, n, 0.95, adjust);
    const l998 = funnelLimits(p0, n, 0.998, adjust);
    curve.push({
      denominator: n,
      lower95: l95.lower * scale,
      upper95: l95.upper * scale,
      lower998: l998.lower * scale,
      upper998: l998.upper * scale,
    });
  }
  return { target, overdispersion: od, adjustment: adjust.method, curve };
}

/** Where a council falls against the funnel's limits at its own denominator; null when it is not placed. */
export function funnelPosition(unit: Unit, funnel: CouncilFunnel | null, scale: number): FunnelPosition | null {
  if (!funnel || !usable(unit)) return null;
  const p0 = funnel.target / scale;
  const adjust =
    funnel.adjustment === 'additive'
      ? ({ method: 'additive', tau2: funnel.overdispersion.tau2 } as const)
      : ({ method: 'none' } as const);
  const p = unit.numerator / unit.denominator;
  const l998 = funnelLimits(p0, unit.denominator, 0.998, adjust);
  const l95 = funnelLimits(p0, unit.denominator, 0.95, adjust);
  if (p > l998.upper) return 'above_998';
  if (p > l95.upper) return 'above_95';
  if (p < l998.lower) return 'below_998';
  if (p < l95.lower) return 'below_95';
  return 'within';
}
