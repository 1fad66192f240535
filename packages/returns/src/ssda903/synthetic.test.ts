import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateReturn } from '../validate';
import { parseSsda903Files } from './parse';
import { countRows } from './tables';

/*
 * The fake returns from Data to Insight's validator (fixtures/CREDITS.md). They describe the 2017-18 year
 * (episodes to 31/03/2018, SEX coded 1/2), so they are validated as collection year 2018. The expected
 * counts below were worked out independently from the CSVs (by a script over the raw text, not this code).
 */
const dir = join(import.meta.dirname, '../../fixtures/ssda903');
const load = (name: string) => ({ name, bytes: readFileSync(join(dir, name)) });
const csvNames = readdirSync(dir).filter((f) => f.startsWith('d2i_fake_') && f.endsWith('.csv'));

describe('d2i fake CSV return', () => {
  const parsed = parseSsda903Files(csvNames.map(load));
  const result = validateReturn(parsed, { collectionYear: 2018 });
  const where = (rule: string) => [...result.errors, ...result.warnings].filter((i) => i.rule === rule);

  it('is read completely: every file recognised, every row kept', () => {
    expect(parsed.issues).toEqual([]);
    expect(countRows(parsed.model)).toEqual({
      header: 2675,
      episodes: 5050,
      reviews: 12582,
      uasc: 132,
      oc2: 2675,
      oc3: 53,
      ad1: 29,
      placedAdoption: 29,
      prevPerm: 2675,
      missing: 43,
      swEpisodes: 1,
      doLo: 1,
    });
    expect(new Set(parsed.model.header.map((h) => h.CHILD)).size).toBe(2675);
  });

  it('is rejected', () => {
    expect(result.accepted).toBe(false);
  });

  it('reports REASON_PLACED_CEASED = XXX on all 29 rows of the placed-for-adoption file', () => {
    const found = where('120');
    expect(found).toHaveLength(29);
    expect(found[0]).toEqual({
      file: 'd2i_fake_placed_for_adoption.csv',
      row: 2,
      column: 'REASON_PLACED_CEASED',
      rule: '120',
      severity: 'error',
      message:
        'The reason for the reversal of the decision that the child should be placed for adoption code is not valid. "XXX" is not a 2017-18 code. Use RD1, RD2, RD3 or RD4.',
      value: 'XXX',
      child: '988635',
    });
    expect(found.map((i) => i.row)).toEqual(Array.from({ length: 29 }, (_, k) => k + 2));
  });

  it('reports SW_REASON = SWLAZY (the file has a byte order mark and CRLF line ends)', () => {
    expect(where('SW13STG1')).toEqual([
      expect.objectContaining({
        file: 'd2i_fake_sw_episodes.csv',
        row: 2,
        column: 'SW_REASON',
        value: 'SWLAZY',
        child: 'CHILD10',
        severity: 'error',
      }),
    ]);
    // CHILD10 is in no other table.
    expect(where('CONT-INT10')).toEqual([
      expect.objectContaining({ file: 'd2i_fake_sw_episodes.csv', row: 2, column: 'CHILD' }),
    ]);
  });

  it('reports ACCOM = 01 and 02 in OC3', () => {
    expect(where('133').map((i) => [i.file, i.row, i.column, i.value, i.child])).toEqual([
      ['d2i_fake_oc3.csv', 2, 'ACCOM', '01', '197474'],
      ['d2i_fake_oc3.csv', 47, 'ACCOM', '02', '232161'],
    ]);
  });

  it('reports MOTHER = 1.0 (a spreadsheet number) in the Header', () => {
    expect(where('165').map((i) => [i.file, i.row, i.column, i.value, i.child])).toEqual([
      ['d2i_fake_header.csv', 1273, 'MOTHER', '1.0', '6389'],
    ]);
  });

  it('reports episode errors in the counts worked out from the raw file', () => {
    const counts = result.counts.errorsByRule;
    expect(counts['148']).toBe(1413); // DEC blank xor REC blank
    expect(counts['380']).toBe(81); // RNE S in a T placement
    expect(counts['381']).toBe(210); // REC not X1 in a T placement
    expect(counts['CONT-R01']).toBe(5042); // reviews dated after 31/03/2018
    expect(where('385').map((i) => i.row)).toEqual([
      218, 515, 540, 967, 1398, 1587, 1958, 2103, 2348, 2749, 3031, 3042,
    ]);
    expect(result.counts.warningsByRule['361']).toBe(360); // police protection over 3 days
  });
});

describe('d2i fake XML return', () => {
  const parsed = parseSsda903Files([load('d2i_fake_903.xml')]);
  const result = validateReturn(parsed, { collectionYear: 2018 });
  const where = (rule: string) => result.errors.filter((i) => i.rule === rule);

  it('is read completely: 253 children', () => {
    expect(parsed.issues).toEqual([]);
    expect(countRows(parsed.model)).toEqual({
      header: 253,
      episodes: 459,
      reviews: 1206,
      uasc: 12,
      oc2: 253,
      oc3: 6,
      ad1: 3,
      placedAdoption: 3,
      prevPerm: 253,
      missing: 6,
      swEpisodes: 0,
      doLo: 0,
    });
  });

  it('reports REASON_PLACED_CEASED = XXX and ACCOM = 01 with the child element and path', () => {
    // Positions found independently by walking the XML (children 146, 183, 210; ACCOM at child 252).
    expect(where('120').map((i) => [i.row, i.path, i.value])).toEqual([
      [146, 'CHILD[146]/HEADER/AD_PLACED[1]', 'XXX'],
      [183, 'CHILD[183]/HEADER/AD_PLACED[1]', 'XXX'],
      [210, 'CHILD[210]/HEADER/AD_PLACED[1]', 'XXX'],
    ]);
    expect(where('133')).toEqual([
      expect.objectContaining({
        file: 'd2i_fake_903.xml',
        row: 252,
        path: 'CHILD[252]/HEADER',
        column: 'ACCOM',
        value: '01',
        child: '467642',
      }),
    ]);
  });

  it('is rejected', () => {
    expect(result.accepted).toBe(false);
  });
});
