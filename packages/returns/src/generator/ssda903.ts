/**
 * A seeded, deterministic generator of SSDA903 (children looked after) returns.
 *
 * How it works
 * ------------
 * A council is a stationary stream of children entering care: child k (k = 0, 1, 2, ...) enters on a
 * fixed day, at a rate set so that about `children` are looked after on any 31 March. Each child's
 * whole care history (age at entry, pathway, placements, legal statuses, social workers, reviews,
 * adoption, exit) is a pure function of (seed, council, k), drawn from per-child random streams. A
 * return for a collection year is a projection of those histories onto that year. So:
 *
 * - the same seed always gives the same return, byte for byte;
 * - returns for consecutive years of the same council agree with each other (the open episode at the
 *   end of one year is the first episode of the next, UPNs, mother status and social workers carry
 *   over), which DfE's "last year" rules (502, 503A-J, 208, SW16) check;
 * - long-term stability is meaningful: episodes begin years before the collection year.
 *
 * Pass the same `children` for every year of a council: it sets the entry rate, and so the histories.
 *
 * What each child looks like is calibrated to England's published 2025 figures (see calibration.ts and
 * the calibration test), and each value respects DfE's 903 validation rules for the collection year
 * (rule numbers are cited beside the code that keeps them). Deliberately out of scope: short-break
 * (respite) care under legal status V3/V4, a second period of care for the same child, and deaths.
 */
import {
  CARE_LEAVER_ACCOMMODATION_2025,
  CARE_LEAVER_ACTIVITY_2025,
  ENGLAND_2025,
  PLACEMENT_CHANGE_REASONS_2025,
} from './calibration';
import { ACTIV_F4_FROM, sexCode, upnWithCheckLetter, type Rne } from './codes';
import { addYears, ageOn, civil, collectionEnd, collectionStart, dayOf, DAYS_PER_YEAR, type Day } from './dates';
import {
  childId,
  councilAreas,
  fakePostcode,
  fakeUrn,
  socialWorkerId,
  stringKey,
  urnPoolSize,
  type UrnKind,
} from './identifiers';
import { hashParts, Rng, weighted, type WeightedPicker } from './random';

// ---------------------------------------------------------------------------------------------------
// The return model
// ---------------------------------------------------------------------------------------------------

export interface Episode903 {
  decom: Day;
  rne: Rne;
  ls: string;
  cin: string;
  place: string;
  placeProvider: string | null;
  dec: Day | null;
  rec: string | null;
  reasonPlaceChange: string | null;
  homePost: string | null;
  plPost: string | null;
  urn: string | null;
}

export interface Review903 {
  review: Day;
  reviewCode: string;
}

export interface Missing903 {
  missing: 'M' | 'A';
  misStart: Day;
  misEnd: Day | null;
}

export interface SwEpisode903 {
  swId: string;
  swDecom: Day;
  swDec: Day | null;
  swReason: string | null;
}

/** OC2: children looked after continuously for 12 months at 31 March. Flags are '0' / '1' or null. */
export interface Oc2Row {
  sdqScore: number | null;
  sdqReason: string | null;
  convicted: '0' | '1' | null;
  healthCheck: '0' | '1' | null;
  immunisations: '0' | '1';
  teethCheck: '0' | '1';
  healthAssessment: '0' | '1';
  substanceMisuse: '0' | '1';
  interventionReceived: '0' | '1' | null;
  interventionOffered: '0' | '1' | null;
}

/** OC3: care leavers with their 17th to 21st birthday in the year. */
export interface Oc3Row {
  inTouch: string;
  activ: string | null;
  accom: string | null;
}

export interface Ad1Row {
  dateInt: Day;
  dateMatch: Day;
  fosterCare: '0' | '1';
  nbAdoptr: '1' | '2';
  sexAdoptr: string;
  lsAdoptr: string;
}

export interface PlacedAdoptionRow {
  datePlaced: Day;
  datePlacedCeased: Day | null;
  reasonPlacedCeased: string | null;
}

export interface PrevPermRow {
  prevPerm: string;
  laPerm: string | null;
  datePerm: Day | null;
}

export interface Child903 {
  child: string;
  /** The practice holding the child's case, or null when the council holds it. Not a 903 field. */
  practiceId: string | null;
  sex: string;
  dob: Day;
  ethnic: string;
  upn: string;
  mother: '0' | '1' | null;
  mcDob: Day | null;
  /** Present when the child is an unaccompanied asylum-seeking child (UASC table / XML UASC=1). */
  uasc: { duc: Day } | null;
  episodes: Episode903[];
  reviews: Review903[];
  missing: Missing903[];
  swEpisodes: SwEpisode903[];
  oc2: Oc2Row | null;
  oc3: Oc3Row | null;
  ad1: Ad1Row | null;
  placedAdoption: PlacedAdoptionRow[];
  prevPerm: PrevPermRow | null;
}

export interface Ssda903Return {
  kind: 'ssda903';
  councilCode: string;
  /** The year the collection ends (year to 31 March 2025 -> 2025). */
  collectionYear: number;
  /** Null for the council's whole return; set on a practice's subset. */
  practiceId: string | null;
  children: Child903[];
}

export interface PracticeShare {
  id: string;
  /** Share (0..1) of the council's children looked after at 31 March that the practice holds. */
  share: number;
}

export interface Ssda903Options {
  seed: number | string;
  /** DfE 3-digit council code (old_la_code), e.g. '886'. */
  councilCode: string;
  /** Year the collection ends: 2025 for the year 1 April 2024 to 31 March 2025. */
  collectionYear: number;
  /**
   * About how many children the council looks after on 31 March (its size). Keep it the same for every
   * year of a council: it sets the entry rate from which every year's return is projected.
   */
  children: number;
  /**
   * Social work practices holding some of the council's children. Practices hold children in long-term
   * care (not the adoption, short-stay or permanence pathways the council keeps), from entry until after
   * they leave care; shares above what those pathways allow (about 0.8 in all) are capped.
   */
  practices?: readonly PracticeShare[];
  /**
   * 'year' (default): the episodes open at any time in the collection year, as DfE collects them.
   * 'period': every episode of the current period of care, from the day the child started to be looked
   * after, so a single return shows how long each child has been looked after (earlier returns are then
   * not needed for long-term stability, but DfE's rule 502 against last year's return no longer holds).
   */
  episodes?: 'year' | 'period';
}

// ---------------------------------------------------------------------------------------------------
// Tuning constants (see the calibration test for the resulting rates)
// ---------------------------------------------------------------------------------------------------

/**
 * Mean years in care per entrant under the pathway mix below (measured over 200,000 simulated
 * entrants). Entry rate = children / MEAN_YEARS_IN_CARE, so the expected number looked after on
 * 31 March equals `children`. England's own ratio, 81,770 looked after / 32,270 starting (2025), is 2.53.
 */
export const MEAN_YEARS_IN_CARE = 2.571;

/** Share of entrants who are unaccompanied asylum-seeking children. */
const P_UASC = 0.11;

/** Social worker changes per child per year in care (Poisson), tuned to 27% with 3+ workers. */
const SW_CHANGES_PER_YEAR = 1.16;

/** Share of practice-eligible children (long-term pathways) among those looked after at 31 March. */
const PRACTICE_ELIGIBLE_SHARE = 0.82;

/** First collection year with the social worker episodes table (2023-24). */
export const SW_EPISODES_FROM = 2024;

const STREAM = {
  outline: 1,
  header: 2,
  care: 3,
  social: 4,
  reviews: 5,
  missing: 6,
  oc2: 7,
  oc3: 8,
  practice: 9,
  adoption: 10,
  shortBreaks: 11,
} as const;

// ---------------------------------------------------------------------------------------------------
// Outline: who enters when, on which pathway, and how and when they leave
// ---------------------------------------------------------------------------------------------------

type Pathway = 'short' | 'adoption' | 'sgo' | 'longterm' | 'older';
type Route = 'v2' | 'court' | 'remand';

