/**
 * The councils' funnel, worked from uncertainty/funnel.test.ts's five units (target 10%, so
 * p0 = 0.1 on a percent scale): over-dispersed (φ 4.58, τ² 0.0047366), so the additive limits.
 * At n = 100: 95% 0.1 ± 1.959964 √(0.0009 + 0.0047366) = −0.0471 .. 0.2471 (lower clamps to 0);
 * 99.8% 0.1 ± 3.090232 x 0.075078 = 0 .. 0.3320. 20/100 (20%) lies within both.
 * Without over-dispersion (the near-target units), 20/100 is above 99.8% (0.1927).
 */
import { describe, expect, it } from 'vitest';
import { councilFunnel, funnelPosition } from './council-funnel';

const unit = (numerator: number, denominator: number) => ({
  numerator,
  denominator,
  value: (numerator * 100) / denominator,
});
const FIVE = [unit(5, 100), unit(20, 100), unit(10, 50), unit(2, 40), unit(30, 200)];

describe('council funnel', () => {
  it('widens the limits by τ² when the councils are over-dispersed, on the value scale', () => {
    const funnel = councilFunnel(FIVE, 10, 100)!;
    expect(funnel.adjustment).toBe('additive');
    expect(funnel.curve[0]!.denominator).toBeCloseTo(40, 9);
    expect(funnel.curve.at(-1)!.denominator).toBeCloseTo(200, 9);
    expect(funnelPosition(unit(20, 100), funnel, 100)).toBe('within');
    expect(funnelPosition(unit(40, 100), funnel, 100)).toBe('above_998');
  });

  it('uses the plain limits otherwise', () => {
    const near = [unit(10, 100), unit(11, 100), unit(9, 100), unit(20, 200)];
    const funnel = councilFunnel(near, 10, 100)!;
    expect(funnel.adjustment).toBe('none');
    expect(funnelPosition(unit(20, 100), funnel, 100)).toBe('above_998');
    expect(funnelPosition(unit(16, 100), funnel, 100)).toBe('above_95');
    expect(funnelPosition(unit(3, 100), funnel, 100)).toBe('below_95');
  });

  it('places no suppressed council and draws nothing without a target', () => {
    expect(
      funnelPosition({ value: null, numerator: null, denominator: 100 }, councilFunnel(FIVE, 10, 100), 100),
    ).toBeNull();
    expect(councilFunnel(FIVE, null, 100)).toBeNull();
  });
});
