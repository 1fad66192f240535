import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { eachCsvRecord, parseSsda903Csv } from './parse-csv';
import { Rng } from '../generator/random';

/** What csv-parse gives with the reader's options: each record and its record number. */
function byCsvParse(input: string | Uint8Array): [string[], number][] {
  const data = typeof input === 'string' ? input : Buffer.from(input);
  const records = parse(data, { bom: true, relax_column_count: true, skip_empty_lines: false }) as string[][];
  return records.map((r, i) => [r, i + 1]);
}

function byReader(input: string | Uint8Array): [string[], number][] {
  const out: [string[], number][] = [];
  eachCsvRecord(input, (record, row) => out.push([record, row]));
  return out;
}

/** The records, or the error thrown. */
function outcome(read: () => unknown): unknown {
  try {
    return read();
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

const enc = (text: string) => new TextEncoder().encode(text);

describe('reading CSV records without csv-parse when there is no quote', () => {
  // Each without a quote character, so each takes the fast path; the reading must be csv-parse's.
  const tricky: [string, string][] = [
    ['empty', ''],
    ['one line, no line end', 'CHILD,SEX'],
    ['LF', 'CHILD,SEX\n1,F\n'],
    ['CRLF', 'CHILD,SEX\r\n1,F\r\n'],
    ['CR (old Mac)', 'CHILD,SEX\r1,F\r'],
    ['BOM', '\uFEFFCHILD,SEX\n1,F\n'],
    ['two BOMs: csv-parse removes one', '\uFEFF\uFEFFCHILD,SEX\n1,F\n'],
    ['a BOM later on is text', 'CHILD,SEX\n\uFEFF1,F\n'],
    ['trailing commas', 'CHILD,SEX,\n1,F,,\n'],
    ['blank lines in the middle and at the end', 'CHILD,SEX\n\n1,F\n\n\n'],
    ['blank CRLF lines', 'CHILD,SEX\r\n\r\n1,F\r\n\r\n'],
    ['only a line end', '\n'],
    ['only line ends', '\r\n\r\n'],
    ['rows of bare commas', 'CHILD,SEX\n,\n,,,,\n'],
    ['ragged rows', 'CHILD,SEX,DOB\n1\n2,F,01/01/2010,extra,more\n'],
    ['spaces and tabs kept', ' CHILD , SEX\t\n 1 ,\tF \n'],
    ['the first line end decides: LF, then a lone CR is text', 'A,B\nx\ry,z\r\n'],
    ['the first line end decides: CR, then LF is text', 'A,B\rx\ny\r\n'],
    ['the first line end decides: CRLF, then LF is text', 'A,B\r\nx\ny\r\nz'],
    ['CR at the very end', 'A,B\r'],
    ['non-ASCII text', 'CHILD,UPN\n1,Zoë Ünal\n2,日本\n'],
    ['no final line end', 'CHILD,SEX\n1,F'],
    ['single comma', ','],
  ];

  it.each(tricky)('%s: as csv-parse reads it, from text and from bytes', (_name, text) => {
    expect(byReader(text)).toEqual(byCsvParse(text));
    expect(byReader(enc(text))).toEqual(byCsvParse(enc(text)));
  });

  it('agrees with csv-parse on thousands of random files, quoted or not', () => {
    const rng = new Rng('reader-test', 903);
    const cells = [
      '1',
      'F',
      '01/01/2010',
      '',
      ' ',
      'é',
      '\uFEFF',
      'a\rb',
      '"q"',
      '"a,b"',
      '"a\nb"',
      '"a\r\nb"',
      '"x""y"',
      '""',
    ];
    const ends = ['\n', '\r\n', '\r', '\n\n', '\r\n\r\n', ',\n'];
    for (let n = 0; n < 3000; n++) {
      const quoted = rng.next() < 0.3;
      const pool = quoted ? cells : cells.slice(0, 8);
      let text = rng.next() < 0.1 ? '\uFEFF' : '';
      const end = rng.pick(ends);
      const lines = Math.floor(rng.next() * 6);
      for (let l = 0; l < lines; l++) {
        const width = Math.floor(rng.next() * 5);
        text += Array.from({ length: width }, () => rng.pick(pool)).join(',');
        if (l < lines - 1 || rng.next() < 0.5) text += rng.next() < 0.9 ? end : rng.pick(ends);
      }
      expect(
        outcome(() => byReader(text)),
        JSON.stringify(text),
      ).toEqual(outcome(() => byCsvParse(text)));
      expect(
        outcome(() => byReader(enc(text))),
        JSON.stringify(text),
      ).toEqual(outcome(() => byCsvParse(enc(text))));
    }
  });

  it('gives bytes that are not UTF-8 (or are UTF-16) to csv-parse', () => {
    const latin1 = Uint8Array.from([...enc('CHILD,UPN\n1,Jos'), 0xe9, 0x0a]);
    const utf16 = Uint8Array.from([0xff, 0xfe, 0x41, 0x00, 0x2c, 0x00, 0x42, 0x00, 0x0a, 0x00]);
    expect(byReader(latin1)).toEqual(byCsvParse(latin1));
    expect(byReader(utf16)).toEqual([[['A', 'B'], 1]]);
  });

  it('gives text with a lone surrogate to csv-parse (which reads it as U+FFFD)', () => {
    expect(byReader('A,\uD800x\n')).toEqual(byCsvParse('A,\uD800x\n'));
    expect(byReader('A,\uD83D\uDE00\n')).toEqual([[['A', '\uD83D\uDE00'], 1]]);
  });

  it('reports csv-parse errors from quoted files as before', () => {
    const r = parseSsda903Csv('x.csv', 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n1,"F,01/01/2010\n');
    expect(r).toEqual({
      ok: false,
      issues: [
        expect.objectContaining({
          rule: 'FILE-CSV',
          message: expect.stringMatching(/^The file could not be read as CSV near line \d+: Quote Not Closed/),
        }),
      ],
    });
  });

  it('gives the same rows and row numbers with or without a quote in the file', () => {
    const header = 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB';
    const plain = parseSsda903Csv(
      'h.csv',
      `${header}\r\n\r\n1,F,01/01/2010,WBRI,UN1,,\r\n,,,,,,\r\n2,M,31/02/2011,WBRI,UN2,,\r\n`,
    );
    const quoted = parseSsda903Csv(
      'h.csv',
      `${header}\r\n\r\n"1",F,01/01/2010,WBRI,UN1,,\r\n,,,,,,\r\n2,M,31/02/2011,WBRI,"UN2",,\r\n`,
    );
    expect(quoted).toEqual(plain);
    expect(plain.ok && plain.rows.map((r) => [r.origin.row, r.CHILD])).toEqual([
      [3, '1'],
      [5, '2'],
    ]);
  });
});
