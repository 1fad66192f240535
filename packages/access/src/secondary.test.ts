import { describe, expect, it } from 'vitest';
import {
  applyPrimarySuppression,
  applySecondarySuppression,
  suppressTable,
  type AdditiveGroup,
  type Cell,
  type SuppressionTable,
} from './secondary';

/**
 * A 2-D table with margins: cells rIcJ, row totals rIT, column totals TcJ, grand total TT. Groups in
 * this order: each row, each column, the row of column totals, the column of row totals.
 */
function grid(values: number[][]): SuppressionTable {
  const rows = values.length;
  const columns = values[0]!.length;
  const cells: Cell[] = [];
  const groups: AdditiveGroup[] = [];
  const columnTotals = new Array<number>(columns).fill(0);
  for (let i = 1; i <= rows; i++) {
    const row = values[i - 1]!;
    row.forEach((value, j) => {
      cells.push({ id: `r${i}c${j + 1}`, value });
      columnTotals[j]! += value;
    });
    cells.push({ id: `r${i}T`, value: row.reduce((a, b) => a + b, 0) });
    groups.push({ members: row.map((_, j) => `r${i}c${j + 1}`), total: `r${i}T` });
  }
  columnTotals.forEach((value, j) => {
    cells.push({ id: `Tc${j + 1}`, value });
  });
  cells.push({ id: 'TT', value: columnTotals.reduce((a, b) => a + b, 0) });
  for (let j = 1; j <= columns; j++) {
    groups.push({ members: values.map((_, i) => `r${i + 1}c${j}`), total: `Tc${j}` });
  }
  groups.push({ members: columnTotals.map((_, j) => `Tc${j + 1}`), total: 'TT' });
  groups.push({ members: values.map((_, i) => `r${i + 1}T`), total: 'TT' });
  return { cells, groups };
}

const sorted = (ids: Iterable<string>) => [...ids].sort();