interface Outline {
  k: number;
  entry: Day;
  dob: Day;
  sex: 'M' | 'F';
  uasc: boolean;
  pathway: Pathway;
  route: Route;
  exit: Day;
  rec: string;
  practiceId: string | null;
}

const w = <T extends string>(o: Partial<Record<T, number>>): WeightedPicker<T> =>
  weighted(Object.entries(o) as [T, number][]);

const AGE_BAND = w({ under1: 0.22, '1to4': 0.14, '5to9': 0.14, '10to15': 0.31, '16to17': 0.19 });

const PATHWAY_BY_AGE: Record<string, WeightedPicker<Pathway>> = {
  under1: w({ adoption: 0.27, sgo: 0.17, short: 0.31, longterm: 0.25 }),
  '1to4': w({ adoption: 0.15, sgo: 0.19, short: 0.37, longterm: 0.29 }),
  '5to9': w({ sgo: 0.09, short: 0.48, longterm: 0.43 }),
  '10to15': w({ sgo: 0.04, short: 0.57, longterm: 0.39 }),
  '16to17': w({ short: 0.5, older: 0.5 }),
};

const REC_SHORT = w({ E4A: 0.38, E4B: 0.1, E13: 0.08, E41: 0.06, E8: 0.22, E3: 0.06, INDEP: 0.1 });
const REC_SHORT_UASC = w({ E15: 0.3, E8: 0.4, E3: 0.3 });
const REC_REMAND = w({ E14: 0.7, E9: 0.2, E8: 0.1 });
const REC_AT_18 = w({ E17: 0.22, E5: 0.28, E6: 0.12, E8: 0.3, E7: 0.03, E13: 0.05 });
const REC_AT_18_UASC = w({ E5: 0.4, E6: 0.2, E8: 0.3, E17: 0.1 });
const REC_16_17 = w({ E5: 0.35, E6: 0.15, E13: 0.15, E8: 0.25, E4B: 0.1 });
const REC_OLDER_EARLY = w({ E8: 0.35, E13: 0.2, E4B: 0.25, E5: 0.1, E6: 0.05, E3: 0.05 });
const REC_UASC_EARLY = w({ E15: 0.3, E8: 0.4, E3: 0.2, E5: 0.1 });
const REC_LONG_HOME = w({ E4A: 0.45, E41: 0.15, E13: 0.1, E8: 0.2, E3: 0.1 });
const REC_SGO = w({ E45: 0.4, E46: 0.12, E47: 0.38, E48: 0.1 });

/** Exits after which a young person is a care leaver for OC3 (former relevant child). */
const OC3_RECS = new Set(['E5', 'E6', 'E7', 'E8', 'E13', 'E17']);

interface Ctx {
  seed: number | string;
  councilCode: string;
  councilKey: number;
  base: [number, number, number, number];
  daysPerEntry: number;
  areas: [string, string];
  swPool: number;
  /** "SW" + 3-digit council code: social worker ids are this plus a 7-digit index. */
  swPrefix: string;
  practices: { id: string; upTo: number; index: number }[];
}

function makeContext(opts: Ssda903Options): Ctx {
  if (!(opts.children > 0)) throw new Error('children must be positive');
  const entriesPerYear = opts.children / MEAN_YEARS_IN_CARE;
  let acc = 0;
  const practices = (opts.practices ?? []).map((p, index) => {
    if (!(p.share >= 0)) throw new Error(`practice ${p.id}: share must be >= 0`);
    acc += p.share / PRACTICE_ELIGIBLE_SHARE;
    return { id: p.id, upTo: Math.min(1, acc), index };
  });
  return {
    seed: opts.seed,
    councilCode: opts.councilCode,
    councilKey: stringKey(opts.councilCode),
    base: hashParts([opts.seed, 'ssda903', opts.councilCode]),
    daysPerEntry: DAYS_PER_YEAR / entriesPerYear,
    areas: councilAreas(stringKey(opts.councilCode)),
    swPool: Math.max(3, Math.round(opts.children * 0.26)),
    swPrefix: socialWorkerId(opts.councilCode, 0).slice(0, 5),
    practices,
  };
}

const pad7 = (n: number): string => {
  const s = String(n % 10_000_000);
  return s.length >= 7 ? s : '0000000'.slice(s.length) + s;
};

function uniformDay(r: Rng, from: Day, to: Day): Day {
  return to <= from ? from : r.int(from, to);
}

/** Reused for every candidate's outline: most candidates are not in the year and are dropped at once. */
const outlineRng = Rng.keyed([0, 0, 0, 0], 0);

function makeOutline(ctx: Ctx, k: number): Outline {
  const r = outlineRng.rekey(ctx.base, k, STREAM.outline);
  const entry = Math.floor((k + r.next()) * ctx.daysPerEntry);
  const uasc = r.bernoulli(P_UASC);
  let band: string;
  let ageDays: number;
  if (uasc) {
    band = r.bernoulli(0.25) ? '14to15' : '16to17';
    ageDays = band === '14to15' ? r.int(14 * 365 + 10, 16 * 365) : r.int(16 * 365 + 5, 18 * 365 - 40);
  } else {
    band = AGE_BAND(r);
    switch (band) {
      case 'under1':
        ageDays = r.bernoulli(0.5) ? r.int(0, 30) : r.int(31, 364);
        break;
      case '1to4':
        ageDays = r.int(366, 5 * 365);
        break;
      case '5to9':
        ageDays = r.int(5 * 365 + 2, 10 * 365);
        break;
      case '10to15':
        ageDays = r.int(10 * 365 + 3, 16 * 365);
        break;
      default:
        ageDays = r.int(16 * 365 + 5, 18 * 365 - 40);
    }
  }
  const dob = entry - ageDays;
  const sex: 'M' | 'F' = r.bernoulli(uasc ? 0.93 : 0.56) ? 'M' : 'F';
  const b18 = addYears(dob, 18);
  const b16 = b18 - 730; // within a day of the 16th birthday; only used as a lower bound below

  let pathway: Pathway;
  if (uasc) pathway = r.bernoulli(0.8) ? 'older' : 'short';
  else pathway = (PATHWAY_BY_AGE[band] as WeightedPicker<Pathway>)(r);

  let route: Route = 'v2';
  let exit: Day;
  let rec: string;
  switch (pathway) {
    case 'short': {
      if (!uasc && ageDays >= 11 * 366 && r.bernoulli(0.12))
        route = 'remand'; // over 10 (rule 358)
      else if (!uasc && r.bernoulli(0.34)) route = 'court';
      const u = r.next();
      let dur: number;
      if (route === 'remand') dur = r.int(1, 120);
      else if (u < 0.25) dur = r.int(1, 14);
      else if (u < 0.6) dur = r.int(15, 180);
      else if (u < 0.9) dur = r.int(181, 540);
      else dur = r.int(541, 1100);
      exit = entry + dur;
      if (exit >= b18) {
        exit = b18;
        rec = r.pick(['E8', 'E5', 'E6']);
      } else if (route === 'remand') {
        rec = REC_REMAND(r);
      } else if (uasc) {
        rec = REC_SHORT_UASC(r);
      } else {
        rec = REC_SHORT(r);
        if (rec === 'E41' && route === 'v2') rec = 'E4A';
        // Independent living only from 16 (rule 387 sets 14 as the minimum).
        if (rec === 'INDEP') rec = exit >= b16 ? r.pick(['E5', 'E6']) : 'E8';
      }
      break;
    }
    case 'adoption':
      route = 'court';
      exit = entry + Math.round(r.normalClamped(730, 180, 365, 1300));
      rec = r.bernoulli(0.75) ? 'E11' : 'E12';
      break;
    case 'sgo':
      route = r.bernoulli(0.3) ? 'v2' : 'court';
      exit = entry + Math.round(r.normalClamped(600, 220, 150, 1500));
      if (exit >= b18 - 30) exit = b18 - 30;
      rec = REC_SGO(r);
      break;
    case 'longterm': {
      route = r.bernoulli(0.45) ? 'v2' : 'court';
      const u = r.next();
      if (u < 0.42) {
        exit = b18;
        rec = REC_AT_18(r);
      } else if (u < 0.57 && b18 - 1 > Math.max(entry + 365, b16)) {
        exit = uniformDay(r, Math.max(entry + 365, b16), b18 - 1);
        rec = REC_16_17(r);
      } else {
        exit = entry + r.int(550, 2920);
        if (exit >= b18) {
          exit = b18;
          rec = REC_AT_18(r);
        } else {
          rec = REC_LONG_HOME(r);
        }
      }
      break;
    }
    case 'older':
      route = !uasc && r.bernoulli(0.12) ? 'court' : 'v2';
      if (r.bernoulli(uasc ? 0.85 : 0.75)) {
        exit = b18;
        rec = uasc ? REC_AT_18_UASC(r) : REC_AT_18(r);
      } else {
        exit = uniformDay(r, entry + 30, b18 - 1);
        rec = uasc ? REC_UASC_EARLY(r) : REC_OLDER_EARLY(r);
        if ((rec === 'E5' || rec === 'E6') && exit < b16) rec = 'E8';
      }
      break;
  }
  if (exit <= entry) exit = entry + 1;
  // E17 (stayed with carers at 18) only on the 18th birthday itself (rule 460).
  if (rec === 'E17' && exit !== b18) rec = 'E8';

  let practiceId: string | null = null;
  if (ctx.practices.length > 0 && (pathway === 'longterm' || pathway === 'older')) {
    const u = Rng.keyed(ctx.base, k, STREAM.practice).next();
    for (const p of ctx.practices) {
      if (u < p.upTo) {
        practiceId = p.id;
        break;
      }
    }
  }
  return { k, entry, dob, sex, uasc, pathway, route, exit, rec, practiceId };
}

