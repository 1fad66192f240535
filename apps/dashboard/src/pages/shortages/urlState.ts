/**
 * The shortage monitor's view in the URL: `/shortages?council=886&from=2019&to=2024`. A council's
 * own staff always see their council (the parameter is ignored for them); policy staff choose one.
 */
export interface ShortageView {
  council: string | null;
  from: number | null;
  to: number | null;
}

const CODE = /^[A-Za-z0-9_-]{1,20}$/;
const YEAR = /^\d{4}$/;

export function parseShortageView(search: string): ShortageView {
  const params = new URLSearchParams(search);
  const council = params.get('council')?.trim() ?? '';
  const year = (raw: string | null) => (raw !== null && YEAR.test(raw.trim()) ? Number(raw.trim()) : null);
  let from = year(params.get('from'));
  let to = year(params.get('to'));
  if (from !== null && to !== null && from > to) [from, to] = [to, from];
  return { council: CODE.test(council) ? council : null, from, to };
}

export function serialiseShortageView(view: ShortageView): string {
  const params = new URLSearchParams();
  if (view.council) params.append('council', view.council);
  if (view.from !== null) params.append('from', String(view.from));
  if (view.to !== null) params.append('to', String(view.to));
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}
