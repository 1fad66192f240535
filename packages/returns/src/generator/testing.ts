/**
 * Test helpers for the generator: an independent hand-written check of the DfE 903 rules the generator
 * promises to keep (a wider set than the validator implements so far), and simple counting of the
 * calibrated measures. Used by the tests only.
 */
import {
  ACCOM_CODES,
  ACTIV_CODES,
  ACTIV_CODES_BEFORE_2023,
  ACTIV_F4_FROM,
  CIN_CODES,
  ETHNIC_CODES,
  IN_TOUCH_CODES,
  LS_CODES,
  PLACE_CODES,
  PLACE_PROVIDER_CODES,
  REASON_PLACE_CHANGE_CODES,
  REC_CODES,
  REVIEW_CODES,
  RNE_CODES,
  SDQ_REASON_CODES,
  SW_REASON_CODES,
  UPN_CHECK_LETTERS,
} from './codes';
import { addYears, collectionEnd, collectionStart, dayOf, formatDfe, formatIso, type Day } from './dates';
import type { Child903, CswwReturn, Episode903, Ssda903Return } from './index';
import {
  cohortYear,
  episodeSteps,
  lookedAfterAt31March,
  placementsInYear,
  type CohortEpisode,
} from '@continuity/indicators/cohorts';

const inList = (list: readonly string[]) => new Set<string>(list);
const RNE = inList(RNE_CODES);
const LS = inList(LS_CODES);
const CIN = inList(CIN_CODES);
const PLACE = inList(PLACE_CODES);
const PROVIDER = inList(PLACE_PROVIDER_CODES);
const REC = inList(REC_CODES);
const REASON = inList(REASON_PLACE_CHANGE_CODES);
const ETHNIC = inList(ETHNIC_CODES);
const REVIEW = inList(REVIEW_CODES);
const SW_REASON = inList(SW_REASON_CODES);
const SDQ_REASON = inList(SDQ_REASON_CODES);
const IN_TOUCH = inList(IN_TOUCH_CODES);
const ACTIV = inList(ACTIV_CODES);
const ACTIV_OLD = inList(ACTIV_CODES_BEFORE_2023);
const ACCOM = inList(ACCOM_CODES);
const NO_PROVIDER = inList(['T0', 'T1', 'T2', 'T3', 'T4', 'Z1']);
const NO_URN = inList(['P1', 'P3', 'R1', 'R2', 'R5', 'T0', 'T1', 'T2', 'T3', 'T4', 'Z1']);
const FOSTER = inList(['U1', 'U2', 'U3', 'U4', 'U5', 'U6']);
const isTemp = (p: string) => p.startsWith('T');
const samePlacement = (a: Episode903, b: Episode903) =>
  a.place === b.place && a.placeProvider === b.placeProvider && a.plPost === b.plPost && a.urn === b.urn;

function validUpn(upn: string): boolean {
  if (/^UN[1-5]$/.test(upn)) return true;
  if (!/^[A-HJ-NP-RT-Z]\d{12}$/.test(upn)) return false;
  let sum = 0;
  for (let i = 1; i < 13; i++) sum += (upn.charCodeAt(i) - 48) * (i + 1);
  return UPN_CHECK_LETTERS[sum % 23] === upn[0];
}