/** Former relevant child: looked after 13 weeks since 14, including after 16, not adopted or transferred. */
function isCareLeaver(o: Outline): boolean {
  if (!OC3_RECS.has(o.rec)) return false;
  const b14 = addYears(o.dob, 14);
  const b16 = addYears(o.dob, 16);
  return o.exit > b16 && o.exit - Math.max(o.entry, b14) >= 91;
}

// ---------------------------------------------------------------------------------------------------
// Header attributes (needed for care leavers too)
// ---------------------------------------------------------------------------------------------------

const ETHNIC = w({
  WBRI: 68,
  WOTH: 5,
  WIRT: 0.5,
  WROM: 0.7,
  WIRI: 0.3,
  MWBC: 3.5,
  MWBA: 1,
  MWAS: 1.5,
  MOTH: 3,
  AIND: 0.5,
  APKN: 1.5,
  ABAN: 0.7,
  AOTH: 2,
  BCRB: 1.5,
  BAFR: 4,
  BOTH: 2,
  CHNE: 0.2,
  OOTH: 3.5,
  REFU: 0.3,
  NOBT: 0.3,
});
const ETHNIC_UASC = w({ AOTH: 25, BAFR: 35, OOTH: 30, BOTH: 5, WOTH: 5 });
const CIN = w({ N1: 65, N2: 3, N3: 2.5, N4: 7, N5: 13, N6: 1, N7: 0.2, N8: 2 });
const PREV_PERM = w({ Z1: 0.89, P2: 0.05, P3: 0.04, P1: 0.02 });

interface HeaderAttrs {
  ethnic: string;
  cin: string;
  homePost: string | null;
  upnDigits: string;
  prevPerm: PrevPermRow;
  mcDob: Day | null;
}

function headerAttrs(ctx: Ctx, o: Outline): HeaderAttrs {
  const r = Rng.keyed(ctx.base, o.k, STREAM.header);
  const ethnic = o.uasc ? ETHNIC_UASC(r) : ETHNIC(r);
  let cin = CIN(r);
  if (o.uasc) cin = r.bernoulli(0.9) ? 'N8' : 'N1';
  else if (o.route === 'remand' && r.bernoulli(0.6)) cin = 'N6';
  const homePost = o.uasc ? null : fakePostcode(r, ctx.areas, 0.05);
  const la = /^\d{3}$/.test(ctx.councilCode) ? ctx.councilCode : '999';
  const estab = String(r.bernoulli(0.5) ? r.int(2000, 3999) : r.int(4000, 5999));
  const year = String(civil(o.dob + 5 * 365).y % 100).padStart(2, '0');
  const serial = String(r.int(0, 999)).padStart(3, '0');
  const upnDigits = `${la}${estab}${year}${serial}`;

  const pp = PREV_PERM(r);
  let prevPerm: PrevPermRow = { prevPerm: 'Z1', laPerm: null, datePerm: null };
  if (pp !== 'Z1') {
    const earliest = o.dob + 60;
    const latest = o.entry - 30;
    if (latest > earliest) {
      prevPerm = {
        prevPerm: pp,
        laPerm: r.bernoulli(0.7) ? la : String(r.int(201, 940)),
        datePerm: uniformDay(r, Math.max(earliest, latest - 8 * 365), latest),
      };
    }
  }

  // Mothers: a few girls have a first child while looked after from 14 (rules 611-626).
  let mcDob: Day | null = null;
  if (o.sex === 'F') {
    const from = Math.max(o.entry + 1, addYears(o.dob, 14) + 180);
    const to = Math.min(o.exit - 1, addYears(o.dob, 18) - 1);
    if (to > from && r.bernoulli(Math.min(0.12, ((to - from) / DAYS_PER_YEAR) * 0.04))) {
      mcDob = uniformDay(r, from, to);
    }
  }
  return { ethnic, cin, homePost, upnDigits, prevPerm, mcDob };
}

// ---------------------------------------------------------------------------------------------------
// Care history: legal statuses, placements (carers), episodes
// ---------------------------------------------------------------------------------------------------

type Kind =
  | 'fosterOther'
  | 'fosterRel'
  | 'ffa'
  | 'adoptive'
  | 'home'
  | 'secure'
  | 'supported'
  | 'parents'
  | 'motherBaby'
  | 'hospital'
  | 'school'
  | 'resCare'
  | 'yoi'
  | 'other';

interface Stint {
  start: Day;
  end: Day;
  kind: Kind;
  provider: string | null;
  urn: string | null;
  plPost: string | null;
  /** PLACE code from each date (status changes with the same carer). */
  codes: { from: Day; place: string }[];
  temp: { start: Day; end: Day; place: string; plPost: string } | null;
}

interface LsSeg {
  from: Day;
  ls: string;
}

interface AdoptionPlan {
  ffa: boolean;
  /** Start of the foster-for-adoption placement (ffa only). */
  ffaStart: Day;
  /** Date placed for adoption (A5/A6 episode start). */
  placed: Day;
  /** Placement order (E1) granted. */
  order: Day;
  /** Agency decision that the child should be placed for adoption (DATE_PLACED / DATE_INT). */
  decision: Day;
  match: Day;
}

interface CareHistory {
  episodes: Episode903[];
  sw: SwEpisode903[];
  reviews: Review903[];
  placedAdoption: PlacedAdoptionRow[];
  ad1: Ad1Row | null;
}

const STABILITY: Record<string, WeightedPicker<'stable' | 'medium' | 'unstable'>> = {
  under5: w({ stable: 0.84, medium: 0.13, unstable: 0.03 }),
  '5to9': w({ stable: 0.71, medium: 0.21, unstable: 0.08 }),
  '10to15': w({ stable: 0.53, medium: 0.28, unstable: 0.19 }),
  '16plus': w({ stable: 0.45, medium: 0.35, unstable: 0.2 }),
};
const STINT_MEAN_DAYS = { stable: 10 * 365, medium: 1.8 * 365, unstable: 0.3 * 365 } as const;
const STINT_MIN_DAYS = { stable: 30, medium: 14, unstable: 7 } as const;
const P_FIRST_SHORT = 0.4;

