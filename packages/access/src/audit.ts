/**
 * Which hidden cells of an additive table can still be worked out exactly from what is shown.
 *
 * Each group says sum(members) - total = 0. Moving the visible cells to the right-hand side leaves a
 * linear system in the hidden cells; a hidden cell is determined exactly when its unit vector lies in
 * the row space of that system. In reduced row echelon form that means: its column is a pivot and the
 * pivot row has no other non-zero entry. This catches what the one-group rule misses, e.g. a cell
 * that is the only link between two otherwise protected parts of a 2-D table.
 */

/** Coefficients are small integers and tables small; anything below this is rounding noise. */
const EPSILON = 1e-9;

export interface LinearGroup {
  members: readonly string[];
  total: string;
}

/** The hidden cells (among `hidden`) that the groups determine, in the order of `hidden`. */
export function determinedCells(groups: readonly LinearGroup[], hidden: readonly string[]): string[] {
  const column = new Map(hidden.map((id, i) => [id, i]));
  const rows: number[][] = [];
  for (const group of groups) {
    const row = new Array<number>(hidden.length).fill(0);
    let any = false;
    for (const [id, sign] of [...group.members.map((m) => [m, 1] as const), [group.total, -1] as const]) {
      const j = column.get(id);
      if (j === undefined) continue;
      row[j]! += sign;
      any = true;
    }
    if (any) rows.push(row);
  }
  const pivotRowOf = reduce(rows, hidden.length);
  return hidden.filter((_, j) => {
    const r = pivotRowOf.get(j);
    if (r === undefined) return false;
    return rows[r]!.every((x, k) => k === j || Math.abs(x) < EPSILON);
  });
}

/** Gauss-Jordan elimination in place with partial pivoting; returns column -> its pivot row. */
function reduce(rows: number[][], columns: number): Map<number, number> {
  const pivots = new Map<number, number>();
  let next = 0;
  for (let j = 0; j < columns && next < rows.length; j++) {
    let best = next;
    for (let r = next + 1; r < rows.length; r++) {
      if (Math.abs(rows[r]![j]!) > Math.abs(rows[best]![j]!)) best = r;
    }
    if (Math.abs(rows[best]![j]!) < EPSILON) continue;
    [rows[next], rows[best]] = [rows[best]!, rows[next]!];
    const pivot = rows[next]!;
    const scale = pivot[j]!;
    for (let k = 0; k < columns; k++) pivot[k]! /= scale;
    for (let r = 0; r < rows.length; r++) {
      if (r === next) continue;
      const row = rows[r]!;
      const factor = row[j]!;
      if (Math.abs(factor) < EPSILON) continue;
      for (let k = 0; k < columns; k++) row[k]! -= factor * pivot[k]!;
    }
    pivots.set(j, next);
    next++;
  }
  return pivots;
}
