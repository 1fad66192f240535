/**
 * Secondary suppression on a table of additive cells, so that a suppressed cell cannot be worked back
 * from a total or from its siblings (DfE: "suppress the next smallest data item").
 *
 * A table is cells (id, value) and additive groups (members sum to total). Rows and columns of a 2-D
 * table, practices of a council, councils of a region: each is a group; groups sharing cells are linked.
 *
 * Rules, applied until nothing changes:
 * 1. One-group rule. A group whose members and total hold exactly one hidden cell, and that cell was
 *    suppressed (not merely missing), gives it away as total minus members (or the total as their sum).
 *    Suppress a complement in the same group: the smallest non-zero, visible, unlocked member, ties by
 *    id; the total only when no member qualifies (totals are the figures most used).
 *    Zeros are never complements: a zero is often known anyway (an impossible category), and pairing a
 *    small cell with 0 leaves the pair summing to the small cell itself, which protects nothing.
 * 2. Exact audit (audit.ts). When rule 1 is satisfied everywhere, any suppressed cell still determined
 *    by the groups taken together (e.g. through the margins of a 2-D table) gets a complement: the first
 *    cell, in the same order, that on its own makes it undetermined, looking in the groups containing it,
 *    then one hidden cell further away, and so on; if none does alone, the nearest candidate, and again.
 *    The first determined cell by id is treated first, then rule 1 runs again.
 * Suppression only ever grows, so this ends; at worst everything non-zero is suppressed.
 *
 * Locked cells are those the viewer owns: shown in full, so never suppressed and never complements.
 * When nothing is left to hide but locked cells and zeros, the cell is reported as `unprotected` rather
 * than looping: it follows from figures the viewer is entitled to (or from known zeros).
 *
 * Not covered: bounds from non-negativity (two hidden cells summing to 7 bound each to 0..7). DfE's rule
 * has the same reach; interval protection would need an LP audit (tau-argus style).
 */
import { determinedCells } from './audit';
import { isSmallCount } from './counts';

/** Bounds the trial audits spent choosing one complement; beyond it the nearest smallest cell is taken. */
const MAX_TRIALS = 64;

export interface Cell {
  id: string;
  /** Null when not available (a published 'x', or already 'c' at source): hidden, never a complement. */
  value: number | null;
  /** Already suppressed (primary suppression, or by the caller). */
  suppressed?: boolean;
  /** Owned by the viewer: never suppressed nor used as a complement. */
  locked?: boolean;
}

export interface AdditiveGroup {
  members: readonly string[];
  total: string;
}

export interface SuppressionTable {
  cells: readonly Cell[];
  groups: readonly AdditiveGroup[];
}

export interface SuppressionResult {
  /** Every suppressed cell id: primary (as given) and secondary. */
  suppressed: ReadonlySet<string>;
  /** Secondary suppressions in the order they were chosen. */
  secondary: readonly string[];
  /**
   * Suppressed cells that can still be worked out and could not be protected: only owned cells (and
   * zeros) were left to hide. They follow from what the viewer owns; the caller may withhold the table.
   */
  unprotected: readonly string[];
}

/** Marks every unlocked cell holding 1..5 as suppressed. */
export function applyPrimarySuppression(cells: readonly Cell[]): Cell[] {
  return cells.map((cell) =>
    !cell.locked && cell.value !== null && isSmallCount(cell.value) ? { ...cell, suppressed: true } : cell,
  );
}

/** Primary then secondary suppression. */
export function suppressTable(table: SuppressionTable): SuppressionResult {
  return applySecondarySuppression({ cells: applyPrimarySuppression(table.cells), groups: table.groups });
}

