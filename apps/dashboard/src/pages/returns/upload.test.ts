import { describe, expect, it } from 'vitest';
import { interpretLine, NdjsonReader, readResult } from './upload';

describe('NdjsonReader', () => {
  it('returns complete lines only, carrying a partial line to the next read', () => {
    const reader = new NdjsonReader();
    let text = '{"a":1}\n{"b":';
    expect(reader.read(text)).toEqual([{ a: 1 }]);
    text += '2}\n\n';
    expect(reader.read(text)).toEqual([{ b: 2 }]);
    text += '{"c":3}';
    expect(reader.read(text)).toEqual([]);
    expect(reader.read(text, true)).toEqual([{ c: 3 }]);
  });

  it('skips lines that are not JSON', () => {
    expect(new NdjsonReader().read('oops\n{"ok":true}\n')).toEqual([{ ok: true }]);
  });
});

describe('interpretLine', () => {
  it("reads the gateway's progress, result and error lines", () => {
    expect(
      interpretLine({ type: 'progress', phase: 'writing', message: 'episodes', done: 3, total: 9, elapsedMs: 12 }),
    ).toEqual({
      type: 'progress',
      progress: { phase: 'writing', message: 'episodes', done: 3, total: 9, elapsedMs: 12 },
    });
    const result = interpretLine({
      type: 'result',
      httpStatus: 422,
      submissionId: 7,
      status: 'rejected',
      counts: { header: 2, episodes: 'x' },
      errors: [
        { file: 'header.csv', row: 3, column: 'SEX', rule: '103', severity: 'error', message: 'Bad sex', value: '9' },
      ],
      warnings: [],
    });
    expect(result).toMatchObject({
      type: 'result',
      result: {
        submissionId: 7,
        status: 'rejected',
        counts: { header: 2 },
        errors: [{ rule: '103', row: 3, value: '9' }],
      },
    });
    expect(interpretLine({ type: 'error', status: 400, error: 'No council' })).toEqual({
      type: 'error',
      status: 400,
      error: 'No council',
    });
    expect(interpretLine(42)).toEqual({ type: 'unknown', raw: 42 });
  });

  it('reads summary lines (more) and the totals, or works the totals out from the lists', () => {
    const summary = {
      file: '',
      row: 0,
      column: '',
      rule: '101',
      severity: 'error',
      message: 'And 19,900 more errors like this under rule 101, not listed.',
      value: '',
      more: 19_900,
    };
    const one = {
      file: 'header.csv',
      row: 2,
      column: 'SEX',
      rule: '101',
      severity: 'error',
      message: 'Bad sex',
      value: 'X',
    };
    const body = { submissionId: 3, status: 'rejected', counts: {}, errors: [one, summary], warnings: [] };
    expect(readResult(body)).toMatchObject({ errors: [one, summary], errorTotal: 19_901, warningTotal: 0 });
    expect(readResult({ ...body, errorTotal: 80_001, warningTotal: 20_000 })).toMatchObject({
      errorTotal: 80_001,
      warningTotal: 20_000,
    });
  });

  it('reads a plain JSON result without a type', () => {
    expect(readResult({ submissionId: null, status: 'unchanged', counts: {}, errors: [], warnings: [] }).status).toBe(
      'unchanged',
    );
  });
});
