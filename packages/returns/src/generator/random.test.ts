import { describe, expect, it } from 'vitest';
import { hashParts, Rng, weighted } from './random';

describe('Rng', () => {
  it('gives the same numbers for the same seed parts and different ones otherwise', () => {
    const draw = (r: Rng) => Array.from({ length: 5 }, () => r.nextUint32());
    expect(draw(new Rng(1, 'a'))).toEqual(draw(new Rng(1, 'a')));
    expect(draw(new Rng(1, 'a'))).not.toEqual(draw(new Rng(1, 'b')));
    expect(draw(new Rng(1, 'a'))).not.toEqual(draw(new Rng(2, 'a')));
    expect(draw(new Rng('1'))).not.toEqual(draw(new Rng(1)));
    const base = hashParts(['seed']);
    expect(draw(Rng.keyed(base, 7, 1))).toEqual(draw(Rng.keyed(base, 7, 1)));
    expect(draw(Rng.keyed(base, 7, 1))).not.toEqual(draw(Rng.keyed(base, 8, 1)));
    expect(draw(Rng.keyed(base, 7, 1))).not.toEqual(draw(Rng.keyed(base, 7, 2)));
  });

  it('pins the first values of a known seed (the stream must never change silently)', () => {
    const r = new Rng(903);
    expect([r.nextUint32(), r.nextUint32(), r.nextUint32()]).toEqual([2525238225, 2706450330, 1739270497]);
  });

  it('draws uniform numbers in range with the expected moments', () => {
    const r = new Rng('moments');
    let sum = 0;
    let sumSq = 0;
    let min = 1;
    let max = 0;
    const n = 100_000;
    for (let i = 0; i < n; i++) {
      const x = r.next();
      if (x < min) min = x;
      if (x > max) max = x;
      sum += x;
      sumSq += x * x;
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    expect(sum / n).toBeCloseTo(0.5, 2);
    expect(sumSq / n - (sum / n) ** 2).toBeCloseTo(1 / 12, 2);
    const ints = new Set<number>();
    for (let i = 0; i < 1000; i++) ints.add(r.int(3, 6));
    expect([...ints].sort()).toEqual([3, 4, 5, 6]);
  });

  it('has helpers with the right means', () => {
    const r = new Rng('helpers');
    const n = 50_000;
    let b = 0;
    let e = 0;
    let g = 0;
    let p = 0;
    for (let i = 0; i < n; i++) {
      if (r.bernoulli(0.3)) b++;
      e += r.exponential(2);
      g += r.normal(10, 3);
      p += r.poisson(1.5);
    }
    expect(b / n).toBeCloseTo(0.3, 2);
    expect(e / n).toBeCloseTo(2, 1);
    expect(g / n).toBeCloseTo(10, 1);
    expect(p / n).toBeCloseTo(1.5, 1);
    expect(r.normalClamped(0, 100, -1, 1)).toBeGreaterThanOrEqual(-1);
  });

  it('picks by weight', () => {
    const pick = weighted([
      ['a', 1],
      ['b', 3],
      ['never', 0],
    ] as const);
    const r = new Rng('weights');
    const counts: Record<string, number> = { a: 0, b: 0, never: 0 };
    for (let i = 0; i < 40_000; i++) counts[pick(r)]!++;
    expect(counts.never).toBe(0);
    expect(counts.b! / 40_000).toBeCloseTo(0.75, 2);
    expect(() => weighted([['x', 0]])).toThrow();
  });

  it('forks independent streams deterministically', () => {
    const a = new Rng(5).fork('child', 1);
    const b = new Rng(5).fork('child', 1);
    expect(a.next()).toBe(b.next());
    expect(new Rng(5).fork('child', 1).next()).not.toBe(new Rng(5).fork('child', 2).next());
  });
});
