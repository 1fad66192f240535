/**
 * A seeded, deterministic generator of children's social work workforce census (CSWW) returns.
 *
 * One return per council (or practice) at the census date, 30 September: a worker record for every
 * social worker in post (employed) on that date, for every employed worker who left during the year to
 * 30 September, and for every agency worker in post; plus council-level vacancies and agency totals.
 * Leavers, agency workers and vacancies are sized from the in-post FTE so that DfE's published
 * formulas give England's 2025 rates (calibration.ts, WORKFORCE_2025):
 *   turnover = leavers FTE / in-post FTE; agency rate = agency FTE / (agency FTE + in-post FTE);
 *   vacancy rate = vacancies FTE / (vacancies FTE + in-post FTE); caseload = cases / case-holder FTE;
 *   absence rate = working days lost / (in-post FTE x 253).
 * Cases30 and WorkingDaysLost are given for employed workers in post (the workers those formulas divide
 * by); agency and leaver records carry neither.
 */
import { WORKFORCE_2025 } from './calibration';
import { addYears, dayOf, type Day } from './dates';
import { socialWorkerId } from './identifiers';
import { Rng, weighted, type WeightedPicker } from './random';

export interface CswwWorker {
  agencyWorker: '0' | '1';
  sweNo: string;
  fte: number | null;
  personBirthDate: Day | null;
  genderCurrent: string | null;
  ethnicity: string | null;
  qualInst: string;
  qualLevel: string | null;
  stepUpGrad: '0' | '1' | null;
  orgRole: string | null;
  roleStartDate: Day | null;
  startOrigin: string | null;
  roleEndDate: Day | null;
  leaverDestination: string | null;
  reasonLeave: string | null;
  /** FTE on 30 September (employed workers in post). */
  fte30: number | null;
  cases30: number | null;
  workingDaysLost: number | null;
  contractWeeks: number | null;
  frontlineGrad: '0' | '1' | null;
  absat30Sept: '0' | '1' | null;
  reasonAbsence: string | null;
  cfkssStatus: string | null;
  /** The practice the worker works for, or null for the council. Not a CSWW field. */
  practiceId: string | null;
}

export interface CswwVacancies {
  numberOfVacancies: number;
  noAgencyFte: number;
  noAgencyHeadcount: number;
}

export interface CswwReturn {
  kind: 'csww';
  councilCode: string;
  /** The census year: census at 30 September 2025 -> 2025. */
  censusYear: number;
  practiceId: string | null;
  vacancies: CswwVacancies;
  workers: CswwWorker[];
}

export interface CswwOptions {
  seed: number | string;
  councilCode: string;
  censusYear: number;
  /** Employed social workers in post on 30 September (headcount). */
  workers: number;
  /** Practices employing some of the council's social workers: share of the in-post headcount. */
  practices?: readonly { id: string; share: number }[];
}

const w = <T extends string>(o: Partial<Record<T, number>>): WeightedPicker<T> =>
  weighted(Object.entries(o) as [T, number][]);

// Mean FTE 0.944 (England 2025: 36,186.3 FTE / 38,292 headcount = 0.945).
const FTE = w({ '1': 82, '0.8': 8, '0.6': 5, '0.5': 3, other: 2 });
const ROLE = w({ '1': 2.5, '2': 7, '3': 13, '4': 14, '5': 56, '6': 7.5 });
/** Share of each role holding cases at 30 September, tuned so case holders are 58% of in-post FTE (21,105.4 / 36,186.3). */
const HOLDS_CASES: Record<string, number> = { '1': 0, '2': 0, '3': 0.05, '4': 0.4, '5': 0.92, '6': 0 };
const GENDER = w({ '2': 86, '1': 13, '9': 1 });
const ETHNICITY = w({
  WBRI: 62,
  WIRI: 1,
  WOTH: 6,
  MWBC: 2,
  MWBA: 1,
  MWAS: 1,
  MOTH: 1,
  AIND: 2,
  APKN: 2,
  ABAN: 1,
  AOTH: 1,
  BCRB: 4,
  BAFR: 9,
  BOTH: 1,
  CHNE: 0.5,
  OOTH: 1.5,
  REFU: 2,
  NOBT: 2,
});
const QUAL_LEVEL = w({ '1': 55, '2': 40, '3': 5 });
const START_ORIGIN = w({ '1': 30, '2': 25, '3': 4, '4': 15, '5': 6, '6': 6, '7': 4, '8': 4, '9': 6 });
const REASON_LEAVE = w({ '1': 62, '2': 1, '3': 0.5, '4': 2, '5': 8, '7': 8, '8': 8, '9': 10.5 });
const LEAVER_DESTINATION = w({ '1': 28, '2': 2, '3': 14, '4': 8, '5': 8, '6': 10, '7': 5, '8': 25 });
const ABSENCE_REASON = w({ SIC: 50, MAT: 30, OTH: 10, TRN: 5, UNP: 5 });
const INSTITUTIONS = [
  'University of the North',
  'Midlands University',
  'City University',
  'Southern University',
  'Open University',
  'Metropolitan University',
  'Coastal University',
  'Valley University',
  'Institute of Social Work',
  'College of Care',
] as const;

