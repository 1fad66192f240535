/**
 * The computed tables of an indicator as a viewer may see them, disclosed together with every
 * indicator whose counts hold the same children (@continuity/indicators `countFamilyOf`), so that no
 * path out of the server shows a cell of one indicator's table that another's suppresses. One
 * statement for the whole family.
 */
import type { Database } from '@continuity/db';
import type { OwnershipContext, Unit, Viewer } from '@continuity/access';
import { catalogueById, countFamilyOf } from '@continuity/indicators';
import { computedTables } from '../providers/computed';
import { discloseComputedFamily, type PeriodTables } from './series';

export async function disclosedTables(
  database: Database,
  indicatorId: string,
  periods: readonly number[],
  links: ReadonlyMap<string, readonly string[]>,
  entitled: { viewer: Viewer; ownership: OwnershipContext; unit: Unit },
): Promise<PeriodTables> {
  const family = countFamilyOf(indicatorId);
  const rows = await computedTables(database, family.ids, periods);
  const unitOf = (id: string) =>
    id === indicatorId ? entitled.unit : ((catalogueById.get(id)?.unit ?? 'percent') as Unit);
  const indicators = new Map(family.ids.map((id) => [id, { rows: rows.get(id) ?? [], unit: unitOf(id) }]));
  const families = family.families.map((f) => f.map((r) => ({ table: r.indicator, part: r.part })));
  return discloseComputedFamily(indicators, links, entitled, families).get(indicatorId)!;
}
