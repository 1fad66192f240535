import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateReturn } from '../validate';
import { parseSsda903Files } from './parse';
import { TABLE_KEYS, type Ssda903Model } from './tables';

const dir = join(import.meta.dirname, '../../fixtures/hand-written');
const enc = (text: string) => new TextEncoder().encode(text);
const file = (name: string, text: string) => ({ name, bytes: enc(text) });

/** The model without where each row came from, to compare the CSV and XML forms. */
function withoutOrigins(model: Ssda903Model) {
  return Object.fromEntries(TABLE_KEYS.map((t) => [t, model[t].map(({ origin: _o, ...row }) => row)]));
}

const csvFiles = readdirSync(dir)
  .filter((f) => f.endsWith('.csv'))
  .map((name) => ({ name, bytes: readFileSync(join(dir, name)) }));
const xmlFile = { name: 'return.xml', bytes: readFileSync(join(dir, 'return.xml')) };

describe('the CSV and XML forms of a return', () => {
  const csv = parseSsda903Files(csvFiles);
  const xml = parseSsda903Files([xmlFile]);

  it('read without problems', () => {
    expect(csv.issues).toEqual([]);
    expect(xml.issues).toEqual([]);
  });

  it('give the same model, table by table', () => {
    const a = withoutOrigins(csv.model);
    const b = withoutOrigins(xml.model);
    for (const t of TABLE_KEYS) expect({ table: t, rows: b[t] }).toEqual({ table: t, rows: a[t] });
  });

  it('types the fields: ISO dates, integers, codes as written, blanks as null', () => {
    expect(csv.model.episodes[0]).toEqual({
      origin: { file: 'episodes.csv', row: 2 },
      CHILD: '1001',
      DECOM: '2023-04-01',
      RNE: 'S',
      LS: 'C2',
      CIN: 'N1',
      PLACE: 'U1',
      PLACE_PROVIDER: 'PR1',
      DEC: '2024-07-10',
      REC: 'X1',
      REASON_PLACE_CHANGE: 'CARPL',
      HOME_POST: 'AB1 2CD',
      PL_POST: 'EF3 4GH',
      URN: 'SC111111',
    });
    expect(csv.model.oc2[0]!.SDQ_SCORE).toBe(12);
    expect(csv.model.oc2[0]!.HEALTH_CHECK).toBeNull();
    expect(csv.model.prevPerm[1]!.DATE_PERM).toBe('zz/05/2016');
  });

  it('records where each row came from', () => {
    expect(csv.model.reviews.map((r) => r.origin)).toEqual([
      { file: 'reviews.csv', row: 2 },
      { file: 'reviews.csv', row: 3 },
      { file: 'reviews.csv', row: 4 },
    ]);
    expect(xml.model.reviews.map((r) => r.origin)).toEqual([
      { file: 'return.xml', row: 1, path: 'CHILD[1]/HEADER/AREVIEW[1]' },
      { file: 'return.xml', row: 1, path: 'CHILD[1]/HEADER/AREVIEW[2]' },
      { file: 'return.xml', row: 2, path: 'CHILD[2]/HEADER/AREVIEW[1]' },
    ]);
    expect(xml.model.episodes[2]!.origin).toEqual({ file: 'return.xml', row: 2, path: 'CHILD[2]/EPISODE[1]' });
  });

  it('lists the tables each supplied', () => {
    expect(csv.model.sources.map((s) => s.table).sort()).toEqual([
      'ad1',
      'episodes',
      'header',
      'missing',
      'oc2',
      'oc3',
      'placedAdoption',
      'prevPerm',
      'reviews',
      'uasc',
    ]);
    expect(csv.model.sources.find((s) => s.table === 'episodes')).toEqual({
      table: 'episodes',
      file: 'episodes.csv',
      format: 'csv',
      rows: 3,
    });
  });
});

