import { describe, expect, it } from 'vitest';
import { addYears, ageOn, civil, collectionEnd, collectionStart, dayOf, formatDfe, formatIso } from './dates';

describe('generator dates', () => {
  it('converts calendar dates to day numbers and back', () => {
    expect(dayOf(1970, 1, 1)).toBe(0);
    expect(dayOf(2000, 3, 1) - dayOf(2000, 2, 28)).toBe(2);
    for (let d = dayOf(1899, 12, 1); d < dayOf(2101, 2, 1); d += 17) {
      const { y, m, d: dd } = civil(d);
      expect(dayOf(y, m, dd)).toBe(d);
    }
    expect(dayOf(2025, 3, 31) * 86_400_000).toBe(Date.UTC(2025, 2, 31));
  });

  it('adds years like pandas DateOffset and counts completed years of age', () => {
    expect(civil(addYears(dayOf(2008, 2, 29), 18))).toEqual({ y: 2026, m: 2, d: 28 });
    expect(civil(addYears(dayOf(2008, 2, 29), 16))).toEqual({ y: 2024, m: 2, d: 29 });
    expect(ageOn(dayOf(2010, 6, 15), dayOf(2025, 6, 14))).toBe(14);
    expect(ageOn(dayOf(2010, 6, 15), dayOf(2025, 6, 15))).toBe(15);
    expect(ageOn(dayOf(2008, 2, 29), dayOf(2026, 2, 28))).toBe(18);
  });

  it('formats DfE and ISO dates and names the collection year', () => {
    expect(formatDfe(dayOf(2025, 3, 31))).toBe('31/03/2025');
    expect(formatDfe(dayOf(1999, 1, 2))).toBe('02/01/1999');
    expect(formatIso(dayOf(2024, 9, 30))).toBe('2024-09-30');
    expect(formatDfe(collectionStart(2025))).toBe('01/04/2024');
    expect(formatDfe(collectionEnd(2025))).toBe('31/03/2025');
  });
});
