import { describe, expect, it } from 'vitest';
import { parseSsda903Files } from '../ssda903/parse';
import { validateReturn } from '../validate';
import { collectionEnd, collectionStart } from './dates';
import {
  generateSsda903,
  practiceSubset,
  splitByPractice,
  writeSsda903Csv,
  writeSsda903Xml,
  type Child903,
  type Ssda903Return,
} from './index';
import { ruleViolations } from './testing';

const kent = (collectionYear: number, extra: Partial<Parameters<typeof generateSsda903>[0]> = {}) =>
  generateSsda903({ seed: 'test', councilCode: '886', collectionYear, children: 600, ...extra });

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const filesOf = (ret: Ssda903Return) =>
  [...writeSsda903Csv(ret), writeSsda903Xml(ret)].map((f) => [f.name, hex(f.bytes)]);

describe('generateSsda903', () => {
  const y2025 = kent(2025);

  it('includes a small share of short-break (V3/V4) children and some temporary placements, and the return passes validation', () => {
    const shortBreaks = y2025.children.filter(
      (c) => c.episodes.length > 0 && c.episodes.every((e) => e.ls === 'V3' || e.ls === 'V4'),
    );
    const inCare = y2025.children.filter((c) => c.episodes.length > 0);
    // about 2% of the children looked after during the year (DfE: a few per cent are short breaks only)
    expect(shortBreaks.length / inCare.length).toBeGreaterThan(0.005);
    expect(shortBreaks.length / inCare.length).toBeLessThan(0.05);
    expect(y2025.children.some((c) => c.episodes.some((e) => /^T[0-4]$/.test(e.place)))).toBe(true);
    const result = validateReturn(parseSsda903Files(writeSsda903Csv(y2025)), { collectionYear: 2025 });
    expect(result.errors.slice(0, 5)).toEqual([]);
  });

  it('is deterministic: the same seed gives byte-identical files, another seed different ones', () => {
    expect(filesOf(kent(2025))).toEqual(filesOf(y2025));
    const other = filesOf(kent(2025, { seed: 'other' }));
    expect(other).not.toEqual(filesOf(y2025));
    // Councils with the same size are not copies of each other.
    expect(filesOf(kent(2025, { councilCode: '889' }))[1]).not.toEqual(filesOf(y2025)[1]);
  });

  it('looks after about the requested number of children on 31 March, with the tables filled', () => {
    const open = y2025.children.filter((c) => c.episodes.at(-1)?.dec === null);
    expect(open.length).toBeGreaterThan(600 * 0.85);
    expect(open.length).toBeLessThan(600 * 1.15);
    const count = (f: (c: Child903) => number) => y2025.children.reduce((s, c) => s + f(c), 0);
    expect(count((c) => c.episodes.length)).toBeGreaterThan(open.length * 2);
    expect(count((c) => c.reviews.length)).toBeGreaterThan(open.length);
    expect(count((c) => c.swEpisodes.length)).toBeGreaterThan(open.length);
    expect(count((c) => (c.oc2 ? 1 : 0))).toBeGreaterThan(open.length / 2);
    expect(count((c) => (c.oc3 ? 1 : 0))).toBeGreaterThan(50);
    expect(count((c) => c.missing.length)).toBeGreaterThan(0);
    expect(count((c) => (c.uasc ? 1 : 0))).toBeGreaterThan(0);
    expect(count((c) => c.placedAdoption.length)).toBeGreaterThan(0);
    expect(count((c) => (c.ad1 ? 1 : 0))).toBeGreaterThan(0);
    expect(count((c) => (c.prevPerm ? 1 : 0))).toBeGreaterThan(100);
    const rne = new Set(y2025.children.flatMap((c) => c.episodes.map((e) => e.rne)));
    expect([...rne].sort()).toEqual(['B', 'L', 'P', 'S', 'T', 'U']);
    // Episodes begin years before the collection year, so long-term stability is meaningful.
    const start = collectionStart(2025);
    expect(y2025.children.some((c) => (c.episodes[0]?.decom ?? Infinity) < start - 5 * 365)).toBe(true);
  });

  it.each([2023, 2024, 2025])('keeps the DfE rules checked by hand, collection year %i', (year) => {
    const ret = year === 2025 ? y2025 : kent(year);
    expect(ruleViolations(ret)).toEqual([]);
    const sexes = new Set(ret.children.map((c) => c.sex));
    expect([...sexes].sort()).toEqual(year >= 2025 ? ['F', 'M'] : ['1', '2']);
    expect(ret.children.some((c) => c.swEpisodes.length > 0)).toBe(year >= 2024);
  });

  it('agrees with the previous year, as the "last year" rules check (502, 503A-J, 208, 207, SW16)', () => {
    const last = kent(2024);
    const byChild = new Map(last.children.map((c) => [c.child, c]));
    const end = collectionEnd(2024);
    let carried = 0;
    for (const c of y2025.children) {
      const prev = byChild.get(c.child);
      if (!prev) continue;
      expect(c.dob).toBe(prev.dob);
      expect(c.ethnic).toBe(prev.ethnic);
      expect(prev.upn === c.upn || prev.upn === 'UN1').toBe(true);
      // A care leaver with no episodes this year gives no mother status (rule 628).
      if (prev.mother === '1' && c.episodes.length > 0) expect(c.mother).toBe('1');
      const open = prev.episodes.at(-1);
      if (open && open.dec === null && c.episodes.length > 0) {
        carried++;
        const first = c.episodes[0]!;
        expect({ ...first, dec: null, rec: null, reasonPlaceChange: null }).toEqual(open);
        // children under short breaks only (V3/V4) have no social worker episodes
        const sw = prev.swEpisodes.at(-1);
        if (sw) expect(c.swEpisodes[0]).toMatchObject({ swId: sw.swId, swDecom: sw.swDecom, swReason: sw.swReason });
        else expect(first.ls === 'V3' || first.ls === 'V4').toBe(true);
        const stillOpen = prev.placedAdoption.filter((p) => p.datePlacedCeased === null).map((p) => p.datePlaced);
        expect(c.placedAdoption.filter((p) => p.datePlaced <= end).map((p) => p.datePlaced)).toEqual(stillOpen);
      }
    }
    expect(carried).toBeGreaterThan(300);
  });

  it('can give each period of care from its start', () => {
    const period = kent(2025, { episodes: 'period' });
    const start = collectionStart(2025);
    expect(period.children.map((c) => c.child)).toEqual(y2025.children.map((c) => c.child));
    for (const [i, c] of period.children.entries()) {
      if (c.episodes.length === 0) continue;
      expect(c.episodes[0]!.rne).toBe('S');
      const inYear = c.episodes.filter((e) => e.dec === null || e.dec >= start);
      expect(inYear).toEqual(y2025.children[i]!.episodes);
    }
  });

  it('assigns children on long-term pathways to practices by share, and splits the return', () => {
    const ret = kent(2025, {
      children: 2000,
      practices: [
        { id: 'swp-a', share: 0.2 },
        { id: 'swp-b', share: 0.1 },
      ],
    });
    const atEnd = (r: Ssda903Return) => r.children.filter((c) => c.episodes.at(-1)?.dec === null).length;
    const total = atEnd(ret);
    const { council, practices } = splitByPractice(ret);
    expect(council).toBe(ret);
    expect(practices.map((p) => p.practiceId)).toEqual(['swp-a', 'swp-b']);
    expect(atEnd(practices[0]!) / total).toBeCloseTo(0.2, 1);
    expect(atEnd(practices[1]!) / total).toBeCloseTo(0.1, 1);
    for (const p of practices) {
      expect(p.children.every((c) => c.practiceId === p.practiceId)).toBe(true);
      expect(ruleViolations(p)).toEqual([]);
    }
    // Practices hold care leavers too, but never children the council keeps (adoption).
    expect(practices[0]!.children.some((c) => c.oc3 !== null)).toBe(true);
    expect(practices.every((p) => p.children.every((c) => c.ad1 === null))).toBe(true);
    // Adding practices does not change the children themselves (a practice's own social workers aside).
    const plain = kent(2025, { children: 2000 });
    const strip = (c: Child903) => ({
      ...c,
      practiceId: null,
      swEpisodes: c.swEpisodes.map((s) => ({ ...s, swId: '' })),
    });
    expect(ret.children.map(strip)).toEqual(plain.children.map(strip));
    expect(practiceSubset(ret, 'none').children).toEqual([]);
  });

  it('rejects nonsense options', () => {
    expect(() => kent(2025, { children: 0 })).toThrow();
    expect(() => kent(1990)).toThrow();
  });
});
