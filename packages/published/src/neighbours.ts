import type { Row } from './subject';

export interface NeighbourRow {
  councilCode: string;
  neighbourCode: string;
  position: number;
  closeness: string | null;
  model: string;
}

/**
 * Statistical neighbours from DfE's wide SN table: columns SN_1..SN_n hold the neighbours' codes in
 * order of closeness, SN_1P..SN_nP the closeness label (printed with stray spaces, e.g. "Close ").
 */
export function neighboursFromModel(rows: readonly Row[], model: string): NeighbourRow[] {
  const neighbours: NeighbourRow[] = [];
  for (const row of rows) {
    const councilCode = row.old_la_code?.trim();
    if (!councilCode) continue;
    for (const column of Object.keys(row)) {
      const position = /^SN_(\d+)$/.exec(column)?.[1];
      const neighbourCode = row[column]?.trim();
      if (!position || !neighbourCode) continue;
      neighbours.push({
        councilCode,
        neighbourCode,
        position: Number(position),
        closeness: row[`${column}P`]?.trim() || null,
        model,
      });
    }
  }
  return neighbours.sort((a, b) => a.councilCode.localeCompare(b.councilCode) || a.position - b.position);
}
