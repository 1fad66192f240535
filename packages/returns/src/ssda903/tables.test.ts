import { describe, expect, it } from 'vitest';
import { recogniseTable, TABLES, TABLE_KEYS } from './tables';

describe('recognising a table from its header line', () => {
  it('recognises every table from its DfE columns', () => {
    for (const t of TABLE_KEYS)
      expect(recogniseTable(Object.keys(TABLES[t].columns))).toEqual({ ok: true, table: t, extra: [] });
  });

  it('ignores case, spaces and order', () => {
    expect(recogniseTable([' dob', 'child ', 'Review_Code', 'REVIEW'])).toEqual({
      ok: true,
      table: 'reviews',
      extra: [],
    });
  });

  it('reports columns beyond the table', () => {
    expect(recogniseTable(['CHILD', 'DOB', 'MISSING', 'MIS_START', 'MIS_END', 'NOTES'])).toEqual({
      ok: true,
      table: 'missing',
      extra: ['NOTES'],
    });
  });

  it('does not take CHILD and DOB alone as a near match', () => {
    const r = recogniseTable(['CHILD', 'DOB', 'SOMETHING']);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain('does not match any SSDA903 table');
  });
});