/** Each violated rule as "rule child detail". An empty list means the return keeps every rule checked here. */
export function ruleViolations(ret: Ssda903Return): string[] {
  const out: string[] = [];
  const Y = ret.collectionYear;
  const start = collectionStart(Y);
  const end = collectionEnd(Y);
  const sexes = Y >= 2025 ? ['M', 'F'] : ['1', '2'];
  const female = Y >= 2025 ? 'F' : '2';
  const bad = (rule: string, c: Child903, detail: string) => out.push(`${rule} ${c.child} ${detail}`);
  const seen = new Set<string>();
  for (const c of ret.children) {
    if (seen.has(c.child)) bad('INT32', c, 'child twice');
    seen.add(c.child);
    const b = (n: number) => addYears(c.dob, n);
    const eps = c.episodes;
    const shortBreaksOnly = eps.length > 0 && eps.every((e) => e.ls === 'V3' || e.ls === 'V4');
    const hasEps = eps.length > 0;
    // Header
    if (!sexes.includes(c.sex)) bad('101', c, c.sex);
    if (!ETHNIC.has(c.ethnic)) bad('103', c, c.ethnic);
    if (!validUpn(c.upn)) bad('168', c, c.upn);
    if (c.upn === 'UN1' && b(4) <= dayOf(Y - 2, 8, 31)) bad('209', c, 'school age with UN1');
    if (c.dob > end) bad('301', c, 'born after the year');
    if (b(25) <= start) bad('351', c, 'over 25');
    // 393 asks girls looked after for MOTHER; 399 forbids it under short breaks (V3/V4)
    if (hasEps && c.sex === female && (c.mother === null) !== shortBreaksOnly) bad('393/399', c, 'mother');
    if (c.sex !== female && c.mother !== null) bad('165', c, 'mother for a boy');
    if (!hasEps && (c.mother !== null || c.mcDob !== null)) bad('628', c, 'mother for a care leaver');
    if (c.mother === '1' && c.mcDob === null) bad('611', c, 'no MC_DOB');
    if (c.mother !== '1' && c.mcDob !== null) bad('612', c, 'MC_DOB without mother');
    if (c.mcDob !== null && (c.mcDob <= c.dob || c.mcDob < b(11) || c.mcDob > end))
      bad('620-625', c, formatDfe(c.mcDob));
    if (c.uasc) {
      if (c.uasc.duc > b(18)) bad('304', c, 'DUC after 18');
      if (c.dob > addYears(end, -11)) bad('231', c, 'UASC under 11');
      if (c.oc3) bad('1014', c, 'UASC care leaver');
    }
    // Episodes
    const last = eps[eps.length - 1];
    for (let i = 0; i < eps.length; i++) {
      const e = eps[i] as Episode903;
      const prev = eps[i - 1];
      const next = eps[i + 1];
      if (!RNE.has(e.rne) || !LS.has(e.ls) || !CIN.has(e.cin) || !PLACE.has(e.place))
        bad('143-146', c, JSON.stringify(e));
      if (e.rec !== null && !REC.has(e.rec)) bad('149', c, e.rec);
      if (e.reasonPlaceChange !== null && !REASON.has(e.reasonPlaceChange)) bad('1009', c, e.reasonPlaceChange);
      if ((e.dec === null) !== (e.rec === null)) bad('148', c, 'DEC/REC');
      if (e.dec !== null && (e.dec <= e.decom || e.dec > end)) bad('355/356/385', c, formatDfe(e.decom));
      if (e.decom > end) bad('354', c, 'starts after the year');
      if (e.dec !== null && e.dec < start) bad('scope', c, 'episode ended before the year');
      // Short breaks (V3/V4) are each a period of care: S after a break that ended on an earlier day (431, 432).
      const nextBreak =
        shortBreaksOnly &&
        prev !== undefined &&
        e.rne === 'S' &&
        prev.rec !== null &&
        prev.rec !== 'X1' &&
        prev.dec !== null &&
        prev.dec < e.decom;
      if (prev && !nextBreak) {
        if (prev.dec !== e.decom) bad('433/501', c, formatDfe(e.decom));
        if (e.rne === 'S' || prev.rec !== 'X1') bad('388/431/432', c, formatDfe(e.decom));
        const lsChanged = prev.ls !== e.ls;
        const placed = !samePlacement(prev, e);
        if (e.rne === 'L' && (!lsChanged || placed)) bad('434', c, formatDfe(e.decom));
        if ((e.rne === 'P' || e.rne === 'B') && (lsChanged || !placed)) bad('435', c, formatDfe(e.decom));
        if ((e.rne === 'T' || e.rne === 'U') && (!lsChanged || !placed)) bad('436', c, formatDfe(e.decom));
        if (e.cin !== prev.cin) bad('504', c, 'CIN changed');
        const needsReason = prev.rec === 'X1' && 'PBTU'.includes(e.rne) && !isTemp(prev.place) && !isTemp(e.place);
        if (needsReason && prev.reasonPlaceChange === null) bad('225', c, formatDfe(prev.decom));
      } else if (e.decom >= start && e.rne !== 'S') {
        bad('357', c, 'first episode not S');
      }
      if (next === undefined && e.rec === 'X1') bad('388', c, 'X1 without a next episode');
      if (isTemp(e.place)) {
        if (e.reasonPlaceChange !== null || prev?.reasonPlaceChange) bad('226', c, formatDfe(e.decom));
        if (e.rne === 'S' || (e.rec !== null && e.rec !== 'X1')) bad('380/381', c, 'temporary placement at an end');
        if (prev && next && (next.rne !== 'P' || next.place !== prev.place))
          bad('383', c, 'no return after a temporary placement');
        const days = (e.dec ?? end) - e.decom;
        if ((e.place === 'T1' && days > 42) || (e.place === 'T3' && days > 21) || (e.place === 'T4' && days > 7))
          bad('375/376/379', c, e.place);
      }
      if (e.place === 'P1' ? e.placeProvider !== 'PR0' : e.placeProvider === 'PR0') bad('550', c, e.place);
      if (
        NO_PROVIDER.has(e.place) ? e.placeProvider !== null : e.placeProvider === null || !PROVIDER.has(e.placeProvider)
      )
        bad('178/526', c, e.place);
      if (['P1', 'R2', 'R5'].includes(e.place) && ['PR1', 'PR2'].includes(e.placeProvider ?? ''))
        bad('527/528', c, e.place);
      if (
        e.placeProvider === 'PR3' &&
        (e.place === 'P1' || /^A[3-6]$/.test(e.place) || /^K[12]$/.test(e.place) || FOSTER.has(e.place))
      )
        bad('529', c, e.place);
      if (NO_URN.has(e.place) ? e.urn !== null : e.urn === null) bad('218/222', c, e.place);
      if (e.ls === 'V2' && e.place === 'P1') bad('378', c, 'P1 under V2');
      if (/^J[123]$/.test(e.ls) && e.decom <= b(10)) bad('358', c, 'J under 10');
      const length = (e.dec ?? end) - e.decom;
      if ((e.ls === 'L1' && length > 3) || (e.ls === 'L2' && length > 21) || (e.ls === 'L3' && length > 7))
        bad('361-363', c, e.ls);
      if (
        (e.place === 'H5' && e.decom < b(16)) ||
        (e.place === 'R5' && e.decom < b(10)) ||
        (e.place === 'S1' && e.decom < b(4)) ||
        (e.place === 'P3' && e.decom < b(14))
      )
        bad('371-374', c, e.place);
      if (e.place === 'P2' && (e.dec === null || e.dec > dayOf(2023, 10, 28))) bad('217t', c, 'P2');
      if ((e.place === 'A5' || e.place === 'A6') && e.ls !== 'E1') bad('408', c, e.place);
      if ((e.place === 'A3' || e.place === 'A5') && !'STU'.includes(e.rne)) bad('217', c, e.rne);
      if ((e.place === 'A3' || e.place === 'A4') && prev && !(FOSTER.has(prev.place) || /^A[3-6]$/.test(prev.place)))
        bad('336', c, e.place);
      if (!c.uasc && (e.homePost === null || e.plPost === null)) bad('392b', c, 'postcode missing');
      if (c.uasc && e.homePost !== null) bad('406', c, 'UASC home postcode');
      if (e.homePost !== null && e.homePost === e.plPost && e.place !== 'P1') bad('392d', c, 'same postcodes');
      if (e.rne === 'S' && e.decom >= b(18)) bad('352', c, 'started at 18');
      const ceased = e.rec !== null && e.rec !== 'X1' ? (e.dec as Day) : null;
      if (ceased !== null) {
        if (ceased > b(18)) bad('359', c, 'looked after past 18');
        if (['E11', 'E12'].includes(e.rec as string) && (ceased >= b(18) || !/^A[3-6]$/.test(e.place)))
          bad('386/390', c, e.place);
        if (['E5', 'E6'].includes(e.rec as string) && ceased < b(14)) bad('387', c, 'independent under 14');
        if (e.rec === 'E7' && ceased < b(16)) bad('389', c, 'adult care under 16');
        if (/^E4[5-8]$/.test(e.rec as string) && ceased >= b(18)) bad('407', c, 'SGO at 18');
        if (e.rec === 'E17' && ceased < b(18)) bad('460', c, 'E17 under 18');
        if ((e.rec === 'E45' || e.rec === 'E46') && !FOSTER.has(e.place)) bad('516', c, e.place);
      }
    }
    if (!hasEps && !c.oc3) bad('EPI', c, 'no episodes and no OC3');
    const period = eps[0];
    const careStart = period && period.rne === 'S' ? period.decom : null;
    const ceasedAt = last && last.rec !== null && last.rec !== 'X1' ? (last.dec as Day) : null;
    // Looked after at 31 March as DfE counts it: children under short breaks only (V3/V4) are not (SW01STG1, SW12STG2).
    const atEnd = last !== undefined && last.dec === null && !shortBreaksOnly;
    // Reviews
    for (const r of c.reviews) {
      if (r.review < start || r.review > end || !REVIEW.has(r.reviewCode)) bad('166/167', c, formatDfe(r.review));
      if ((r.reviewCode === 'PN0') !== r.review < b(4)) bad('440/441', c, `${r.reviewCode} ${formatDfe(r.review)}`);
    }
    if (!hasEps && (c.reviews.length || c.missing.length || c.oc2 || c.ad1 || c.prevPerm || c.placedAdoption.length))
      bad('1012', c, 'care leaver data');
    // Missing
    let free = -Infinity;
    for (const m of c.missing) {
      if (m.misEnd === null || m.misEnd < m.misStart) bad('567/575/577', c, 'open or reversed');
      if (m.misStart < start || (m.misEnd ?? end) > end) bad('570/571', c, 'outside the year');
      if (m.misStart <= free) bad('574', c, 'overlap');
      if ((careStart !== null && m.misStart < careStart) || (ceasedAt !== null && (m.misEnd ?? end) >= ceasedAt))
        bad('578/580/581', c, 'outside care');
      free = m.misEnd ?? end;
    }
    // Social worker episodes (from 2023-24)
    if (Y >= 2024 && hasEps) {
      const sw = c.swEpisodes;
      if (atEnd && sw.length === 0) bad('SW01STG1', c, 'no SW episodes');
      sw.forEach((s, i) => {
        if (!s.swId.startsWith('SW') || !/^SW\d{10}$/.test(s.swId)) bad('SW02STG1', c, s.swId);
        if (s.swReason === null || !SW_REASON.has(s.swReason)) bad('SW13STG1', c, String(s.swReason));
        if (s.swDecom > end) bad('SW06STG2', c, 'starts after the year');
        if (s.swDec !== null && (s.swDec < start || s.swDec > end || s.swDec <= s.swDecom))
          bad('SW07/SW09', c, formatDfe(s.swDec));
        const nx = sw[i + 1];
        if (nx && s.swDec !== nx.swDecom) bad('SW10/SW11', c, 'gap or overlap');
        if (!nx && s.swDec !== null) bad('SW11STG2', c, 'ends with no successor');
      });
      if (!shortBreaksOnly && careStart !== null && careStart >= start && !sw.some((s) => s.swDecom >= careStart)) {
        bad('SW12STG2', c, 'no worker from the start of care');
      }
    } else if (c.swEpisodes.length > 0) {
      bad('SW', c, 'SW episodes before 2023-24');
    }
    // OC2: looked after continuously since 1 April and on 31 March (190, 191)
    const inOc2 =
      atEnd && period !== undefined && period.decom <= start && eps.every((e, i) => i === 0 || e.rne !== 'S');
    if (inOc2 !== (c.oc2 !== null)) bad('190/191', c, 'OC2 cohort');
    if (c.oc2) {
      const o = c.oc2;
      if ((o.convicted !== null) !== b(10) <= end) bad('542/543', c, 'convicted');
      if ((o.healthCheck !== null) !== b(5) > end) bad('545/546', c, 'health check');
      const sdq = o.sdqScore !== null || o.sdqReason !== null;
      if (b(4) > end && sdq) bad('188', c, 'SDQ under 4');
      if (b(17) <= start && sdq) bad('189', c, 'SDQ at 17');
      if (b(4) <= end && b(17) > start && !sdq) bad('186/197B', c, 'no SDQ');
      if (o.sdqScore !== null && (o.sdqReason !== null || o.sdqScore < 0 || o.sdqScore > 40)) bad('180/197a', c, 'SDQ');
      if (o.sdqReason !== null && !SDQ_REASON.has(o.sdqReason)) bad('196', c, o.sdqReason);
      if (o.sdqReason === 'SDQ1' && b(4) <= start && b(16) >= end) bad('157', c, 'SDQ1');
      if (
        o.substanceMisuse === '1'
          ? o.interventionReceived === null
          : o.interventionReceived !== null || o.interventionOffered !== null
      )
        bad('192/193', c, 'misuse');
      if (o.interventionReceived === '1' && o.interventionOffered !== null) bad('158', c, 'offered');
      if (o.interventionReceived === '0' && o.interventionOffered === null) bad('159', c, 'offered');
    }
    // OC3
    if (c.oc3) {
      const o = c.oc3;
      const ages = [17, 18, 19, 20, 21].filter((a) => b(a) >= start && b(a) <= end);
      if (ages.length !== 1 || hasEps) bad('391/1007/1016', c, 'OC3 cohort');
      if (
        !IN_TOUCH.has(o.inTouch) ||
        (o.activ !== null && !(Y >= ACTIV_F4_FROM ? ACTIV : ACTIV_OLD).has(o.activ)) ||
        (o.accom !== null && !ACCOM.has(o.accom))
      )
        bad('131-133', c, JSON.stringify(o));
      if (o.inTouch === 'YES' && (o.activ === '0' || o.accom === '0' || o.activ === null || o.accom === null))
        bad('345', c, 'in touch, not known');
      if (o.accom?.startsWith('Z') && b(17) >= start) bad('3001', c, 'former foster carers at 17');
      if (o.accom?.startsWith('T') && b(18) > start) bad('347', c, 'foyer under 18');
    }
    // Adoption
    const adopted = last && (last.rec === 'E11' || last.rec === 'E12') ? last : null;
    if ((c.ad1 !== null) !== (adopted !== null)) bad('601/602', c, 'AD1');
    const decision = c.placedAdoption[0];
    if (c.ad1 && adopted) {
      const a = c.ad1;
      const placedEp = eps.find((e) => /^A[3-6]$/.test(e.place));
      const placedOn = placedEp?.decom ?? adopted.decom;
      if (!decision || decision.datePlaced !== a.dateInt) bad('523', c, 'DATE_INT');
      if (a.dateInt > a.dateMatch || a.dateMatch > placedOn || a.dateMatch === adopted.dec)
        bad('331/333/582', c, 'match');
      if (careStart !== null && a.dateInt < careStart) bad('334', c, 'DATE_INT before care');
      if ((a.fosterCare === '1') !== (placedEp?.place === 'A3' || placedEp?.place === 'A5'))
        bad('335', c, 'FOSTER_CARE');
      const couple = a.nbAdoptr === '2';
      if (couple !== ['MM', 'FF', 'MF'].includes(a.sexAdoptr) || (a.lsAdoptr === 'L0') === couple)
        bad('511/514/519', c, 'adopters');
      if (
        (['L11', 'L3'].includes(a.lsAdoptr) && a.sexAdoptr !== 'MF') ||
        (['L12', 'L4'].includes(a.lsAdoptr) && !['MM', 'FF'].includes(a.sexAdoptr))
      )
        bad('517/518/520/524', c, 'adopters');
    }
    for (const p of c.placedAdoption) {
      if (p.datePlaced > end || (careStart !== null && p.datePlaced < careStart)) bad('117/1003', c, 'DATE_PLACED');
      if ((p.datePlacedCeased === null) !== (p.reasonPlacedCeased === null)) bad('119', c, 'ceased without reason');
      if (p.datePlacedCeased !== null && (p.datePlacedCeased < start || p.datePlacedCeased < p.datePlaced))
        bad('118/522', c, 'ceased');
      if (adopted && p.datePlacedCeased !== null) bad('558', c, 'adopted after reversal');
    }
    const placedForAdoption = eps.filter((e) => /^A[3-6]$/.test(e.place) || e.ls === 'E1');
    if (
      placedForAdoption.length &&
      !c.placedAdoption.some((p) => placedForAdoption.every((e) => p.datePlaced <= e.decom || e.decom < start))
    )
      bad('551-554', c, 'decision');
    if (ceasedAt !== null && !adopted && c.placedAdoption.some((p) => p.datePlacedCeased === null))
      bad('557', c, 'open decision after leaving');
    // Previous permanence: children who started to be looked after in the year (630, 634, 635)
    // (each short break starts a period of care)
    const startedInYear = shortBreaksOnly
      ? eps.some((e) => e.rne === 'S' && e.decom >= start)
      : careStart !== null && careStart >= start;
    if (startedInYear !== (c.prevPerm !== null)) bad('630/634', c, 'PrevPerm');
    if (c.prevPerm) {
      const p = c.prevPerm;
      const full = p.laPerm !== null && p.datePerm !== null;
      if (p.prevPerm === 'Z1' ? p.laPerm !== null || p.datePerm !== null : !full) bad('630/635', c, p.prevPerm);
      if (p.datePerm !== null && careStart !== null && p.datePerm >= careStart) bad('632', c, 'DATE_PERM');
    }
  }
  return out;
}

