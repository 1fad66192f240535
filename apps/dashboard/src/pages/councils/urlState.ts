/** The council table's view in the URL: indicator, year, chosen council (for its neighbours), sort. */
import { SORT_KEYS, type SortDirection, type SortKey } from './table';

export interface CouncilTableView {
  indicator: string;
  year: number | null;
  council: string;
  sort: SortKey;
  direction: SortDirection;
}

const DEFAULT_INDICATOR = 'placements_3plus';

export function parseView(search: string): CouncilTableView {
  const params = new URLSearchParams(search);
  const year = Number(params.get('year'));
  const sort = params.get('sort') as SortKey | null;
  return {
    indicator: params.get('indicator') || DEFAULT_INDICATOR,
    year: Number.isInteger(year) && year > 1900 ? year : null,
    council: /^\d{3}$/.test(params.get('council') ?? '') ? params.get('council')! : '',
    sort: sort && SORT_KEYS.includes(sort) ? sort : 'rank',
    direction: params.get('dir') === 'descending' ? 'descending' : 'ascending',
  };
}

export function serialiseView(view: CouncilTableView): string {
  const params = new URLSearchParams();
  params.set('indicator', view.indicator);
  if (view.year !== null) params.set('year', String(view.year));
  if (view.council) params.set('council', view.council);
  if (view.sort !== 'rank' || view.direction !== 'ascending') {
    params.set('sort', view.sort);
    params.set('dir', view.direction);
  }
  return `?${params.toString()}`;
}