describe('reading CSV', () => {
  const HEADER = 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB';

  it('recognises a table from its header, whatever the file is called, in any column order', () => {
    const r = parseSsda903Files([
      file('export (3).txt', 'DOB,CHILD,SEX,ETHNIC,UPN,MOTHER,MC_DOB\n01/01/2010,7,F,WBRI,UN1,,\n'),
    ]);
    expect(r.issues).toEqual([]);
    expect(r.model.header[0]).toMatchObject({ CHILD: '7', DOB: '2010-01-01', SEX: 'F' });
  });

  it('counts rows as a spreadsheet does: header is row 1, blank lines count, a multi-line cell is one row', () => {
    const text = `${HEADER}\n1,F,01/01/2010,WBRI,"two\nlines",,\n\n2,M,01/01/2011,WBRI,UN1,,\n,,,,,,\n3,M,01/01/2011,WBRI,UN1,,\n`;
    const r = parseSsda903Files([file('h.csv', text)]);
    // Spreadsheet: 1 header, 2 child 1 (one cell on two lines), 3 blank, 4 child 2, 5 empty cells, 6 child 3.
    expect(r.model.header.map((h) => [h.CHILD, h.origin.row])).toEqual([
      ['1', 2],
      ['2', 4],
      ['3', 6],
    ]);
  });

  it('strips a UTF-8 byte order mark and reads CRLF line ends', () => {
    const r = parseSsda903Files([file('h.csv', `\uFEFF${HEADER}\r\n1,F,01/01/2010,WBRI,UN1,,\r\n`)]);
    expect(r.issues).toEqual([]);
    expect(r.model.header).toHaveLength(1);
  });

  it('keeps the raw text of a bad date and reports it under rule 102 with file, row and column', () => {
    const parsed = parseSsda903Files([
      file('h.csv', `${HEADER}\n1,F,31/02/2010,WBRI,UN1,,\n`),
      file('e.csv', 'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n'),
    ]);
    expect(parsed.model.header[0]).toMatchObject({ DOB: null, invalid: { DOB: '31/02/2010' } });
    const result = validateReturn(parsed, { collectionYear: 2023 });
    expect(result.errors).toContainEqual({
      file: 'h.csv',
      row: 2,
      column: 'DOB',
      rule: '102',
      severity: 'error',
      message: 'Date of birth is not a valid date. "31/02/2010" is not a real date written dd/mm/yyyy.',
      value: '31/02/2010',
      child: '1',
    });
    expect(result.accepted).toBe(false);
  });

  it('reads a file with only a header line as an empty table', () => {
    const r = parseSsda903Files([file('h.csv', `${HEADER}\n`)]);
    expect(r.issues).toEqual([]);
    expect(r.model.sources).toEqual([{ table: 'header', file: 'h.csv', format: 'csv', rows: 0 }]);
  });

  it('warns about and ignores columns that are not part of the table', () => {
    const r = parseSsda903Files([file('h.csv', `${HEADER},LA,YEAR\n1,F,01/01/2010,WBRI,UN1,,,Kent,2024\n`)]);
    expect(r.issues).toEqual([
      expect.objectContaining({
        file: 'h.csv',
        rule: 'FILE-EXTRA-COLUMNS',
        severity: 'warning',
        message: expect.stringContaining('LA, YEAR'),
      }),
    ]);
    expect(r.model.header[0]).not.toHaveProperty('LA');
  });
});

