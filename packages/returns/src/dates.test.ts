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

describe('date readers match their regular-expression definitions', () => {
  // The definitions the character-by-character readers replace (see dates.ts).
  const leap = (y: number) => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  const real = (y: number, m: number, d: number) =>
    m >= 1 && m <= 12 && d >= 1 && d <= [31, leap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
  const dfe = (t: string) => {
    const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(t);
    return m && real(+m[3]!, +m[2]!, +m[1]!) ? `${m[3]}-${m[2]}-${m[1]}` : null;
  };
  const iso = (t: string) => {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
    return m && real(+m[1]!, +m[2]!, +m[3]!) ? t : null;
  };
  const two = (n: number) => String(n).padStart(2, '0');

  it('on every day number 00-32 of every month number 00-13 over five centuries', () => {
    for (let y = 1896; y <= 2404; y++) {
      const yyyy = String(y).padStart(4, '0');
      for (let m = 0; m <= 13; m++) {
        for (let d = 0; d <= 32; d++) {
          const a = `${two(d)}/${two(m)}/${yyyy}`;
          const b = `${yyyy}-${two(m)}-${two(d)}`;
          if (parseDfeDate(a) !== dfe(a)) expect(parseDfeDate(a)).toBe(dfe(a));
          if (parseIsoDate(b) !== iso(b)) expect(parseIsoDate(b)).toBe(iso(b));
        }
      }
    }
  });

  it('on malformed text', () => {
    const cases = [
      '',
      ' 01/02/2024',
      '01/02/2024 ',
      '01/02/2024\n',
      '1/02/2024',
      '01/2/2024',
      '01/02/24',
      '01-02-2024',
      '01.02.2024',
      '0a/02/2024',
      '01/0a/2024',
      '01/02/202a',
      '٠١/٠٢/٢٠٢٤',
      '01/02/２０２４',
      '+1/02/2024',
      '-1/02/2024',
      '01/02/-024',
      '2024-02-01',
      '2024/02/01',
      '2024-2-01',
      '2024-02-1',
      ' 2024-02-01',
      '2024-02-01T00:00',
      '２０２４-02-01',
      '0000-01-01',
      '00/01/0000',
      '29/02/0000',
      '0000-02-29',
    ];
    for (const t of cases) {
      expect(parseDfeDate(t), t).toBe(dfe(t));
      expect(parseIsoDate(t), t).toBe(iso(t));
    }
  });
});