const KIND_UNDER1 = w<Kind>({ fosterOther: 70, fosterRel: 18, motherBaby: 5, parents: 5, hospital: 2 });
const KIND_1TO9 = w<Kind>({ fosterOther: 70, fosterRel: 20, parents: 6, home: 2, school: 1, other: 1 });
const KIND_10TO15 = w<Kind>({
  fosterOther: 58,
  fosterRel: 12,
  home: 20,
  parents: 4,
  secure: 1,
  school: 2,
  resCare: 1,
  other: 1,
  hospital: 1,
});
const KIND_16PLUS = w<Kind>({
  fosterOther: 35,
  fosterRel: 8,
  home: 15,
  supported: 37,
  parents: 2,
  other: 1,
  resCare: 1,
  secure: 1,
});
const KIND_UASC = w<Kind>({ fosterOther: 45, supported: 50, home: 5 });
const KIND_UASC_UNDER16 = w<Kind>({ fosterOther: 90, home: 10 });
const KIND_REMAND = w<Kind>({ home: 40, fosterOther: 35, yoi: 15, secure: 10 });

const PROVIDERS: Record<Kind, WeightedPicker<string> | null> = {
  fosterOther: w({ PR1: 58, PR4: 35, PR5: 7 }),
  fosterRel: w({ PR1: 90, PR4: 10 }),
  ffa: w({ PR1: 60, PR5: 40 }),
  adoptive: w({ PR1: 50, PR5: 35, PR2: 15 }),
  home: w({ PR4: 78, PR1: 15, PR5: 7 }),
  secure: w({ PR1: 80, PR2: 20 }),
  supported: w({ PR4: 60, PR5: 25, PR1: 15 }),
  parents: w({ PR0: 1 }),
  motherBaby: w({ PR1: 40, PR4: 30, PR5: 30 }),
  hospital: w({ PR3: 1 }),
  school: w({ PR4: 60, PR5: 20, PR1: 10, PR2: 10 }),
  resCare: w({ PR4: 60, PR5: 40 }),
  yoi: w({ PR3: 1 }),
  other: null,
};

/** URN required (rule 218) except for P1, P3, R1, R2, R5, T0-T4 and Z1, where it must be blank (rule 222). */
const URN_KIND: Partial<Record<Kind, UrnKind>> = {
  fosterOther: 'fostering',
  fosterRel: 'fostering',
  ffa: 'fostering',
  adoptive: 'adoption',
  home: 'home',
  secure: 'secure',
  supported: 'supported',
  motherBaby: 'family',
  school: 'school',
};

const SINGLE_CODE: Partial<Record<Kind, string>> = {
  home: 'K2',
  secure: 'K1',
  supported: 'H5',
  parents: 'P1',
  motherBaby: 'R3',
  hospital: 'R2',
  school: 'S1',
  resCare: 'R1',
  yoi: 'R5',
  other: 'Z1',
  adoptive: 'A6',
};

const REASON_MOVE = weighted(
  (Object.entries(PLACEMENT_CHANGE_REASONS_2025) as [string, number][]).filter(
    ([code]) => code !== 'PLACE' && code !== 'CUSTOD',
  ),
);
const REVIEW_PARTICIPATION = w({ PN1: 50, PN2: 5, PN3: 8, PN4: 4, PN5: 8, PN6: 15, PN7: 10 });
const SW_REASON = w({ LEFTRL: 35, TSPROC: 25, MANAGE: 15, ORGRST: 8, ABSENC: 7, OTHERS: 6, CHCHAN: 2, PCCHAN: 2 });

function isFoster(kind: Kind): boolean {
  return kind === 'fosterOther' || kind === 'fosterRel';
}

function lsAt(segs: readonly LsSeg[], day: Day): string {
  let ls = (segs[0] as LsSeg).ls;
  for (const s of segs) {
    if (s.from <= day) ls = s.ls;
    else break;
  }
  return ls;
}

function legalTimeline(r: Rng, o: Outline, plan: AdoptionPlan | null): LsSeg[] {
  const segs: LsSeg[] = [];
  const dur = o.exit - o.entry;
  const push = (from: Day, ls: string) => {
    if (from >= o.exit) return;
    const last = segs[segs.length - 1];
    if (last && from <= last.from) return;
    segs.push({ from, ls });
  };
  if (o.route === 'remand') {
    push(o.entry, 'J1');
    return segs;
  }
  // Short emergency statuses first: police protection (L1, at most 72 hours, rule 361) or an emergency
  // protection order (L2, at most 21 days, rule 362).
  let t = o.entry;
  // Prefixes must end before the placement order of a child to be adopted.
  const room = plan ? Math.floor((plan.order - o.entry) / 2) : dur;
  if (o.route === 'v2' && !o.uasc && dur > 4 && r.bernoulli(0.25)) {
    push(t, 'L1');
    t += r.int(1, 2);
  } else if (o.route === 'court' && dur > 20 && room > 4 && r.bernoulli(0.35)) {
    push(t, 'L2');
    t += r.int(3, Math.min(14, room));
  }
  if (o.pathway === 'adoption') {
    if (t === o.entry && room > 20 && r.bernoulli(0.2)) {
      push(t, 'V2');
      t += r.int(10, Math.min(90, room));
    }
    push(t, 'C1');
    if (plan) push(plan.order, 'E1');
    return segs;
  }
  if (o.route === 'v2') {
    push(t, 'V2');
    const toCourt =
      o.pathway === 'sgo' ? 0.7 : o.pathway === 'longterm' ? (ageOn(o.dob, o.entry) < 12 ? 0.6 : 0.35) : 0;
    if (dur > 120 && r.bernoulli(toCourt)) {
      t += r.int(30, Math.min(240, dur - 60));
      push(t, 'C1');
    } else {
      return segs;
    }
  } else {
    push(t, 'C1');
  }
  // Interim care order to full care order after the final hearing (6-12 months).
  const c2 = t + r.int(180, 365);
  if (c2 < o.exit - 20) push(c2, 'C2');
  return segs;
}

function pickKind(r: Rng, o: Outline, day: Day, ls: string): Kind {
  const age = ageOn(o.dob, day);
  let kind: Kind;
  if (o.route === 'remand') kind = KIND_REMAND(r);
  else if (o.uasc) kind = age >= 16 ? KIND_UASC(r) : KIND_UASC_UNDER16(r);
  else if (age < 1) kind = KIND_UNDER1(r);
  else if (age < 10) kind = KIND_1TO9(r);
  else if (age < 16) kind = KIND_10TO15(r);
  else kind = KIND_16PLUS(r);
  // Placed with parents only under a care order (rule 378 forbids it under section 20).
  if (kind === 'parents' && ls !== 'C1' && ls !== 'C2') kind = 'fosterOther';
  if (kind === 'home' && age < 8) kind = 'fosterOther';
  if (kind === 'school' && age < 5) kind = 'fosterOther'; // rule 373: at least 4
  if ((kind === 'secure' || kind === 'resCare') && age < 12) kind = 'fosterOther';
  if (kind === 'yoi' && age < 11) kind = 'home'; // rule 372: at least 10
  if (kind === 'supported' && age < 16) kind = 'fosterOther'; // rule 371: at least 16
  if (kind === 'motherBaby' && age >= 1) kind = 'fosterOther';
  return kind;
}

function stintDays(r: Rng, kind: Kind, cls: 'stable' | 'medium' | 'unstable', first: boolean): number {
  switch (kind) {
    case 'secure':
      return r.int(14, 120);
    case 'hospital':
      return r.int(3, 45);
    case 'motherBaby':
      return r.int(30, 150);
    case 'yoi':
      return r.int(14, 180);
    default:
      break;
  }
  if (first && r.bernoulli(P_FIRST_SHORT)) return r.int(1, 75);
  return Math.max(STINT_MIN_DAYS[cls], Math.round(r.exponential(STINT_MEAN_DAYS[cls])));
}

