/**
 * The "Compare pilot councils" view lives in the query string, so a link reproduces it and the
 * browser's back / forward buttons move between views:
 *
 *   ?indicator=placements_3plus&council=886&council=312&from=2017&to=2024&source=published&with=region&with=neighbours
 *
 * Every parameter is optional. `council` may be any council, `practice` any practice the viewer
 * sees. No `council` and no `practice` means all pilot councils; no `from` / `to` means every
 * year held; no `source` means DfE's published figure where there is one, else the computed one.
 * Repeated `council` keys are what a GET form of checkboxes named `council` sends. `with` adds
 * comparators beside each council: its region, its statistical neighbours (pooled).
 */
import type { ValueSource } from '../../graphql/schema';

export interface CompareView {
  indicator: string | null;
  /** DfE 3-digit codes (any council), in the order given; null = every pilot council (unless practices are given). */
  councils: string[] | null;
  /** Practice ids, in the order given. */
  practices: string[];
  from: number | null;
  to: number | null;
  source: ValueSource | null;
  /** Comparators shown beside each council, besides England. */
  compare: { region: boolean; neighbours: boolean };
  /** trend: one indicator over time; areas: small multiples across the outcome areas; did: pilots against comparison councils. */
  show: CompareShow;
  /** The reference year of the pilots-against-comparison view; null = the pilots' start year. */
  ref: number | null;
}

export type CompareShow = 'trend' | 'areas' | 'did';

export const DEFAULT_VIEW: CompareView = {
  indicator: null,
  councils: null,
  practices: [],
  from: null,
  to: null,
  source: null,
  compare: { region: false, neighbours: false },
  show: 'trend',
  ref: null,
};

/** More subjects than the gateway accepts in one series (its MAX_SUBJECTS). */
const MAX_COUNCILS = 50;

const ID_PATTERN = /^[A-Za-z0-9_-]{1,100}$/;
const YEAR_PATTERN = /^\d{4}$/;

function parseYear(raw: string | null): number | null {
  if (raw === null) return null;
  const text = raw.trim();
  return YEAR_PATTERN.test(text) ? Number(text) : null;
}

function parseSource(raw: string | null): ValueSource | null {
  const text = raw?.trim().toUpperCase();
  return text === 'PUBLISHED' || text === 'COMPUTED' ? text : null;
}

/** Reads a view from `location.search` (with or without the leading "?"). Bad values are dropped, never thrown. */
export function parseCompareView(search: string): CompareView {
  const params = new URLSearchParams(search);
  const indicator = params.get('indicator')?.trim() ?? null;

  const codes: string[] = [];
  for (const raw of params.getAll('council')) {
    // Also accept "886,312" in one value, as people type links by hand.
    for (const part of raw.split(',')) {
      const code = part.trim();
      if (ID_PATTERN.test(code) && !codes.includes(code) && codes.length < MAX_COUNCILS) codes.push(code);
    }
  }

  const practices: string[] = [];
  for (const raw of params.getAll('practice')) {
    for (const part of raw.split(',')) {
      const id = part.trim();
      if (ID_PATTERN.test(id) && !practices.includes(id) && codes.length + practices.length < MAX_COUNCILS)
        practices.push(id);
    }
  }

  let from = parseYear(params.get('from'));
  let to = parseYear(params.get('to'));
  if (from !== null && to !== null && from > to) [from, to] = [to, from];

  return {
    indicator: indicator !== null && ID_PATTERN.test(indicator) ? indicator : null,
    councils: codes.length > 0 ? codes : null,
    practices,
    from,
    to,
    source: parseSource(params.get('source')),
    show: ((s) => (s === 'areas' || s === 'did' ? s : 'trend'))(params.get('show')?.trim()),
    ref: parseYear(params.get('ref')),
    compare: {
      region: params.getAll('with').some((w) => w.split(',').some((p) => p.trim() === 'region')),
      neighbours: params.getAll('with').some((w) => w.split(',').some((p) => p.trim() === 'neighbours')),
    },
  };
}

/** The query string for a view: "" for the default view, else "?..." with parameters in a fixed order. */
export function serialiseCompareView(view: CompareView): string {
  const params = new URLSearchParams();
  if (view.indicator) params.append('indicator', view.indicator);
  for (const code of view.councils ?? []) params.append('council', code);
  for (const id of view.practices) params.append('practice', id);
  if (view.from !== null) params.append('from', String(view.from));
  if (view.to !== null) params.append('to', String(view.to));
  if (view.source) params.append('source', view.source.toLowerCase());
  if (view.compare.region) params.append('with', 'region');
  if (view.compare.neighbours) params.append('with', 'neighbours');
  if (view.show !== 'trend') params.append('show', view.show);
  if (view.ref !== null) params.append('ref', String(view.ref));
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

export function sameView(a: CompareView, b: CompareView): boolean {
  return serialiseCompareView(a) === serialiseCompareView(b);
}
