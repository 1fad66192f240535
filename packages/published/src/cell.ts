/**
 * One cell of a DfE published table: a number as printed, or a GSS symbol (c, x, z, k, u, low, ...).
 * Symbols are kept as printed and never turned into numbers: `c` is not zero.
 */
export interface Cell {
  value: number | null;
  symbol: string | null;
  /** Decimal places as printed, so sums of cells can be rounded back to the source's precision. */
  decimals: number;
}

const NUMBER = /^-?\d+(?:\.(\d+))?$/;

export function parseCell(text: string | undefined): Cell {
  const trimmed = (text ?? '').trim();
  if (trimmed === '') return { value: null, symbol: null, decimals: 0 };
  const match = NUMBER.exec(trimmed);
  if (match) return { value: Number(trimmed), symbol: null, decimals: match[1]?.length ?? 0 };
  // Anything that is not a plain number is a symbol (DfE uses c, x, z, k, u and, in the CSWW tables, low).
  return { value: null, symbol: trimmed, decimals: 0 };
}

/** Rounds to the given decimal places, removing binary noise from sums (0.1 + 0.2). */
export function roundTo(value: number, decimals: number): number {
  return Number(value.toFixed(decimals));
}
