import { TABLES, type TableKey } from '../../ssda903/tables';
import type { Finding } from '../registry';
import type { Ssda903Rule } from '../ssda903-rule';
import { SW_EPISODES_FROM } from './sw-episodes';

/** The tables the indicators cannot do without. A CSV return that lacks one is incomplete. */
function required(year: number): TableKey[] {
  return year >= SW_EPISODES_FROM ? ['header', 'episodes', 'swEpisodes'] : ['header', 'episodes'];
}

export const tablesPresentRule: Ssda903Rule = {
  code: 'CONT-TABLES',
  severity: 'error',
  tables: ['Header', 'Episodes', 'SWEpisodes'],
  fields: [],
  message: 'A table the return must include was not supplied.',
  *check(ctx): Iterable<Finding> {
    const supplied = new Set(ctx.model.sources.map((s) => s.table));
    // The XML form has no social worker episodes element before 2023-24, so only CSV returns are held to it.
    const xml = ctx.model.sources.some((s) => s.format === 'xml');
    for (const t of required(ctx.year)) {
      if (supplied.has(t) || (xml && t === 'swEpisodes')) continue;
      const columns = Object.keys(TABLES[t].columns).join(',');
      yield {
        at: { origin: { file: '', row: 0 } },
        column: '',
        value: '',
        detail: `Missing: ${TABLES[t].name} (a CSV whose first row is ${columns}).`,
      };
    }
  },
};
