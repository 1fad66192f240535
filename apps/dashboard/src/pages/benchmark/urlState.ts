/**
 * My benchmark's view in the URL: `/benchmark?practice=swp-kent&indicator=placements_3plus&from=2019&to=2024`.
 * A practice's own staff always see their practice; policy staff choose one.
 */
export interface BenchmarkView {
  practice: string | null;
  indicator: string | null;
  from: number | null;
  to: number | null;
}

const ID = /^[A-Za-z0-9_.:-]{1,100}$/;
const YEAR = /^\d{4}$/;

export function parseBenchmarkView(search: string): BenchmarkView {
  const params = new URLSearchParams(search);
  const id = (name: string) => {
    const raw = params.get(name)?.trim() ?? '';
    return ID.test(raw) ? raw : null;
  };
  const year = (raw: string | null) => (raw !== null && YEAR.test(raw.trim()) ? Number(raw.trim()) : null);
  let from = year(params.get('from'));
  let to = year(params.get('to'));
  if (from !== null && to !== null && from > to) [from, to] = [to, from];
  return { practice: id('practice'), indicator: id('indicator'), from, to };
}

export function serialiseBenchmarkView(view: BenchmarkView): string {
  const params = new URLSearchParams();
  if (view.practice) params.append('practice', view.practice);
  if (view.indicator) params.append('indicator', view.indicator);
  if (view.from !== null) params.append('from', String(view.from));
  if (view.to !== null) params.append('to', String(view.to));
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}