describe('secondary suppression, hand-worked', () => {
  it('3x3: one small cell forces a complement in its row and its column, closing a rectangle', () => {
    //        c1  c2  c3 | T
    //   r1    3   7  12 | 22    3 is primary; row 1's smallest other is 7
    //   r2    8   9  15 | 32    column 1's smallest other is 8; column 2 (now hiding 7) takes 9
    //   r3   10  20  30 | 60    row 2 then hides 8 and 9: every line hides 0 or 2 cells
    //    T   21  36  57 | 114
    const result = suppressTable(
      grid([
        [3, 7, 12],
        [8, 9, 15],
        [10, 20, 30],
      ]),
    );
    expect(result.secondary).toEqual(['r1c2', 'r2c1', 'r2c2']);
    expect(sorted(result.suppressed)).toEqual(['r1c1', 'r1c2', 'r2c1', 'r2c2']);
    expect(result.unprotected).toEqual([]);
  });

  it('a chain: complements in rows force complements in a third row through the columns', () => {
    //        c1  c2  c3 | T
    //   r1    2   6  20 | 28    2, 4 primary (column 1 is then safe)
    //   r2    4  30   7 | 41    row 1 takes 6, row 2 takes 7
    //   r3   25   8  12 | 45    column 2 (hiding 6) takes 8, column 3 (hiding 7) takes 12
    //    T   31  44  39 | 114   row 3 then hides 8 and 12: a 6-cycle, nothing recoverable
    const result = suppressTable(
      grid([
        [2, 6, 20],
        [4, 30, 7],
        [25, 8, 12],
      ]),
    );
    expect(result.secondary).toEqual(['r1c2', 'r2c3', 'r3c2', 'r3c3']);
    expect(sorted(result.suppressed)).toEqual(['r1c1', 'r1c2', 'r2c1', 'r2c3', 'r3c2', 'r3c3']);
  });

  it('never uses a zero as the complement', () => {
    // 3 + 0 + 10 = 13: hiding the 0 would leave c + c = 3, giving the 3 away as at most 3.
    const result = suppressTable({
      cells: [
        { id: 'a', value: 3 },
        { id: 'b', value: 0 },
        { id: 'c', value: 10 },
        { id: 't', value: 13 },
      ],
      groups: [{ members: ['a', 'b', 'c'], total: 't' }],
    });
    expect(result.secondary).toEqual(['c']);
    expect(result.suppressed.has('b')).toBe(false);
  });

  it('needs no complement where two cells are already suppressed', () => {
    const result = suppressTable({
      cells: [
        { id: 'a', value: 2 },
        { id: 'b', value: 4 },
        { id: 'c', value: 20 },
        { id: 't', value: 26 },
      ],
      groups: [{ members: ['a', 'b', 'c'], total: 't' }],
    });
    expect(result.secondary).toEqual([]);
    expect(sorted(result.suppressed)).toEqual(['a', 'b']);
  });

  it('breaks ties by value, then id', () => {
    const result = suppressTable({
      cells: [
        { id: 'a', value: 4 },
        { id: 'd', value: 9 },
        { id: 'b', value: 9 },
        { id: 'c', value: 12 },
        { id: 't', value: 34 },
      ],
      groups: [{ members: ['a', 'd', 'b', 'c'], total: 't' }],
    });
    expect(result.secondary).toEqual(['b']);
  });

  it('hides a member when only the total is hidden (it would be the sum of its members)', () => {
    const result = applySecondarySuppression({
      cells: [
        { id: 'a', value: 20 },
        { id: 'b', value: 10 },
        { id: 't', value: 30, suppressed: true },
      ],
      groups: [{ members: ['a', 'b'], total: 't' }],
    });
    expect(result.secondary).toEqual(['b']);
  });

  it('falls back to the total when no member may be hidden, and never hides an owned cell', () => {
    const result = suppressTable({
      cells: [
        { id: 'a', value: 3 },
        { id: 'b', value: 8, locked: true },
        { id: 't', value: 11 },
      ],
      groups: [{ members: ['a', 'b'], total: 't' }],
    });
    expect(result.secondary).toEqual(['t']);
    expect(result.suppressed.has('b')).toBe(false);
  });

  it('reports a cell that only owned cells give away, rather than looping', () => {
    const result = suppressTable({
      cells: [
        { id: 'a', value: 3 },
        { id: 'b', value: 8, locked: true },
        { id: 't', value: 11, locked: true },
      ],
      groups: [{ members: ['a', 'b'], total: 't' }],
    });
    expect(result.secondary).toEqual([]);
    expect(result.unprotected).toEqual(['a']);
  });

  it('a missing cell hides like a suppressed one but needs no protection of its own', () => {
    const missingAndSmall = suppressTable({
      cells: [
        { id: 'a', value: 3 },
        { id: 'b', value: null },
        { id: 'c', value: 10 },
        { id: 't', value: 20 },
      ],
      groups: [{ members: ['a', 'b', 'c'], total: 't' }],
    });
    expect(missingAndSmall.secondary).toEqual([]);
    const missingOnly = suppressTable({
      cells: [
        { id: 'b', value: null },
        { id: 'c', value: 10 },
        { id: 't', value: 20 },
      ],
      groups: [{ members: ['b', 'c'], total: 't' }],
    });
    expect(missingOnly.suppressed.size).toBe(0);
  });

  it('the exact audit protects a cell that links two protected blocks (the one-group rule misses it)', () => {
    //        c1  c2  c3  c4 | T
    //   r1    3   4   9  20 | 36
    //   r2    5   2  11  30 | 48     hidden as given: the blocks {r1,r2}x{c1,c2} and {r3,r4}x{c3,c4},
    //   r3   25  40   1   3 | 69     and r2c3 linking them. Every row and column hides 0 or 2+ cells, yet
    //   r4   30  50   4   2 | 86     row1 + row2 - col1 - col2 gives r2c3:
    //    T   63  96  25  55 | 239    (36-9-20) + (48-30) - (63-25-30) - (96-40-50) = 7 + 18 - 8 - 6 = 11
    const table = grid([
      [3, 4, 9, 20],
      [5, 2, 11, 30],
      [25, 40, 1, 3],
      [30, 50, 4, 2],
    ]);
    const given = new Set(['r1c1', 'r1c2', 'r2c1', 'r2c2', 'r3c3', 'r3c4', 'r4c3', 'r4c4', 'r2c3']);
    const value = (id: string) => table.cells.find((c) => c.id === id)!.value!;
    expect(
      value('r1T') -
        value('r1c3') -
        value('r1c4') +
        value('r2T') -
        value('r2c4') -
        (value('Tc1') - value('r3c1') - value('r4c1')) -
        (value('Tc2') - value('r3c2') - value('r4c2')),
    ).toBe(value('r2c3'));

    const result = applySecondarySuppression({
      cells: table.cells.map((c) => ({ ...c, suppressed: given.has(c.id) })),
      groups: table.groups,
    });
    // Complement from r2c3's row and column: r2c4 = 30, r1c3 = 9 -> r1c3. Then r2c3 lies on a cycle.
    expect(result.secondary).toEqual(['r1c3']);
  });

  it('a sparse table: the audit finds a cell given away through the margins and looks further for a complement', () => {
    //        c1  c2  c3  c4 | T
    //   r1    0  12  15   3 | 30     primary: r1c4 = 3, r3c1 = 2, Tc1 = 2
    //   r2    0   0  15  40 | 55     rule 1, pass 1: row 1 -> r1c2 (12); row 3 -> r3c2 (6);
    //   r3    2   6  15  40 | 63       column 4 -> r2c4 (40, tie with r3c4 broken by id); totals row -> Tc2 (18)
    //    T    2  18  45  83 | 148    pass 2: row 2 -> r2c3 (15, zeros skipped); column 3 -> r1c3 (15, by id)
    // Every group now hides 0 or 2+ cells, yet rows 1 + 2 give r1c2 + (r1c3 + r2c3) + (r1c4 + r2c4) = 85,
    // with columns 3 and 4 giving the pairs (30, 43): r1c2 = 12. Its own groups offer only r1T, which does
    // not help (r2T and the grand total still give it); one step further, r3c3 (15) does.
    const result = suppressTable(
      grid([
        [0, 12, 15, 3],
        [0, 0, 15, 40],
        [2, 6, 15, 40],
      ]),
    );
    expect(result.secondary).toEqual(['r1c2', 'r3c2', 'r2c4', 'Tc2', 'r2c3', 'r1c3', 'r3c3']);
    expect(result.unprotected).toEqual([]);
  });

  it('refuses malformed tables', () => {
    expect(() => suppressTable({ cells: [{ id: 'a', value: 1 }], groups: [{ members: ['a'], total: 'x' }] })).toThrow(
      /unknown cell x/,
    );
    expect(() =>
      suppressTable({
        cells: [
          { id: 'a', value: 1 },
          { id: 'a', value: 2 },
        ],
        groups: [],
      }),
    ).toThrow(/duplicate/);
    expect(() => suppressTable({ cells: [{ id: 'a', value: -1 }], groups: [] })).toThrow(RangeError);
    expect(() => suppressTable({ cells: [{ id: 'a', value: 1 }], groups: [{ members: ['a'], total: 'a' }] })).toThrow(
      /repeats/,
    );
  });

  it('primary suppression marks 1..5 only, and never an owned cell', () => {
    const cells = applyPrimarySuppression([
      { id: 'zero', value: 0 },
      { id: 'one', value: 1 },
      { id: 'five', value: 5 },
      { id: 'six', value: 6 },
      { id: 'owned', value: 2, locked: true },
      { id: 'missing', value: null },
    ]);
    expect(cells.filter((c) => c.suppressed).map((c) => c.id)).toEqual(['one', 'five']);
  });
});