export function applySecondarySuppression(table: SuppressionTable): SuppressionResult {
  const cells = indexCells(table);
  const suppressed = new Set(table.cells.filter((c) => c.suppressed && !c.locked).map((c) => c.id));
  const secondary: string[] = [];
  const unprotected = new Set<string>();
  const hidden = (id: string) => suppressed.has(id) || cells.get(id)!.value === null;

  /** Complement candidates in these groups, best first: members before totals, then by value and id. */
  const candidatesIn = (groups: readonly AdditiveGroup[]): string[] => {
    const eligible = (id: string) => {
      const cell = cells.get(id)!;
      return !hidden(id) && !cell.locked && cell.value! > 0;
    };
    const ranked = (ids: readonly string[]) =>
      ids.filter(eligible).sort((a, b) => cells.get(a)!.value! - cells.get(b)!.value! || compare(a, b));
    const members = [...new Set(groups.flatMap((g) => g.members))];
    const totals = [...new Set(groups.map((g) => g.total))].filter((id) => !members.includes(id));
    return [...ranked(members), ...ranked(totals)];
  };

  const suppress = (id: string) => {
    suppressed.add(id);
    secondary.push(id);
  };

  /**
   * A complement for a cell the audit found determined. Candidates come in layers: the groups containing
   * it, then the groups one hidden cell further away, and so on through the linked groups. The first
   * candidate that alone leaves the cell undetermined is taken (at most MAX_TRIALS trial audits); failing
   * that, the best candidate of the nearest layer, and the loop tries again.
   */
  const complementNear = (target: string, unknowns: readonly string[]): string | undefined => {
    const seen = new Set<AdditiveGroup>();
    const reached = new Set([target]);
    let frontier = [target];
    let fallback: string | undefined;
    let trials = 0;
    while (frontier.length > 0) {
      const layer = table.groups.filter(
        (g) => !seen.has(g) && frontier.some((id) => g.total === id || g.members.includes(id)),
      );
      for (const g of layer) seen.add(g);
      for (const candidate of candidatesIn(layer)) {
        fallback ??= candidate;
        if (trials++ >= MAX_TRIALS) return fallback;
        if (!determinedCells(table.groups, [...unknowns, candidate]).includes(target)) return candidate;
      }
      frontier = [...new Set(layer.flatMap((g) => [...g.members, g.total]))].filter(
        (id) => hidden(id) && !reached.has(id),
      );
      for (const id of frontier) reached.add(id);
    }
    return fallback;
  };

  for (;;) {
    let changed = false;
    for (const group of table.groups) {
      const exposed = [...group.members, group.total].filter(hidden);
      if (exposed.length !== 1 || !suppressed.has(exposed[0]!) || unprotected.has(exposed[0]!)) continue;
      // No complement in the group (only owned cells and zeros left): the audit below looks further.
      const complement = candidatesIn([group])[0];
      if (complement !== undefined) {
        suppress(complement);
        changed = true;
      }
    }
    if (changed) continue;

    const unknowns = [...cells.keys()].filter(hidden);
    const determined = determinedCells(table.groups, unknowns).filter(
      (id) => suppressed.has(id) && !unprotected.has(id),
    );
    if (determined.length === 0) break;
    const target = determined.sort(compare)[0]!;
    const complement = complementNear(target, unknowns);
    if (complement === undefined) unprotected.add(target);
    else suppress(complement);
  }

  return { suppressed, secondary, unprotected: [...unprotected].sort(compare) };
}

function indexCells(table: SuppressionTable): Map<string, Cell> {
  const cells = new Map<string, Cell>();
  for (const cell of table.cells) {
    if (cells.has(cell.id)) throw new Error(`duplicate cell ${cell.id}`);
    if (cell.value !== null && (!Number.isFinite(cell.value) || cell.value < 0)) {
      throw new RangeError(`cell ${cell.id} is not a count: ${cell.value}`);
    }
    cells.set(cell.id, cell);
  }
  for (const group of table.groups) {
    const ids = [...group.members, group.total];
    if (new Set(ids).size !== ids.length) throw new Error(`group with total ${group.total} repeats a cell`);
    for (const id of ids) if (!cells.has(id)) throw new Error(`group refers to unknown cell ${id}`);
  }
  return cells;
}

/** Code-unit order, so ties break the same way on every machine and locale. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
