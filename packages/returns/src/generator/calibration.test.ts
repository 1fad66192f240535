import { describe, expect, it } from 'vitest';
import { ENGLAND_2025, WORKFORCE_2025 } from './calibration';
import { generateCsww, generateSsda903 } from './index';
import { measures, workforceMeasures } from './testing';

/*
 * Generated national rates against England's published figures (calibration.ts cites each table). The
 * generator is deterministic, so these are fixed numbers, not random draws: the tolerances say how close
 * the calibration is (a few percentage points), allowing for the size of each group counted here.
 */
describe('calibration to England 2025', () => {
  const opts = { seed: 'calibration', councilCode: '886', collectionYear: 2025, children: 3000 } as const;
  const year = generateSsda903(opts);
  const period = generateSsda903({ ...opts, episodes: 'period' });
  const m = measures(year, period);

  it('looks after about the requested number of children', () => {
    expect(m.claAt31March).toBeGreaterThan(3000 * 0.93);
    expect(m.claAt31March).toBeLessThan(3000 * 1.07);
  });

  it.each([
    ['placements3Plus', ENGLAND_2025.placements3Plus, 0.025],
    ['longTermStability', ENGLAND_2025.longTermStability, 0.04],
    ['socialWorkers3Plus', ENGLAND_2025.socialWorkers3Plus, 0.03],
    ['healthAssessment', ENGLAND_2025.healthAssessment, 0.025],
    ['immunisations', ENGLAND_2025.immunisations, 0.025],
    ['dentalCheck', ENGLAND_2025.dentalCheck, 0.025],
  ] as const)('%s is within tolerance of England', (key, target, tolerance) => {
    expect(Math.abs(m[key] - target)).toBeLessThanOrEqual(tolerance);
  });

  it('gives care leavers England rates (a smaller group: pooled over three years of a larger council)', () => {
    const pooled = { young: 0, youngEet: 0, youngSuitable: 0, old: 0, oldEet: 0, oldSuitable: 0 };
    for (const collectionYear of [2023, 2024, 2025]) {
      const r = measures(generateSsda903({ ...opts, collectionYear, children: 6000 }));
      pooled.young += r.careLeavers17to18;
      pooled.youngEet += r.eet17to18 * r.careLeavers17to18;
      pooled.youngSuitable += r.suitable17to18 * r.careLeavers17to18;
      pooled.old += r.careLeavers19to21;
      pooled.oldEet += r.eet19to21 * r.careLeavers19to21;
      pooled.oldSuitable += r.suitable19to21 * r.careLeavers19to21;
    }
    expect(pooled.young).toBeGreaterThan(300);
    expect(pooled.old).toBeGreaterThan(5000);
    expect(Math.abs(pooled.youngEet / pooled.young - ENGLAND_2025.eet17to18)).toBeLessThanOrEqual(0.05);
    expect(
      Math.abs(pooled.youngSuitable / pooled.young - ENGLAND_2025.suitableAccommodation17to18),
    ).toBeLessThanOrEqual(0.03);
    expect(Math.abs(pooled.oldEet / pooled.old - ENGLAND_2025.eet19to21)).toBeLessThanOrEqual(0.03);
    expect(Math.abs(pooled.oldSuitable / pooled.old - ENGLAND_2025.suitableAccommodation19to21)).toBeLessThanOrEqual(
      0.02,
    );
  });

  it('gives the workforce census England rates', () => {
    const w = workforceMeasures(
      generateCsww({ seed: 'calibration', councilCode: '886', censusYear: 2025, workers: 3000 }),
    );
    expect(w.agencyFteMatchesLaLevel).toBe(true);
    expect(Math.abs(w.turnover - WORKFORCE_2025.turnover)).toBeLessThanOrEqual(0.005);
    expect(Math.abs(w.agencyRate - WORKFORCE_2025.agencyRate)).toBeLessThanOrEqual(0.005);
    expect(Math.abs(w.vacancyRate - WORKFORCE_2025.vacancyRate)).toBeLessThanOrEqual(0.005);
    expect(Math.abs(w.caseload - WORKFORCE_2025.caseload)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(w.absenceRate - WORKFORCE_2025.absenceRate)).toBeLessThanOrEqual(0.004);
  });
});