function finishStint(ctx: Ctx, r: Rng, s: Stint, homePost: string | null): void {
  const prov = PROVIDERS[s.kind];
  s.provider = prov ? prov(r) : null;
  const uk = URN_KIND[s.kind];
  if (uk) {
    // The council's own fostering service is slot 0 of the fostering pool.
    const own = s.provider === 'PR1' && uk === 'fostering';
    s.urn = fakeUrn(uk, ctx.councilKey, own ? 0 : r.int(1, urnPoolSize(uk) - 1));
  } else {
    s.urn = null;
  }
  s.plPost = s.kind === 'parents' && homePost ? homePost : fakePostcode(r, ctx.areas);
}

/**
 * The child's care history. Episodes cover the whole period of care; social worker episodes and reviews
 * are drawn for the whole period too (so every year sees the same chain) but only those overlapping
 * [from, to] are kept.
 */
function buildCare(ctx: Ctx, o: Outline, attrs: HeaderAttrs, from: Day, to: Day): CareHistory {
  const r = Rng.keyed(ctx.base, o.k, STREAM.care);
  const ageAtEntry = ageOn(o.dob, o.entry);

  // Adoption plan: decision -> placement order -> match -> placed -> adoption order (rules 331-334,
  // 521-554: each date on or before the next, all within the period of care).
  let plan: AdoptionPlan | null = null;
  if (o.pathway === 'adoption') {
    const dur = o.exit - o.entry;
    const placed = o.exit - r.int(150, Math.min(330, dur - 150));
    const ffa = r.bernoulli(0.25);
    const order = ffa ? placed : placed - r.int(20, Math.max(20, Math.min(150, placed - o.entry - 60)));
    const decision = Math.max(o.entry + 1, order - r.int(15, 120));
    const ffaStart = ffa ? Math.max(o.entry, placed - r.int(60, 240)) : placed;
    const match = uniformDay(r, Math.max(decision, placed - 90), placed - 1);
    plan = { ffa, ffaStart, placed, order, decision, match };
  }

  const legal = legalTimeline(r, o, plan);
  const ageBand = ageAtEntry < 5 ? 'under5' : ageAtEntry < 10 ? '5to9' : ageAtEntry < 16 ? '10to15' : '16plus';
  const cls = (STABILITY[ageBand] as WeightedPicker<'stable' | 'medium' | 'unstable'>)(r);

  // Carers (stints), from entry to the end of ordinary care (adoption placements are added after).
  const careEnd = plan ? plan.ffaStart : o.exit;
  const stints: Stint[] = [];
  let t = o.entry;
  while (t < careEnd) {
    let kind = pickKind(r, o, t, lsAt(legal, t));
    if (o.pathway === 'adoption' && !isFoster(kind) && kind !== 'motherBaby') kind = 'fosterOther';
    // A move must change something the return shows: two spells at home in a row would look the same (rule 435).
    if (kind === 'parents' && stints[stints.length - 1]?.kind === 'parents') kind = 'fosterOther';
    let d = stintDays(r, kind, cls, stints.length === 0);
    if (t + d > careEnd) d = careEnd - t;
    stints.push({ start: t, end: t + d, kind, provider: null, urn: null, plPost: null, codes: [], temp: null });
    t += d;
  }
  if (plan) {
    if (plan.ffa) {
      stints.push({
        start: plan.ffaStart,
        end: o.exit,
        kind: 'ffa',
        provider: null,
        urn: null,
        plPost: null,
        codes: [],
        temp: null,
      });
    } else {
      const last = stints[stints.length - 1];
      if (last) last.kind = isFoster(last.kind) ? last.kind : 'fosterOther';
      stints.push({
        start: plan.placed,
        end: o.exit,
        kind: 'adoptive',
        provider: null,
        urn: null,
        plPost: null,
        codes: [],
        temp: null,
      });
    }
  }
  // The last carer must fit the way care ended: special guardianship by former foster carers (E45
  // relative, E46 other, rule 516), staying with carers at 18 (E17).
  const last = stints[stints.length - 1] as Stint;
  if (o.rec === 'E45') last.kind = 'fosterRel';
  else if (o.rec === 'E46') last.kind = 'fosterOther';
  else if (o.rec === 'E17' && !isFoster(last.kind)) last.kind = 'fosterOther';

  const lsChanges = new Set(legal.slice(1).map((s) => s.from));

  let before: Stint | null = null;
  for (const s of stints) {
    finishStint(ctx, r, s, attrs.homePost);
    // A new carer lives somewhere else than the last one (rules 435/436) and than the child's home, which
    // only a child placed with parents shares (rule 392d).
    while (s.kind !== 'parents' && (s.plPost === attrs.homePost || s.plPost === before?.plPost)) {
      s.plPost = fakePostcode(r, ctx.areas);
    }
    before = s;
    const len = s.end - s.start;
    if (s.kind === 'fosterOther' || s.kind === 'fosterRel') {
      const rel = s.kind === 'fosterRel';
      const longTerm = r.bernoulli(0.1);
      s.codes.push({ from: s.start, place: rel ? (longTerm ? 'U1' : 'U3') : longTerm ? 'U4' : 'U6' });
      // Matched as a long-term foster placement with the same carer (a status change, RNE B/U).
      if (!longTerm && len > 300 && r.bernoulli(0.65)) {
        let at = s.start + r.int(180, Math.min(730, len - 60));
        // Sometimes the match coincides with a court order (one episode, RNE U).
        const order = [...lsChanges].find((c) => Math.abs(c - at) <= 60 && c > s.start + 30 && c < s.end - 30);
        if (order !== undefined && r.bernoulli(0.5)) at = order;
        s.codes.push({ from: at, place: rel ? 'U1' : 'U4' });
      }
      // A rare temporary placement, after which the child returns (rules 375-383).
      if (len >= 150 && r.bernoulli(Math.min(0.35, (len / DAYS_PER_YEAR) * 0.04))) {
        const tStart = s.start + r.int(30, len - 60);
        const code = r.pick(['T3', 'T3', 'T4', 'T4', 'T1']);
        const tLen = code === 'T3' ? r.int(3, 14) : code === 'T4' ? r.int(1, 7) : r.int(2, 28);
        const tEnd = tStart + tLen;
        const clash =
          tEnd >= s.end - 14 ||
          s.codes.some((c) => c.from > s.start && c.from >= tStart - 14 && c.from <= tEnd + 14) ||
          [...lsChanges].some((c) => c >= tStart - 14 && c <= tEnd + 14);
        let tempPost = fakePostcode(r, ctx.areas);
        while (tempPost === attrs.homePost || tempPost === s.plPost) tempPost = fakePostcode(r, ctx.areas);
        if (!clash) s.temp = { start: tStart, end: tEnd, place: code, plPost: tempPost };
      }
    } else if (s.kind === 'ffa') {
      s.codes.push({ from: s.start, place: 'U5' });
      if (plan && plan.placed > s.start) s.codes.push({ from: plan.placed, place: 'A5' });
      else s.codes[0] = { from: s.start, place: 'A5' };
    } else {
      s.codes.push({ from: s.start, place: SINGLE_CODE[s.kind] as string });
    }
  }

  // Merge legal statuses, carers, status changes and temporary placements into episodes.
  const bounds = new Set<Day>([o.entry]);
  for (const seg of legal) bounds.add(seg.from);
  for (const s of stints) {
    bounds.add(s.start);
    for (const c of s.codes) bounds.add(c.from);
    if (s.temp) {
      bounds.add(s.temp.start);
      bounds.add(s.temp.end);
    }
  }
  const days = [...bounds].filter((d) => d >= o.entry && d < o.exit).sort((a, b) => a - b);
  const episodes: Episode903[] = [];
  let prevLs = '';
  let prevCarer = -1;
  let si = 0;
  for (const day of days) {
    while (si < stints.length - 1 && (stints[si + 1] as Stint).start <= day) si++;
    const s = stints[si] as Stint;
    const inTemp = s.temp !== null && day >= s.temp.start && day < s.temp.end;
    let place = (s.codes[0] as { place: string }).place;
    for (const c of s.codes) if (c.from <= day) place = c.place;
    const carer = inTemp ? -(si + 1) : si;
    const ls = lsAt(legal, day);
    const prev = episodes[episodes.length - 1];
    const lsChanged = prev !== undefined && ls !== prevLs;
    const carerChanged = prev !== undefined && carer !== prevCarer;
    const placeNow = inTemp ? (s.temp as { place: string }).place : place;
    const placeChanged = prev !== undefined && placeNow !== prev.place;
    if (prev && !lsChanged && !carerChanged && !placeChanged) continue;
    let rne: Rne;
    if (!prev) rne = 'S';
    else if (lsChanged && carerChanged) rne = 'T';
    else if (lsChanged && placeChanged) rne = 'U';
    else if (lsChanged) rne = 'L';
    else if (carerChanged) rne = 'P';
    else rne = 'B';
    if (prev) {
      prev.dec = day;
      prev.rec = 'X1';
      const temp = prev.place.startsWith('T') || placeNow.startsWith('T');
      if (rne === 'L' || temp) prev.reasonPlaceChange = null;
      else if (rne === 'B' || rne === 'U') prev.reasonPlaceChange = 'PLACE';
      else if (placeNow === 'R5') prev.reasonPlaceChange = 'CUSTOD';
      else if (placeNow === 'A6' || placeNow === 'P1') prev.reasonPlaceChange = 'CARPL';
      else prev.reasonPlaceChange = REASON_MOVE(r);
    }
    episodes.push({
      decom: day,
      rne,
      ls,
      cin: attrs.cin,
      place: placeNow,
      placeProvider: inTemp ? null : s.provider,
      dec: null,
      rec: null,
      reasonPlaceChange: null,
      homePost: attrs.homePost,
      plPost: inTemp ? (s.temp as { plPost: string }).plPost : s.plPost,
      urn: inTemp ? null : s.urn,
    });
    prevLs = ls;
    prevCarer = carer;
  }
  const lastEp = episodes[episodes.length - 1] as Episode903;
  lastEp.dec = o.exit;
  lastEp.rec = o.rec;

  // Social workers: a chain from the day care starts, changing about SW_CHANGES_PER_YEAR times a year.
  const rs = Rng.keyed(ctx.base, o.k, STREAM.social);
  const poolBase = o.practiceId
    ? 9_000_000 + (ctx.practices.find((p) => p.id === o.practiceId)?.index ?? 0) * 10_000
    : 0;
  const pool = o.practiceId ? Math.max(3, Math.round(ctx.swPool / 4)) : ctx.swPool;
  const sw: SwEpisode903[] = [];
  let worker = rs.int(0, pool - 1);
  let swStart = o.entry;
  let swReason = 'FCONTA';
  for (;;) {
    const next = swStart + Math.max(14, Math.round(rs.exponential(DAYS_PER_YEAR / SW_CHANGES_PER_YEAR)));
    const ends = next < o.exit ? next : null;
    if (swStart <= to && (ends === null || ends >= from)) {
      sw.push({ swId: ctx.swPrefix + pad7(poolBase + worker), swDecom: swStart, swDec: ends, swReason });
    }
    if (ends === null || next > to) break;
    let nw = rs.int(0, pool - 1);
    if (nw === worker) nw = (nw + 1) % pool;
    worker = nw;
    swStart = next;
    swReason = SW_REASON(rs);
  }

  // Statutory reviews: within 20 working days, then 3 months, then every 6 months (rules 440/441).
  const rr = Rng.keyed(ctx.base, o.k, STREAM.reviews);
  const reviews: Review903[] = [];
  const b4 = addYears(o.dob, 4);
  let rv = o.entry + rr.int(18, 28);
  let n = 0;
  while (rv < o.exit && rv <= to) {
    const code = rv < b4 ? 'PN0' : REVIEW_PARTICIPATION(rr);
    if (rv >= from) reviews.push({ review: rv, reviewCode: code });
    rv += n === 0 ? rr.int(75, 92) : rr.int(150, 182);
    n++;
  }

  // Adoption decisions (PlacedAdoption) and the adoption itself (AD1).
  const placedAdoption: PlacedAdoptionRow[] = [];
  let ad1: Ad1Row | null = null;
  const ra = Rng.keyed(ctx.base, o.k, STREAM.adoption);
  if (plan) {
    placedAdoption.push({ datePlaced: plan.decision, datePlacedCeased: null, reasonPlacedCeased: null });
    const nb: '1' | '2' = ra.bernoulli(0.85) ? '2' : '1';
    let sexAdoptr: string;
    let lsAdoptr: string;
    if (nb === '1') {
      sexAdoptr = ra.bernoulli(0.9) ? 'F1' : 'M1';
      lsAdoptr = 'L0';
    } else {
      const u = ra.next();
      sexAdoptr = u < 0.85 ? 'MF' : u < 0.93 ? 'FF' : 'MM';
      // Rules 511-524: L11/L3 only for MF, L12/L4 only for same-sex couples, L2 for any couple.
      lsAdoptr = sexAdoptr === 'MF' ? ra.pick(['L11', 'L11', 'L11', 'L3', 'L2']) : ra.pick(['L12', 'L12', 'L2', 'L4']);
    }
    ad1 = {
      dateInt: plan.decision,
      dateMatch: plan.match,
      fosterCare: plan.ffa ? '1' : '0',
      nbAdoptr: nb,
      sexAdoptr,
      lsAdoptr,
    };
  } else if (
    ageAtEntry < 5 &&
    (o.pathway === 'sgo' || o.pathway === 'longterm') &&
    o.exit - o.entry > 400 &&
    ra.bernoulli(0.12)
  ) {
    // A decision to place for adoption that was later reversed (RD1-RD4).
    const decision = o.entry + ra.int(120, 300);
    const ceased = decision + ra.int(60, 300);
    if (ceased < o.exit - 1) {
      placedAdoption.push({
        datePlaced: decision,
        datePlacedCeased: ceased,
        reasonPlacedCeased: ra.pick(['RD1', 'RD2', 'RD3', 'RD4']),
      });
    }
  }
  return { episodes, sw, reviews, placedAdoption, ad1 };
}

