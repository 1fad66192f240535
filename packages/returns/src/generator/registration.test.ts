import { describe, expect, it } from 'vitest';
import { generateCouncilYear } from './national';
import { MISMATCH_SHARES } from './registration';
import { generateSsda903 } from './ssda903';

const opts = { seed: 'ledger', councilCode: '886', collectionYear: 2025, children: 600, workers: 300 } as const;

describe('registration numbers shared by the 903 and the census', () => {
  const year = generateCouncilYear(opts);
  const census = new Map(year.csww.workers.map((w) => [w.sweNo, w]));
  const episodes = year.ssda903.children.flatMap((c) => c.swEpisodes);

  it("names most 903 workers by a number in the council's census, with the mismatches real returns carry", () => {
    const found = episodes.filter((e) => census.has(e.swId)).length / episodes.length;
    const xx = episodes.filter((e) => e.swId === 'XX').length / episodes.length;
    const all = MISMATCH_SHARES.unknown + MISMATCH_SHARES.typo + MISMATCH_SHARES.absentAgency;
    expect(found).toBeGreaterThan(1 - all - 0.04);
    expect(found).toBeLessThan(1 - all + 0.04);
    expect(xx).toBeGreaterThan(0);
    expect(episodes.every((e) => e.swId === 'XX' || e.swId.startsWith('SW'))).toBe(true);
  });

  it('gives a worker who left the role a census leaving date near the change', () => {
    let near = 0;
    let leftrl = 0;
    for (const c of year.ssda903.children) {
      c.swEpisodes.forEach((e, i) => {
        const next = c.swEpisodes[i + 1];
        if (next?.swReason !== 'LEFTRL') return;
        leftrl++;
        const w = census.get(e.swId);
        if (w?.roleEndDate != null && Math.abs(w.roleEndDate - next.swDecom) <= 45) near++;
      });
    }
    expect(leftrl).toBeGreaterThan(20);
    expect(near).toBeGreaterThan(leftrl * 0.2);
  });

  it('keeps distinct workers distinct within each child', () => {
    const plain = generateSsda903({ seed: opts.seed, councilCode: '886', collectionYear: 2025, children: 600 });
    const distinct = (ids: string[]) => new Set(ids).size;
    plain.children.forEach((c, i) => {
      const linked = year.ssda903.children[i]!;
      if (linked.swEpisodes.some((e) => e.swId === 'XX')) return;
      expect(distinct(linked.swEpisodes.map((e) => e.swId))).toBe(distinct(c.swEpisodes.map((e) => e.swId)));
    });
  });
});
