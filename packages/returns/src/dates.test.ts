import { describe, expect, it } from 'vitest';
import { addYears, ageOn, daysBetween, parseDfeDate, parseIsoDate, showDate } from './dates';

describe('dates', () => {
  it('reads dd/mm/yyyy real dates only', () => {
    expect(parseDfeDate('29/02/2024')).toBe('2024-02-29');
    expect(parseDfeDate('29/02/2023')).toBeNull();
    expect(parseDfeDate('29/02/1900')).toBeNull();
    expect(parseDfeDate('29/02/2000')).toBe('2000-02-29');
    expect(parseDfeDate('1/2/2024')).toBeNull();
    expect(parseDfeDate('2024-02-01')).toBeNull();
    expect(parseDfeDate('01/13/2024')).toBeNull();
    expect(parseDfeDate('00/01/2024')).toBeNull();
    expect(parseIsoDate('2024-09-30')).toBe('2024-09-30');
    expect(parseIsoDate('2024-09-31')).toBeNull();
  });

  it('counts ages in completed years, with 29 February birthdays on 1 March', () => {
    expect(ageOn('2010-06-15', '2024-06-14')).toBe(13);
    expect(ageOn('2010-06-15', '2024-06-15')).toBe(14);
    expect(addYears('2008-02-29', 1)).toBe('2009-03-01');
    expect(addYears('2008-02-29', 4)).toBe('2012-02-29');
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
  });

  it('days between and display', () => {
    expect(daysBetween('2024-05-01', '2024-05-04')).toBe(3);
    expect(daysBetween('2024-03-30', '2024-04-01')).toBe(2); // across the clocks changing
    expect(showDate('2024-05-01')).toBe('01/05/2024');
  });
});
