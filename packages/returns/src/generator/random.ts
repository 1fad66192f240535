/**
 * A small seeded pseudo-random number generator and helpers.
 *
 * The generator is sfc32 (Chris Doty-Humphrey's "Small Fast Chaotic" 32-bit generator, public domain,
 * as used by PractRand), seeded through a murmur3-style mix of the seed parts. It is not
 * cryptographic; it is fast, has a period of about 2^127 and passes PractRand, which is all a data
 * generator needs. Every stream is a pure function of its seed parts, so the same parts always give
 * the same numbers on every platform (only 32-bit integer arithmetic is used).
 */

export type SeedPart = string | number;

/** murmur3 fmix32 finaliser. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Mixes one 32-bit word into a running hash (murmur3 body step). */
function mixWord(h: number, k: number): number {
  k = Math.imul(k, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

function mixPart(h: number, part: SeedPart): number {
  if (typeof part === 'number') {
    if (!Number.isFinite(part)) throw new Error(`seed part must be finite, got ${part}`);
    // Integers up to 2^53 are mixed as two words; fractions are rejected to keep seeds exact.
    if (!Number.isInteger(part)) throw new Error(`numeric seed parts must be integers, got ${part}`);
    const lo = part >>> 0;
    const hi = Math.floor(part / 4294967296) >>> 0;
    h = mixWord(h, 0x6e756d); // tag: number
    h = mixWord(h, lo);
    return mixWord(h, hi);
  }
  h = mixWord(h, 0x737472); // tag: string
  for (let i = 0; i < part.length; i++) h = mixWord(h, part.charCodeAt(i));
  return mixWord(h, part.length);
}

/** Four independent 32-bit words from a list of seed parts. */
export function hashParts(parts: readonly SeedPart[]): [number, number, number, number] {
  let h = 0x9e3779b9 | 0;
  for (const p of parts) h = mixPart(h, p);
  const a = fmix32(h ^ 0x243f6a88);
  const b = fmix32(mixWord(h, 0x85a308d3));
  const c = fmix32(mixWord(h, 0x13198a2e));
  const d = fmix32(mixWord(h, 0x03707344));
  return [a, b, c, d];
}

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** A stream seeded from the given parts, e.g. `new Rng(seed, 'child', councilCode, index)`. */
  constructor(...parts: SeedPart[]) {
    const [a, b, c, d] = hashParts(parts);
    this.a = a | 0;
    this.b = b | 0;
    this.c = c | 0;
    this.d = d | 1;
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  /**
   * A stream keyed by integers under a precomputed base (see `hashParts`): much cheaper than hashing
   * string parts, for the hundreds of thousands of per-child streams of a national year.
   */
  static keyed(base: readonly [number, number, number, number], k1: number, k2 = 0, k3 = 0): Rng {
    return (Object.create(Rng.prototype) as Rng).rekey(base, k1, k2, k3);
  }

  /** Reseeds this stream in place exactly as `Rng.keyed` would seed a new one (no allocation). */
  rekey(base: readonly [number, number, number, number], k1: number, k2 = 0, k3 = 0): this {
    let h = base[0] | 0;
    h = mixWord(h, k1 | 0);
    h = mixWord(h, Math.floor(k1 / 4294967296) | 0);
    h = mixWord(h, k2 | 0);
    h = mixWord(h, k3 | 0);
    this.a = fmix32(h ^ base[1]) | 0;
    this.b = fmix32(mixWord(h, base[2])) | 0;
    this.c = fmix32(mixWord(h, base[3])) | 0;
    this.d = fmix32(mixWord(h, base[1] ^ base[2])) | 1;
    for (let i = 0; i < 12; i++) this.nextUint32();
    return this;
  }

  /** A new independent stream derived from this stream's current state and the given parts. */
  fork(...parts: SeedPart[]): Rng {
    return new Rng(this.nextUint32(), this.nextUint32(), ...parts);
  }

  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    if (max < min) throw new Error(`int(${min}, ${max}): empty range`);
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** Uniform real in [min, max). */
  float(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  bernoulli(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Standard normal via Box-Muller (one value per call; simple and deterministic). */
  gaussian(): number {
    let u = this.next();
    if (u < 1e-12) u = 1e-12;
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  normal(mean: number, sd: number): number {
    return mean + sd * this.gaussian();
  }

  /** Normal draw clamped to [min, max]. */
  normalClamped(mean: number, sd: number, min: number, max: number): number {
    const x = this.normal(mean, sd);
    return x < min ? min : x > max ? max : x;
  }

  exponential(mean: number): number {
    return -mean * Math.log(1 - this.next());
  }

  /** Poisson draw (Knuth; fine for the small means used here). */
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    const limit = Math.exp(-mean);
    let k = 0;
    let p = this.next();
    while (p > limit) {
      k++;
      p *= this.next();
    }
    return k;
  }

  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const t = items[i] as T;
      items[i] = items[j] as T;
      items[j] = t;
    }
    return items;
  }
}

/** A precomputed weighted choice: build once, draw many times in O(log n). */
export interface WeightedPicker<T> {
  (rng: Rng): T;
  readonly values: readonly T[];
}

export function weighted<T>(entries: readonly (readonly [T, number])[]): WeightedPicker<T> {
  const values: T[] = [];
  const cumulative: number[] = [];
  let total = 0;
  for (const [value, weight] of entries) {
    if (!(weight >= 0)) throw new Error(`negative or NaN weight for ${String(value)}`);
    if (weight === 0) continue;
    total += weight;
    values.push(value);
    cumulative.push(total);
  }
  if (values.length === 0) throw new Error('weighted(): no positive weights');
  const pickFn = (rng: Rng): T => {
    const x = rng.next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cumulative[mid] as number) > x) hi = mid;
      else lo = mid + 1;
    }
    return values[lo] as T;
  };
  return Object.assign(pickFn, { values });
}