// ---------------------------------------------------------------------------------------------------
// Year-specific tables: missing, OC2, OC3
// ---------------------------------------------------------------------------------------------------

function missingFor(ctx: Ctx, o: Outline, year: number, start: Day, end: Day): Missing903[] {
  const from = Math.max(start, o.entry + 1);
  const to = Math.min(end, o.exit - 1);
  if (to - from < 7) return [];
  const r = Rng.keyed(ctx.base, o.k, STREAM.missing, year);
  const age = ageOn(o.dob, start);
  const p = age < 8 ? 0.01 : age < 11 ? 0.04 : age < 14 ? 0.14 : 0.3;
  if (!r.bernoulli(p * Math.min(1, (to - from) / 365))) return [];
  const count = 1 + Math.min(39, Math.floor(r.exponential(4.5)));
  const starts: Day[] = [];
  for (let i = 0; i < count; i++) starts.push(uniformDay(r, from, to - 1));
  starts.sort((a, b) => a - b);
  const out: Missing903[] = [];
  let free = from;
  for (const s0 of starts) {
    const s = Math.max(s0, free);
    const len = r.bernoulli(0.8) ? r.int(0, 3) : r.int(4, 14);
    // Every period closes inside the year and before care ends (rules 571, 575, 577, 580).
    const e = Math.min(s + len, to);
    if (s > to || e < s) break;
    out.push({ missing: r.bernoulli(0.85) ? 'M' : 'A', misStart: s, misEnd: e });
    free = e + 1; // no overlaps (rule 574)
  }
  return out;
}

const SDQ_NO_SCORE = w({ SDQ4: 40, SDQ5: 30, SDQ3: 20, SDQ2: 10 });