describe('a malformed upload gets a clear error, never a crash', () => {
  const only = (files: { name: string; bytes: Uint8Array }[]) => {
    const r = parseSsda903Files(files);
    return r.issues.map((i) => ({ file: i.file, row: i.row, rule: i.rule, severity: i.severity, message: i.message }));
  };

  it('wrong header (with a CHILD column, so meant as a table)', () => {
    expect(only([file('x.csv', 'CHILD,GENDER,BIRTHDAY\n1,F,2\n')])).toEqual([
      {
        file: 'x.csv',
        row: 0,
        rule: 'FILE-HEADER',
        severity: 'error',
        message:
          "The header row (CHILD, GENDER, BIRTHDAY) does not match any SSDA903 table. The first row must hold DfE's column names, e.g. CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB for the Header table.",
      },
    ]);
  });

  it('files that are not tables (a README, notes, a spreadsheet, .DS_Store) are skipped with a warning', () => {
    const xlsx = { name: 'summary.xlsx', bytes: Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0xff, 0xfe, 0x00]) };
    const dsStore = { name: '.DS_Store', bytes: Uint8Array.from([0x00, 0x00, 0x00, 0x01, 0x42, 0x75, 0x64, 0x31]) };
    const r = parseSsda903Files([
      ...csvFiles,
      file('README.txt', 'Kent 903 return 2024-25\nExported from the case system on 2 May 2025.\n'),
      file('notes.csv', 'Note,Owner\nCheck OC2,Data team\n'),
      xlsx,
      dsStore,
    ]);
    expect(r.issues.map((i) => [i.file, i.rule, i.severity])).toEqual([
      ['README.txt', 'FILE-SKIPPED', 'warning'],
      ['notes.csv', 'FILE-SKIPPED', 'warning'],
      ['summary.xlsx', 'FILE-SKIPPED', 'warning'],
      ['.DS_Store', 'FILE-SKIPPED', 'warning'],
    ]);
    expect(r.issues[0]!.message).toBe(
      'This file was skipped: its first line is not the header of a 903 table (no CHILD column). The return was read from the other files.',
    );
    expect(r.issues[2]!.message).toContain('it is not a text file');
    expect(r.issues[3]!.message).toContain('hidden or system file');
    // the tables are read as without the extra files
    expect(withoutOrigins(r.model)).toEqual(withoutOrigins(parseSsda903Files(csvFiles).model));
  });

  it('an XML return with a README beside it', () => {
    const r = parseSsda903Files([xmlFile, file('README.md', '# Our 903 return\n')]);
    expect(r.issues.map((i) => [i.file, i.rule])).toEqual([['README.md', 'FILE-SKIPPED']]);
    expect(r.model.episodes.length).toBeGreaterThan(0);
  });

  it('a header that nearly matches names the table and the missing columns', () => {
    expect(only([file('x.csv', 'CHILD,DECOM,RNE,LS\n')])[0]!.message).toBe(
      "The header row (CHILD, DECOM, RNE, LS) looks like the Episodes table but lacks CIN, PLACE, PLACE_PROVIDER, DEC, REC, REASON_PLACE_CHANGE, HOME_POST, PL_POST, URN. Check the first row holds DfE's column names.",
    );
  });

  it('empty file and whitespace-only file', () => {
    expect(
      only([{ name: 'a.csv', bytes: new Uint8Array() }, file('b.csv', ' \n\n')]).map((i) => [i.file, i.rule]),
    ).toEqual([
      ['a.csv', 'FILE-EMPTY'],
      ['b.csv', 'FILE-EMPTY'],
    ]);
  });

  it('not UTF-8 (Windows-1252), UTF-16, and binary', () => {
    const latin1 = Uint8Array.from([
      ...enc('CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n1,F,01/01/2010,WBRI,Jos'),
      0xe9,
      0x0a,
    ]);
    const utf16 = Uint8Array.from([0xff, 0xfe, 0x43, 0x00, 0x48, 0x00]);
    const binary = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]);
    const issues = only([
      { name: 'latin1.csv', bytes: latin1 },
      { name: 'utf16.csv', bytes: utf16 },
      { name: 'sheet.xlsx', bytes: binary },
    ]);
    expect(issues.map((i) => [i.file, i.rule])).toEqual([
      ['latin1.csv', 'FILE-ENCODING'],
      ['utf16.csv', 'FILE-ENCODING'],
      ['sheet.xlsx', 'FILE-SKIPPED'], // not named as a table: set aside (a warning), see below
    ]);
    expect(issues[0]!.message).toContain('not UTF-8');
    expect(issues[1]!.message).toContain('UTF-16');
  });

  it('an unclosed quote', () => {
    const [issue] = only([file('x.csv', 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n1,"F,01/01/2010,WBRI,UN1,,\n')]);
    expect(issue).toMatchObject({ rule: 'FILE-CSV', severity: 'error' });
    expect(issue!.message).toMatch(/^The file could not be read as CSV near line \d+: /);
  });

  it('a row with more values than the header has columns', () => {
    expect(only([file('x.csv', 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n1,F,01/01/2010,WBRI,UN1,,,extra\n')])).toEqual([
      expect.objectContaining({ file: 'x.csv', row: 2, rule: 'FILE-ROW-LENGTH', severity: 'error' }),
    ]);
  });

  it('broken XML, with line and column', () => {
    const [issue] = only([file('r.xml', '<EXPSSDA903>\n<CHILD><HEADER></CHILD>\n</EXPSSDA903>')]);
    expect(issue).toMatchObject({ file: 'r.xml', rule: 'FILE-XML', severity: 'error' });
    expect(issue!.message).toMatch(/^The XML is not well formed at line 2, column \d+: /);
  });

  it('XML that is not a 903 return', () => {
    expect(only([file('r.xml', '<Message><Header/></Message>')])[0]!.message).toBe(
      'This is not an SSDA903 XML return: the root element is Message, expected EXPSSDA903.',
    );
  });

  it('a CHILD with no HEADER', () => {
    expect(
      only([file('r.xml', '<EXPSSDA903><CHILD><EPISODE><DECOM>01/01/2024</DECOM></EPISODE></CHILD></EXPSSDA903>')]),
    ).toEqual([
      {
        file: 'r.xml',
        row: 1,
        rule: 'FILE-XML-CHILD',
        severity: 'error',
        message: 'This CHILD element has no HEADER, so the child cannot be identified.',
      },
    ]);
  });

  it('two files for one table; XML mixed with CSV; nothing at all', () => {
    const h = 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n';
    expect(only([file('a.csv', h), file('b.csv', h)]).map((i) => [i.file, i.rule])).toEqual([
      ['b.csv', 'FILE-DUPLICATE-TABLE'],
    ]);
    expect(only([file('a.csv', h), file('r.xml', '<EXPSSDA903/>')]).map((i) => [i.file, i.rule])).toEqual([
      ['r.xml', 'FILE-MIXED'],
    ]);
    expect(only([]).map((i) => i.rule)).toEqual(['FILE-NONE']);
  });
});
