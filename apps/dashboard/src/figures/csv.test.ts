import { describe, expect, it } from 'vitest';
import { csvCell, csvFileName, toCsv } from './csv';

describe('csv', () => {
  it('quotes commas, quotes and new lines, and leaves plain text alone', () => {
    expect(csvCell('Kent')).toBe('Kent');
    expect(csvCell('Bristol, City of')).toBe('"Bristol, City of"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('a\nb')).toBe('"a\nb"');
  });

  it('writes numbers in full and blanks for no figure', () => {
    expect(csvCell(12.3456789)).toBe('12.3456789');
    expect(csvCell(null)).toBe('');
    expect(csvCell(Number.NaN)).toBe('');
  });

  it('defuses spreadsheet formulas in text', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('-1')).toBe(`"'-1"`);
    expect(csvCell(-1)).toBe('-1');
  });

  it('joins rows with CRLF and ends with one', () => {
    expect(
      toCsv([
        ['a', 1],
        ['b', null],
      ]),
    ).toBe('a,1\r\nb,\r\n');
  });

  it('names files safely', () => {
    expect(csvFileName('placements_3plus', 'Kent & Medway', 2017, null)).toBe('placements_3plus-kent-medway-2017.csv');
    expect(csvFileName()).toBe('data.csv');
  });
});