function oc2For(ctx: Ctx, o: Outline, year: number, start: Day, end: Day): Oc2Row {
  const r = Rng.keyed(ctx.base, o.k, STREAM.oc2, year);
  const flag = (p: number): '0' | '1' => (r.bernoulli(p) ? '1' : '0');
  const b4 = addYears(o.dob, 4);
  const b5 = addYears(o.dob, 5);
  const b10 = addYears(o.dob, 10);
  const b16 = addYears(o.dob, 16);
  const b17 = addYears(o.dob, 17);
  let sdqScore: number | null = null;
  let sdqReason: string | null = null;
  // No SDQ under 4 at the end of the year (rule 188) or 17 at its start (rule 189); otherwise a score or
  // a reason (rules 186, 197B); SDQ1 (too young/old) only around those ages (rule 157).
  if (b4 <= end && b17 > start) {
    if (r.bernoulli(ENGLAND_2025.sdqReceived)) {
      const band = r.next();
      if (band < ENGLAND_2025.sdqNormal) sdqScore = 13 - Math.min(13, Math.floor(r.exponential(4.5)));
      else if (band < ENGLAND_2025.sdqNormal + ENGLAND_2025.sdqBorderline) sdqScore = r.int(14, 16);
      else sdqScore = 17 + Math.min(23, Math.floor(r.exponential(5.2)));
    } else {
      const sdq1Allowed = b4 > start || b16 < end;
      sdqReason = sdq1Allowed && r.bernoulli(0.5) ? 'SDQ1' : SDQ_NO_SCORE(r);
    }
  }
  const misuse = b10 <= end ? flag(ENGLAND_2025.substanceMisuse * 1.6) : '0';
  let received: '0' | '1' | null = null;
  let offered: '0' | '1' | null = null;
  if (misuse === '1') {
    // Rules 158, 159, 192, 193: received asked when misuse; offered only when not received.
    received = flag(ENGLAND_2025.substanceInterventionReceived);
    if (received === '0') {
      offered = flag(ENGLAND_2025.substanceInterventionRefused / (1 - ENGLAND_2025.substanceInterventionReceived));
    }
  }
  return {
    sdqScore,
    sdqReason,
    convicted: b10 <= end ? flag(ENGLAND_2025.convicted) : null, // rules 542, 543
    healthCheck: b5 > end ? flag(ENGLAND_2025.developmentAssessment) : null, // rules 545, 546
    immunisations: flag(ENGLAND_2025.immunisations),
    teethCheck: flag(ENGLAND_2025.dentalCheck),
    healthAssessment: flag(ENGLAND_2025.healthAssessment),
    substanceMisuse: misuse,
    interventionReceived: received,
    interventionOffered: offered,
  };
}

type AgeGroup = '17to18' | '19to21';

function activityPicker(group: AgeGroup) {
  const a = CARE_LEAVER_ACTIVITY_2025[group];
  return w({
    educationOther: a.educationOther,
    higherEducation: a.higherEducation,
    apprenticeship: a.apprenticeship,
    trainingEmployment: a.trainingEmployment,
    neetIllness: a.neetIllness,
    neetOther: a.neetOther,
    neetParenting: a.neetParenting,
  });
}
const ACTIVITY = { '17to18': activityPicker('17to18'), '19to21': activityPicker('19to21') };
const ACCOM_SUITABLE_17 = w({ B: 22, C: 6, D: 33, E: 10, K: 3, R: 2, U: 12, Y: 4, Z: 8 });
const ACCOM_SUITABLE_19 = w({ B: 14, C: 2, D: 14, E: 5, K: 4, R: 2, T: 4, U: 45, Y: 4, Z: 6 });
const ACCOM_UNSUITABLE = w({ B2: 15, D2: 15, K2: 10, U2: 15, V2: 10, W2: 10, S2: 15, X2: 10 });
const NOT_IN_TOUCH = w({ NO: 50, REFU: 30, NREQ: 20 });

function oc3For(ctx: Ctx, o: Outline, year: number, start: Day, ageInYear: number): Oc3Row {
  const r = Rng.keyed(ctx.base, o.k, STREAM.oc3, year);
  const group: AgeGroup = ageInYear <= 18 ? '17to18' : '19to21';
  const act = CARE_LEAVER_ACTIVITY_2025[group];
  const total = Object.values(act).reduce((a, b) => a + b, 0);
  if (r.bernoulli(act.notKnown / total)) {
    // Not in touch: activity and accommodation not known (rule 345 allows 0 only when not in touch).
    return { inTouch: NOT_IN_TOUCH(r), activ: '0', accom: '0' };
  }
  const kind = ACTIVITY[group](r);
  const ft = (full: number) => r.bernoulli(full);
  let activ: string;
  switch (kind) {
    case 'educationOther':
      activ = ft(0.8) ? 'F2' : 'P2';
      break;
    case 'higherEducation':
      activ = ft(0.85) ? 'F1' : 'P1';
      break;
    // Training or employment and apprenticeships were F3/P3 until 2021-22, F4/P4 and F5/P5 since (rule 132).
    case 'apprenticeship':
      activ = year >= ACTIV_F4_FROM ? (ft(0.9) ? 'F5' : 'P5') : ft(0.9) ? 'F3' : 'P3';
      break;
    case 'trainingEmployment':
      activ = year >= ACTIV_F4_FROM ? (ft(0.65) ? 'F4' : 'P4') : ft(0.65) ? 'F3' : 'P3';
      break;
    case 'neetIllness':
      activ = 'G4';
      break;
    case 'neetParenting':
      activ = 'G6';
      break;
    default:
      activ = 'G5';
  }
  const acc = CARE_LEAVER_ACCOMMODATION_2025[group];
  let accom: string;
  if (r.bernoulli(acc.suitable / (acc.suitable + acc.unsuitable))) {
    let letter = group === '17to18' ? ACCOM_SUITABLE_17(r) : ACCOM_SUITABLE_19(r);
    // Not with former foster carers around the 17th birthday (rule 3001); no foyer under 18 (rule 347).
    const b17 = addYears(o.dob, 17);
    if (letter === 'Z' && b17 >= start) letter = 'D';
    if (letter === 'T' && addYears(o.dob, 18) > start) letter = 'D';
    accom = `${letter}1`;
  } else {
    accom = ACCOM_UNSUITABLE(r);
  }
  return { inTouch: 'YES', activ, accom };
}

// ---------------------------------------------------------------------------------------------------
// Projection of a history onto a collection year
// ---------------------------------------------------------------------------------------------------

function clipEpisodes(eps: readonly Episode903[], start: Day, end: Day, scope: 'year' | 'period'): Episode903[] {
  const out: Episode903[] = [];
  for (const e of eps) {
    if (e.decom > end) break;
    if (scope === 'year' && (e.dec as Day) < start) continue;
    if ((e.dec as Day) > end) out.push({ ...e, dec: null, rec: null, reasonPlaceChange: null });
    else out.push(e);
  }
  return out;
}

function clipSw(sw: readonly SwEpisode903[], start: Day, end: Day): SwEpisode903[] {
  const out: SwEpisode903[] = [];
  for (const s of sw) {
    if (s.swDecom > end) break;
    if (s.swDec !== null && s.swDec < start) continue;
    out.push(s.swDec !== null && s.swDec > end ? { ...s, swDec: null } : s);
  }
  return out;
}

/** The candidate index range of children who may appear in a year's return. */
function candidateRange(ctx: Ctx, start: Day, end: Day): [number, number] {
  const earliest = addYears(start, -23);
  return [Math.max(0, Math.floor(earliest / ctx.daysPerEntry) - 1), Math.ceil(end / ctx.daysPerEntry) + 1];
}