function drawFte(r: Rng): number {
  const f = FTE(r);
  return f === 'other' ? Math.round(r.float(0.4, 0.95) * 1e6) / 1e6 : Number(f);
}

function personal(r: Rng, census: Day) {
  const age = Math.round(r.normalClamped(42, 10, 22, 67));
  return {
    personBirthDate: addYears(census, -age) - r.int(0, 364),
    genderCurrent: GENDER(r),
    ethnicity: ETHNICITY(r),
    qualInst: r.pick(INSTITUTIONS),
    qualLevel: QUAL_LEVEL(r),
    stepUpGrad: r.bernoulli(0.03) ? ('1' as const) : ('0' as const),
    frontlineGrad: r.bernoulli(0.06) ? ('1' as const) : ('0' as const),
  };
}

function pickPractice(u: number, practices: readonly { id: string; upTo: number }[]): string | null {
  for (const p of practices) if (u < p.upTo) return p.id;
  return null;
}

export function generateCsww(opts: CswwOptions): CswwReturn {
  const { councilCode, censusYear } = opts;
  if (!Number.isInteger(censusYear) || censusYear < 2000 || censusYear > 2100) {
    throw new Error(`censusYear out of range: ${censusYear}`);
  }
  if (!(opts.workers >= 1)) throw new Error('workers must be at least 1');
  const census = dayOf(censusYear, 9, 30);
  const yearStart = dayOf(censusYear - 1, 10, 1);
  const root = new Rng(opts.seed, 'csww', councilCode, censusYear);
  let acc = 0;
  const practices = (opts.practices ?? []).map((p) => {
    acc += p.share;
    return { id: p.id, upTo: Math.min(1, acc) };
  });
  const workers: CswwWorker[] = [];
  let index = 0;

  // Employed social workers in post at 30 September.
  let inpostFte = 0;
  for (let i = 0; i < opts.workers; i++) {
    const r = root.fork('inpost', i);
    const fte = drawFte(r);
    const role = ROLE(r);
    const starter = r.bernoulli(WORKFORCE_2025.startersFte / WORKFORCE_2025.inpostFte);
    const roleStartDate = starter ? r.int(yearStart, census) : yearStart - 1 - Math.round(r.exponential(5 * 365));
    const holds = r.bernoulli(HOLDS_CASES[role] ?? 0);
    // Caseload per FTE around England's 15.2 (321,661 cases / 21,105.4 case-holder FTE).
    const cases30 = holds ? Math.max(1, Math.round(r.normalClamped(WORKFORCE_2025.caseload, 4.5, 2, 32) * fte)) : null;
    // Working days lost: about 45% lose none; the rest lose enough to average England's 3.5%.
    const wdl = r.bernoulli(0.55)
      ? Math.min(253 * fte, r.exponential((WORKFORCE_2025.absenceRate * 253) / 0.55) * fte)
      : 0;
    const absent = r.bernoulli(0.05);
    const practiceId = pickPractice(r.next(), practices);
    inpostFte += fte;
    workers.push({
      agencyWorker: '0',
      sweNo: socialWorkerId(councilCode, index++),
      fte,
      ...personal(r, census),
      orgRole: role,
      roleStartDate,
      startOrigin: starter ? START_ORIGIN(r) : null,
      roleEndDate: null,
      leaverDestination: null,
      reasonLeave: null,
      fte30: fte,
      cases30,
      workingDaysLost: Math.round(wdl * 100) / 100,
      contractWeeks: null,
      absat30Sept: absent ? '1' : '0',
      reasonAbsence: absent ? ABSENCE_REASON(r) : null,
      cfkssStatus: r.bernoulli(0.15) ? r.pick(['1', '2', '3', '4']) : null,
      practiceId,
    });
  }

  // Employed workers who left in the year to 30 September, until leavers FTE / in-post FTE = 11.8%.
  const leaversTarget = inpostFte * WORKFORCE_2025.turnover;
  let leaversFte = 0;
  for (let i = 0; leaversFte + 0.25 < leaversTarget; i++) {
    const r = root.fork('leaver', i);
    const fte = Math.min(drawFte(r), Math.max(0.1, Math.round((leaversTarget - leaversFte) * 1e6) / 1e6));
    leaversFte += fte;
    const roleEndDate = r.int(yearStart, census - 1);
    workers.push({
      agencyWorker: '0',
      sweNo: socialWorkerId(councilCode, index++),
      fte,
      ...personal(r, census),
      orgRole: ROLE(r),
      roleStartDate: roleEndDate - 30 - Math.round(r.exponential(4 * 365)),
      startOrigin: null,
      roleEndDate,
      leaverDestination: LEAVER_DESTINATION(r),
      reasonLeave: REASON_LEAVE(r),
      fte30: null,
      cases30: null,
      workingDaysLost: null,
      contractWeeks: null,
      absat30Sept: null,
      reasonAbsence: null,
      cfkssStatus: null,
      practiceId: pickPractice(r.next(), practices),
    });
  }

  // Agency workers in post, until agency FTE / (agency + in-post FTE) = 13.0%.
  const agencyTarget = (inpostFte * WORKFORCE_2025.agencyRate) / (1 - WORKFORCE_2025.agencyRate);
  let agencyFte = 0;
  let agencyHeadcount = 0;
  for (let i = 0; agencyFte + 0.25 < agencyTarget; i++) {
    const r = root.fork('agency', i);
    const fte = Math.min(
      r.bernoulli(0.95) ? 1 : drawFte(r),
      Math.max(0.1, Math.round((agencyTarget - agencyFte) * 1e6) / 1e6),
    );
    agencyFte += fte;
    agencyHeadcount++;
    const practiceId = pickPractice(r.next(), practices);
    workers.push({
      agencyWorker: '1',
      sweNo: socialWorkerId(councilCode, index++),
      fte,
      ...personal(r, census),
      orgRole: r.bernoulli(0.85) ? '5' : r.pick(['3', '4', '6']),
      roleStartDate: census - r.int(14, 900),
      startOrigin: null,
      roleEndDate: null,
      leaverDestination: null,
      reasonLeave: null,
      fte30: null,
      cases30: null,
      workingDaysLost: null,
      contractWeeks: Math.round(r.float(4, 120) * 10) / 10,
      absat30Sept: null,
      reasonAbsence: null,
      cfkssStatus: null,
      practiceId,
    });
  }

  const vacancies = (inpostFte * WORKFORCE_2025.vacancyRate) / (1 - WORKFORCE_2025.vacancyRate);
  return {
    kind: 'csww',
    councilCode,
    censusYear,
    practiceId: null,
    vacancies: {
      numberOfVacancies: Math.round(vacancies * 100) / 100,
      noAgencyFte: Math.round(agencyFte * 100) / 100,
      noAgencyHeadcount: agencyHeadcount,
    },
    workers,
  };
}

/**
 * A practice's census return: its workers, its agency workers' totals and a share of the council's
 * vacancies in proportion to its in-post FTE.
 */
export function cswwPracticeSubset(ret: CswwReturn, practiceId: string): CswwReturn {
  const mine = ret.workers.filter((w) => w.practiceId === practiceId);
  const inpost = (ws: readonly CswwWorker[]) =>
    ws.reduce((s, w) => s + (w.agencyWorker === '0' && w.fte30 !== null ? w.fte30 : 0), 0);
  const total = inpost(ret.workers);
  const share = total > 0 ? inpost(mine) / total : 0;
  const agency = mine.filter((w) => w.agencyWorker === '1');
  return {
    ...ret,
    practiceId,
    vacancies: {
      numberOfVacancies: Math.round(ret.vacancies.numberOfVacancies * share * 100) / 100,
      noAgencyFte: Math.round(agency.reduce((s, w) => s + (w.fte ?? 0), 0) * 100) / 100,
      noAgencyHeadcount: agency.length,
    },
    workers: mine,
  };
}
