export interface Timing {
  count: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
}

/** Exact percentiles (nearest rank) of every response time recorded, in ms; `seconds` the time they took. */
export function summarise(times: readonly number[], seconds: number): Timing {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number) =>
    sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : Number.NaN;
  return {
    count: sorted.length,
    perSecond: seconds > 0 ? sorted.length / seconds : 0,
    p50: at(50),
    p95: at(95),
    p99: at(99),
  };
}