/** Generates one council's 903 return for one collection year. */
export function generateSsda903(opts: Ssda903Options): Ssda903Return {
  const year = opts.collectionYear;
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new Error(`collectionYear out of range: ${year}`);
  const ctx = makeContext(opts);
  const scope = opts.episodes ?? 'year';
  const start = collectionStart(year);
  const end = collectionEnd(year);
  const [kFrom, kTo] = candidateRange(ctx, start, end);
  const children: Child903[] = [];
  const schoolAgeRef = dayOf(year - 2, 8, 31); // rule 209: 31 August of the year before the collection starts

  for (let k = kFrom; k <= kTo; k++) {
    const o = makeOutline(ctx, k);
    if (o.entry > end) continue;
    const inYear = o.exit >= start;
    let oc3Age = -1;
    if (!inYear) {
      if (!isCareLeaver(o)) continue;
      for (let a = 17; a <= 21; a++) {
        const b = addYears(o.dob, a);
        if (b >= start && b <= end) oc3Age = a;
      }
      if (oc3Age < 0) continue;
    }

    const attrs = headerAttrs(ctx, o);
    const upn = addYears(o.dob, 4) <= schoolAgeRef ? upnWithCheckLetter(attrs.upnDigits) : 'UN1';
    const child: Child903 = {
      child: childId(ctx.councilKey, k),
      practiceId: o.practiceId,
      sex: sexCode(o.sex, year),
      dob: o.dob,
      ethnic: attrs.ethnic,
      upn,
      mother: null,
      mcDob: null,
      uasc: null,
      episodes: [],
      reviews: [],
      missing: [],
      swEpisodes: [],
      oc2: null,
      oc3: null,
      ad1: null,
      placedAdoption: [],
      prevPerm: null,
    };
    if (!inYear) {
      // A care leaver with no episodes this year: header and OC3 only (rules 628, 1012, 1014).
      child.oc3 = oc3For(ctx, o, year, start, oc3Age);
      children.push(child);
      continue;
    }
    const care = buildCare(ctx, o, attrs, start, end);
    child.episodes = clipEpisodes(care.episodes, start, end, scope);
    if (o.sex === 'F') {
      const isMother = attrs.mcDob !== null && attrs.mcDob <= end;
      child.mother = isMother ? '1' : '0';
      child.mcDob = isMother ? attrs.mcDob : null;
    }
    if (o.uasc) child.uasc = { duc: addYears(o.dob, 18) - 1 }; // rule 304: on or before the 18th birthday
    child.reviews = care.reviews;
    // Social worker episodes are collected from the 2023-24 return (collection year 2024).
    if (year >= SW_EPISODES_FROM) child.swEpisodes = clipSw(care.sw, start, end);
    child.missing = missingFor(ctx, o, year, start, end);
    if (o.entry <= start && o.exit > end) child.oc2 = oc2For(ctx, o, year, start, end);
    if (care.ad1 && o.exit >= start && o.exit <= end) child.ad1 = care.ad1;
    // Decisions to place for adoption open at some time in the year (rules 117, 118, 559-584).
    child.placedAdoption = care.placedAdoption
      .filter((p) => p.datePlaced <= end && (p.datePlacedCeased === null || p.datePlacedCeased >= start))
      .map((p) =>
        p.datePlacedCeased !== null && p.datePlacedCeased > end
          ? { ...p, datePlacedCeased: null, reasonPlacedCeased: null }
          : p,
      );
    // Previous permanence is asked of children who started to be looked after in the year (rules 630, 634).
    if (o.entry >= start) child.prevPerm = attrs.prevPerm;
    children.push(child);
  }
  children.push(...shortBreakChildren(ctx, opts.children, year, start, end));
  return { kind: 'ssda903', councilCode: opts.councilCode, collectionYear: year, practiceId: null, children };
}

// ---------------------------------------------------------------------------------------------------
// Short breaks (V3/V4)
// ---------------------------------------------------------------------------------------------------

/**
 * Disabled children who are looked after only under an agreed series of short-term placements (LS V3:
 * each break recorded as an episode; V4: the same, agreements recorded), so that demo data exercises
 * the rules that leave them out of the 31 March cohorts (DfE counts about 2-3% of children looked
 * after during a year this way). Series are laid on a fixed calendar from 2000, one per candidate
 * j, lasting 1-5 years, so consecutive returns agree (a break open at 31 March continues in the next
 * return). Each break lasts 1-4 nights (rule 365: at most 17 days), every 3-8 weeks (rule 367: at
 * most 75 days a year), with a foster carer who is not a long-term one (U6; rule 384), no reviews,
 * MOTHER or social worker episodes (rule 399; SW01STG1 does not apply), and ends with E4A (returned home).
 */
const SHORT_BREAK_CANDIDATES_PER_CHILD = 0.25; // about 2% of `children` have a series open in a given year
const SHORT_BREAK_CALENDAR = { from: dayOf(2000, 1, 1), days: 100 * 365 };

function shortBreakChildren(ctx: Ctx, size: number, year: number, start: Day, end: Day): Child903[] {
  const out: Child903[] = [];
  const n = Math.round(size * SHORT_BREAK_CANDIDATES_PER_CHILD);
  for (let j = 0; j < n; j++) {
    const r = Rng.keyed(ctx.base, j, STREAM.shortBreaks);
    const from = SHORT_BREAK_CALENDAR.from + r.int(0, SHORT_BREAK_CALENDAR.days);
    const until = from + r.int(365, 5 * 365);
    if (until < start || from > end) continue;
    const dob = from - r.int(5 * 365, 12 * 365);
    const sex: 'M' | 'F' = r.bernoulli(0.65) ? 'M' : 'F';
    const ls = r.bernoulli(0.7) ? 'V3' : 'V4';
    const homePost = fakePostcode(r, ctx.areas, 0.05);
    const plPost = fakePostcode(r, ctx.areas);
    const urn = fakeUrn('fostering', ctx.councilKey, 0);
    const la = /^\d{3}$/.test(ctx.councilCode) ? ctx.councilCode : '999';
    const upnDigits = `${la}${r.int(2000, 3999)}${String(civil(dob + 5 * 365).y % 100).padStart(2, '0')}${String(r.int(0, 999)).padStart(3, '0')}`;
    const episodes: Episode903[] = [];
    for (let day = from; day <= until && day <= end; day += r.int(21, 56)) {
      const dec = day + r.int(1, 4);
      if (dec < start) continue;
      episodes.push({
        decom: day,
        rne: 'S',
        ls,
        cin: 'N2',
        place: 'U6',
        placeProvider: 'PR1',
        dec: dec > end ? null : dec,
        rec: dec > end ? null : 'E4A',
        reasonPlaceChange: null,
        homePost,
        plPost,
        urn,
      });
    }
    if (episodes.length === 0) continue;
    out.push({
      child: childId(ctx.councilKey, -1 - j),
      practiceId: null,
      sex: sexCode(sex, year),
      dob,
      ethnic: 'WBRI',
      upn: addYears(dob, 4) <= dayOf(year - 2, 8, 31) ? upnWithCheckLetter(upnDigits) : 'UN1',
      mother: null,
      mcDob: null,
      uasc: null,
      episodes,
      reviews: [],
      missing: [],
      swEpisodes: [],
      oc2: null,
      oc3: null,
      ad1: null,
      placedAdoption: [],
      // previous permanence is asked whenever a child starts to be looked after in the year (rules 630, 634)
      prevPerm: episodes.some((e) => e.decom >= start) ? { prevPerm: 'Z1', laPerm: null, datePerm: null } : null,
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Practice subsets
// ---------------------------------------------------------------------------------------------------

/** A practice's return: the children it holds, with every table filtered to them. */
export function practiceSubset(ret: Ssda903Return, practiceId: string): Ssda903Return {
  return { ...ret, practiceId, children: ret.children.filter((c) => c.practiceId === practiceId) };
}

/**
 * Splits a council's return into the council's own return (every child: what the council sends DfE)
 * and one return per practice (the children that practice holds).
 */
export function splitByPractice(ret: Ssda903Return): { council: Ssda903Return; practices: Ssda903Return[] } {
  const ids = [...new Set(ret.children.map((c) => c.practiceId).filter((p): p is string => p !== null))].sort();
  return { council: ret, practices: ids.map((id) => practiceSubset(ret, id)) };
}