const cohortEpisode = (e: Episode903): CohortEpisode => ({
  DECOM: formatIso(e.decom),
  DEC: e.dec === null ? null : formatIso(e.dec),
  RNE: e.rne,
  LS: e.ls,
  PLACE: e.place,
  PLACE_PROVIDER: e.placeProvider,
  URN: e.urn,
  REC: e.rec,
});

/** Rates a calibration test compares with England's published figures. */
export function measures(ret: Ssda903Return, period?: Ssda903Return) {
  const Y = ret.collectionYear;
  const end = collectionEnd(Y);
  const rate = (n: number, d: number) => (d === 0 ? NaN : n / d);
  let cla = 0;
  let p3 = 0;
  let sw3 = 0;
  const oc2 = { n: 0, ha: 0, imm: 0, teeth: 0 };
  const oc3 = { young: 0, youngEet: 0, youngSuitable: 0, old: 0, oldEet: 0, oldSuitable: 0 };
  for (const c of ret.children) {
    const eps = c.episodes;
    // The 31 March cohort and the placements in the year as the indicators count them (the shared cohort
    // module): short breaks (V3/V4) out; temporary placements and the return from them not counted.
    const steps = episodeSteps(eps.map(cohortEpisode));
    if (lookedAfterAt31March(steps, cohortYear(Y))) {
      cla++;
      if (placementsInYear(steps, cohortYear(Y)) >= 3) p3++;
      if (new Set(c.swEpisodes.map((s) => s.swId)).size >= 3) sw3++;
    }
    if (c.oc2) {
      oc2.n++;
      if (c.oc2.healthAssessment === '1') oc2.ha++;
      if (c.oc2.immunisations === '1') oc2.imm++;
      if (c.oc2.teethCheck === '1') oc2.teeth++;
    }
    if (c.oc3) {
      const young = addYears(c.dob, 19) > end; // 17th or 18th birthday in the year
      const eet = /^[FP]\d$/.test(c.oc3.activ ?? '');
      const suitable = (c.oc3.accom ?? '').endsWith('1');
      if (young) {
        oc3.young++;
        if (eet) oc3.youngEet++;
        if (suitable) oc3.youngSuitable++;
      } else {
        oc3.old++;
        if (eet) oc3.oldEet++;
        if (suitable) oc3.oldSuitable++;
      }
    }
  }
  // Long-term stability needs each period of care from its start: count it on a 'period' return.
  let ltDen = 0;
  let ltNum = 0;
  for (const c of (period ?? ret).children) {
    const eps = c.episodes;
    const last = eps[eps.length - 1];
    const first = eps[0];
    if (!last || !first || last.dec !== null || first.rne !== 'S') continue;
    if (addYears(c.dob, 16) <= end) continue; // aged under 16 at 31 March
    if (first.decom > dayOf(Y - 3, 9, 30)) continue; // looked after continuously for 2.5 years
    ltDen++;
    // The current carer began at the last S/P/T episode that was not a temporary placement or a return from one.
    let carerFrom = first.decom;
    for (let i = eps.length - 1; i >= 0; i--) {
      const e = eps[i] as Episode903;
      const prev = eps[i - 1];
      if (e.rne === 'S' || ((e.rne === 'P' || e.rne === 'T') && !isTemp(e.place) && !(prev && isTemp(prev.place)))) {
        carerFrom = e.decom;
        break;
      }
    }
    if (carerFrom <= dayOf(Y - 2, 3, 31)) ltNum++;
  }
  return {
    claAt31March: cla,
    placements3Plus: rate(p3, cla),
    socialWorkers3Plus: rate(sw3, cla),
    longTermCohort: ltDen,
    longTermStability: rate(ltNum, ltDen),
    oc2Cohort: oc2.n,
    healthAssessment: rate(oc2.ha, oc2.n),
    immunisations: rate(oc2.imm, oc2.n),
    dentalCheck: rate(oc2.teeth, oc2.n),
    careLeavers17to18: oc3.young,
    eet17to18: rate(oc3.youngEet, oc3.young),
    suitable17to18: rate(oc3.youngSuitable, oc3.young),
    careLeavers19to21: oc3.old,
    eet19to21: rate(oc3.oldEet, oc3.old),
    suitable19to21: rate(oc3.oldSuitable, oc3.old),
  };
}

/** DfE's published workforce formulas over a census return (employed workers in post at 30 September). */
export function workforceMeasures(ret: CswwReturn) {
  let inpost = 0;
  let leavers = 0;
  let agency = 0;
  let cases = 0;
  let caseFte = 0;
  let wdl = 0;
  for (const w of ret.workers) {
    if (w.agencyWorker === '1') agency += w.fte ?? 0;
    else if (w.roleEndDate !== null) leavers += w.fte ?? 0;
    else {
      inpost += w.fte30 ?? 0;
      wdl += w.workingDaysLost ?? 0;
      if (w.cases30 !== null && w.cases30 > 0) {
        cases += w.cases30;
        caseFte += w.fte30 ?? 0;
      }
    }
  }
  const vac = ret.vacancies.numberOfVacancies;
  return {
    inpostFte: inpost,
    turnover: leavers / inpost,
    agencyRate: agency / (agency + inpost),
    agencyFteMatchesLaLevel: Math.abs(agency - ret.vacancies.noAgencyFte) < 0.01,
    vacancyRate: vac / (vac + inpost),
    caseload: cases / caseFte,
    absenceRate: wdl / (inpost * 253),
  };
}