describe('secondary suppression, property over random tables', () => {
  // Deterministic PRNG (mulberry32), so the same 300 tables every run.
  function rng(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  // Many zeros and small counts, as in practice-level tables.
  const palette = [0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 15, 20, 40];

  /** Rank over the rationals, exactly (fraction-free elimination on BigInt). */
  function rank(matrix: bigint[][]): number {
    const rows = matrix.map((r) => [...r]);
    let r = 0;
    const width = rows[0]?.length ?? 0;
    for (let c = 0; c < width && r < rows.length; c++) {
      const p = rows.findIndex((row, i) => i >= r && row[c] !== 0n);
      if (p < 0) continue;
      [rows[r], rows[p]] = [rows[p]!, rows[r]!];
      const pivot = rows[r]!;
      for (let i = r + 1; i < rows.length; i++) {
        const row = rows[i]!;
        const f = row[c]!;
        if (f === 0n) continue;
        rows[i] = row.map((x, k) => x * pivot[c]! - pivot[k]! * f);
      }
      r++;
    }
    return r;
  }

  /** Independent oracle: x_i is determined iff dropping its column lowers the rank of the hidden system. */
  function recoverable(table: SuppressionTable, hidden: string[]): string[] {
    const matrix = table.groups.map((g) =>
      hidden.map((id) => (g.members.includes(id) ? 1n : g.total === id ? -1n : 0n)),
    );
    const full = rank(matrix);
    return hidden.filter((_, i) => rank(matrix.map((row) => row.filter((_, k) => k !== i))) < full);
  }

  it('leaves no group with exactly one hidden cell, and no hidden cell recoverable', () => {
    const random = rng(20240611);
    for (let n = 0; n < 300; n++) {
      const rows = 2 + Math.floor(random() * 3);
      const columns = 2 + Math.floor(random() * 3);
      const values = Array.from({ length: rows }, () =>
        Array.from({ length: columns }, () => palette[Math.floor(random() * palette.length)]!),
      );
      const table = grid(values);
      const result = suppressTable(table);
      const value = new Map(table.cells.map((c) => [c.id, c.value!]));

      for (const group of table.groups) {
        const hiddenInGroup = [...group.members, group.total].filter((id) => result.suppressed.has(id));
        expect(hiddenInGroup.length, JSON.stringify({ values, group })).not.toBe(1);
      }
      for (const [id, v] of value) {
        if (v > 0 && v <= 5) expect(result.suppressed.has(id)).toBe(true);
        if (v === 0) expect(result.suppressed.has(id)).toBe(false);
      }
      expect(recoverable(table, sorted(result.suppressed)), JSON.stringify(values)).toEqual([]);
      expect(result.unprotected).toEqual([]);
      // Same input, same answer.
      expect(suppressTable(table).secondary).toEqual(result.secondary);
    }
  });
});
