import { describe, expect, it } from 'vitest';
import {
  CSWW_ABSENCE_REASONS,
  CSWW_ETHNICITY,
  CSWW_LEAVER_DESTINATION,
  CSWW_ORG_ROLES,
  CSWW_REASON_LEAVE,
} from './codes';
import { dayOf } from './dates';
import { cswwPracticeSubset, generateCsww, writeCswwXml } from './index';

describe('generateCsww', () => {
  const opts = { seed: 9, councilCode: '341', censusYear: 2025, workers: 400 } as const;
  const ret = generateCsww(opts);

  it('is deterministic', () => {
    expect(Buffer.from(writeCswwXml(generateCsww(opts)).bytes).equals(Buffer.from(writeCswwXml(ret).bytes))).toBe(true);
    expect(
      Buffer.from(writeCswwXml(generateCsww({ ...opts, seed: 10 })).bytes).equals(Buffer.from(writeCswwXml(ret).bytes)),
    ).toBe(false);
  });

  it('gives in-post workers, leavers in the year and agency workers, with valid codes and dates', () => {
    const census = dayOf(2025, 9, 30);
    const from = dayOf(2024, 10, 1);
    const inpost = ret.workers.filter((w) => w.agencyWorker === '0' && w.roleEndDate === null);
    const leavers = ret.workers.filter((w) => w.roleEndDate !== null);
    const agency = ret.workers.filter((w) => w.agencyWorker === '1');
    expect(inpost).toHaveLength(400);
    expect(leavers.length).toBeGreaterThan(30);
    expect(agency.length).toBeGreaterThan(40);
    expect(new Set(ret.workers.map((w) => w.sweNo)).size).toBe(ret.workers.length);
    for (const w of ret.workers) {
      expect(w.sweNo).toMatch(/^[A-Za-z]{2}\d{10}$/);
      expect(w.fte).toBeGreaterThan(0);
      expect(w.fte).toBeLessThanOrEqual(1);
      expect(CSWW_ORG_ROLES).toContain(w.orgRole);
      expect(CSWW_ETHNICITY).toContain(w.ethnicity);
      if (w.roleStartDate !== null) expect(w.roleStartDate).toBeLessThanOrEqual(census);
      if (w.reasonAbsence !== null) expect(CSWW_ABSENCE_REASONS).toContain(w.reasonAbsence);
    }
    for (const w of leavers) {
      expect(w.roleEndDate!).toBeGreaterThanOrEqual(from);
      expect(w.roleEndDate!).toBeLessThan(census);
      expect(w.roleStartDate!).toBeLessThan(w.roleEndDate!);
      expect(CSWW_REASON_LEAVE).toContain(w.reasonLeave);
      expect(CSWW_LEAVER_DESTINATION).toContain(w.leaverDestination);
      expect(w.fte30).toBeNull();
    }
    expect(inpost.every((w) => w.fte30 === w.fte)).toBe(true);
    expect(inpost.filter((w) => (w.cases30 ?? 0) > 0).length).toBeGreaterThan(200);
  });

  it("splits into a practice's return with its workers and its share of vacancies", () => {
    const withPractice = generateCsww({ ...opts, practices: [{ id: 'swp', share: 0.25 }] });
    const p = cswwPracticeSubset(withPractice, 'swp');
    expect(p.practiceId).toBe('swp');
    const inpost = p.workers.filter((w) => w.agencyWorker === '0' && w.roleEndDate === null).length;
    expect(inpost / 400).toBeCloseTo(0.25, 1);
    expect(p.vacancies.numberOfVacancies).toBeLessThan(withPractice.vacancies.numberOfVacancies / 2);
    expect(p.vacancies.noAgencyHeadcount).toBe(p.workers.filter((w) => w.agencyWorker === '1').length);
  });
});
