/**
 * The cohorts every 903 figure and rule is built on, defined once. Each definition has DfE's wording
 * beside it and two forms that must agree: this TypeScript one (validation runs in memory over a
 * parsed return) and the SQL one in ./sql.ts (indicators are set-based SQL over the stored rows).
 * ./cases.ts holds the hand-worked cases both forms are tested against, so they cannot drift.
 *
 * Conventions (903 collection year Y = 1 April Y-1 .. 31 March Y; dates are ISO yyyy-mm-dd text,
 * so string order is date order):
 * - An episode is open on a day D when DECOM <= D and (DEC is blank or DEC > D) at 31 March, the
 *   snapshot date; an episode that ends on 31 March means the child ceased that day.
 * - Episodes are taken in order of DECOM, then DEC (blank last), so a same-day episode comes first.
 *
 * Codes (DfE's 903 guidance; RNE as /work/shared/DOMAIN.md gives DfE's labels):
 *   RNE S started to be looked after; L change of legal status only; P change of placement (carer)
 *   only; T change of both legal status and placement (carer); U change of legal status and of
 *   placement but same carer; B change of placement but same carer.
 *   LS V3 / V4: looked after under an agreed series of short-term placements (short breaks).
 *   PLACE T0-T4: temporary placements (hospital, holiday of the usual carer, other, unspecified).
 *   PLACE A3 / A5: placed for adoption with the child's current foster carer(s).
 */

/** Short breaks: "children looked after under an agreed series of short-term placements". */
export const SHORT_BREAK_LS = ['V3', 'V4'] as const;
/** Temporary placements (T0-T4). */
export const TEMPORARY_PLACE = ['T0', 'T1', 'T2', 'T3', 'T4'] as const;
/** Placed for adoption with current foster carer(s): the carer does not change. */
export const ADOPTION_WITH_CURRENT_CARER = ['A3', 'A5'] as const;
/** Reasons for new episode that change the carer. */
export const CARER_CHANGING_RNE = ['P', 'T'] as const;

/** The episode fields the cohorts read (a 903 Episodes row has them all, under DfE's column names). */
export interface CohortEpisode {
  DECOM: string | null;
  DEC: string | null;
  RNE: string | null;
  LS: string | null;
  PLACE: string | null;
  PLACE_PROVIDER: string | null;
  URN: string | null;
  REC: string | null;
}

export interface CohortYear {
  /** 1 April Y-1. */
  start: string;
  /** 31 March Y. */
  end: string;
  /** Y, the year the collection ends. */
  year: number;
}

export function cohortYear(year: number): CohortYear {
  return { year, start: `${year - 1}-04-01`, end: `${year}-03-31` };
}

const has = (list: readonly string[], v: string | null) => v !== null && list.includes(v);
export const isShortBreak = (e: Pick<CohortEpisode, 'LS'>) => has(SHORT_BREAK_LS, e.LS);
export const isTemporary = (e: Pick<CohortEpisode, 'PLACE'>) => has(TEMPORARY_PLACE, e.PLACE);

/** One episode with what the cohorts work out about it (the SQL computes the same columns). */
export interface EpisodeStep<E extends CohortEpisode = CohortEpisode> {
  episode: E & { DECOM: string };
  /** Starts a period of care: the first episode held, or one starting after every earlier one ended. */
  careStart: boolean;
  /** The episode after a temporary placement that takes the child back to the placement before it. */
  returnsToCarer: boolean;
  /** The child's carer changes at this episode (see sameCarer). */
  carerChange: boolean;
  /** DECOM of the next episode, if any. */
  nextDecom: string | null;
}

const byDate = (a: CohortEpisode, b: CohortEpisode) =>
  a.DECOM! < b.DECOM!
    ? -1
    : a.DECOM! > b.DECOM!
      ? 1
      : a.DEC === b.DEC
        ? 0
        : a.DEC === null
          ? 1
          : b.DEC === null
            ? -1
            : a.DEC < b.DEC
              ? -1
              : 1;

/**
 * "Same carer". Whether the carer changes at an episode:
 * - a period of care starts (RNE S, or a gap after the previous episode): a new carer;
 * - RNE P or T: a new carer (DfE: "P change of placement (i.e. carer) only; T change of both legal
 *   status and placement (carer)"), except
 *   - a temporary placement (PLACE T0-T4): the usual carer is kept while the child is away, and
 *   - the return from a temporary placement to the placement held before it (DfE rule 383: "A child
 *     in a temporary placement must subsequently return to his/her normal placement"; 383 compares
 *     PLACE and PL_POST, the hub stores no postcodes, so PLACE, PLACE_PROVIDER and URN are compared;
 *     when the placement before the stay is not held, the return is taken as 383 requires it), and
 *   - a placement for adoption with the current foster carer (PLACE A3/A5): DfE, "where a child is
 *     subsequently placed for adoption with their existing foster carers, then this is not counted
 *     as a placement change", and the long-term measure counts "their adoptive placement together
 *     with their previous placement";
 * - RNE L, U, B: the same carer (L changes only the legal status; U and B change the placement but
 *   "carer(s) remained the same").
 */
export function episodeSteps<E extends CohortEpisode>(episodes: readonly E[]): EpisodeStep<E>[] {
  const dated = episodes.filter((e): e is E & { DECOM: string } => e.DECOM !== null).sort(byDate);
  const steps: EpisodeStep<E>[] = [];
  let maxDec: string | null | undefined; // undefined: no episode yet; null: one still open
  // the latest non-temporary episode of the current period of care (null: none held, or the period began in a temporary one)
  let base: (E & { DECOM: string }) | null = null;
  for (let i = 0; i < dated.length; i++) {
    const e = dated[i]!;
    const prev = dated[i - 1];
    const careStart = maxDec === undefined || (maxDec !== null && e.DECOM > maxDec);
    const returnsToCarer =
      !careStart &&
      prev !== undefined &&
      isTemporary(prev) &&
      !isTemporary(e) &&
      (base === null || (base.PLACE === e.PLACE && base.PLACE_PROVIDER === e.PLACE_PROVIDER && base.URN === e.URN));
    const carerChange =
      careStart ||
      (has(CARER_CHANGING_RNE, e.RNE) &&
        !isTemporary(e) &&
        !returnsToCarer &&
        !has(ADOPTION_WITH_CURRENT_CARER, e.PLACE));
    steps.push({ episode: e, careStart, returnsToCarer, carerChange, nextDecom: dated[i + 1]?.DECOM ?? null });
    if (maxDec === undefined) maxDec = e.DEC;
    else if (maxDec !== null) maxDec = e.DEC === null ? null : e.DEC > maxDec ? e.DEC : maxDec;
    if (!isTemporary(e)) base = e;
    else if (careStart) base = null;
  }
  return steps;
}

const openOn = (e: CohortEpisode & { DECOM: string }, day: string) => e.DECOM <= day && (e.DEC === null || e.DEC > day);
const openInYear = (e: CohortEpisode & { DECOM: string }, y: CohortYear) =>
  e.DECOM <= y.end && (e.DEC === null || e.DEC >= y.start);

/**
 * "Looked after at 31 March". DfE: "Numbers ... are based on children looked after on 31 March each
 * year and exclude children looked after under an agreed series of short term placements." An
 * episode open at 31 March whose legal status is not V3/V4.
 */
export function lookedAfterAt31March(steps: readonly EpisodeStep[], y: CohortYear): boolean {
  return steps.some((s) => openOn(s.episode, y.end) && !isShortBreak(s.episode));
}

/** Looked after on some day of the year (an episode open between 1 April and 31 March), short breaks excluded. */
export function lookedAfterInYear(steps: readonly EpisodeStep[], y: CohortYear): boolean {
  return steps.some((s) => openInYear(s.episode, y) && !isShortBreak(s.episode));
}

/**
 * "Looked after continuously for 12 months at 31 March" (the OC2 cohort). DfE: "children who had
 * been looked after continuously for at least 12 months at 31 March, excluding those children in
 * respite care (V3/V4)". Worked out from the episodes, not from the presence of an OC2 row: looked
 * after on 1 April Y-1 (an episode in the year starting on or before it, so a child who entered on
 * 1 April Y-1 has been looked after 12 months at 31 March), no break up to 31 March (every episode
 * in the year that ends on or before 31 March ends with REC X1, "episode ceases and new episode
 * begins on same day", and the next episode starts that day), and no short break (V3/V4) in the year.
 */
export function lookedAfter12Months(steps: readonly EpisodeStep[], y: CohortYear): boolean {
  const inYear = steps.filter((s) => openInYear(s.episode, y));
  if (inYear.length === 0 || inYear[0]!.episode.DECOM > y.start) return false;
  return inYear.every(
    (s) =>
      !isShortBreak(s.episode) &&
      (s.episode.DEC === null || s.episode.DEC > y.end || (s.episode.REC === 'X1' && s.nextDecom === s.episode.DEC)),
  );
}

/** A placement, for counting: not temporary, not a short break, and at least a day long ("placements of 24 hours or more"). */
const isPlacement = (e: CohortEpisode & { DECOM: string }) =>
  !isTemporary(e) && !isShortBreak(e) && (e.DEC === null || e.DEC > e.DECOM);

/**
 * "Placements in the year" (3+ placements). DfE: "All placements of 24 hours or more of children
 * that were looked after on 31 March during the previous year are counted ... Any placements that
 * were already open on 1 April at the beginning of the year and any which were open on 31 March at
 * the end of the year are included. Where a child is subsequently placed for adoption with their
 * existing foster carers, then this is not counted as a placement change" (LAIT, LACStable_2016on).
 * Counted over the episodes open in the year that are placements (not T0-T4, not V3/V4, DEC > DECOM):
 * the first of them (held on 1 April, or at entry) counts whatever its RNE; each later one counts
 * when the carer changes at it (episodeSteps): so B and U (same carer), L (legal status only), a
 * temporary stay and the return from it to the same carer, and an adoption placement with the
 * current foster carer do not count. B/U rule: DfE records a change of placement with the same
 * carer as B or U precisely so it is not counted as a placement change (the foster carer who
 * becomes the adopter is DfE's own example); we follow that.
 */
export function placementsInYear(steps: readonly EpisodeStep[], y: CohortYear): number {
  const placements = steps.filter((s) => openInYear(s.episode, y) && isPlacement(s.episode));
  const changes = placements.filter((s) => s.carerChange);
  const first = placements[0];
  const firstChange = changes[0];
  const extra = first && (firstChange === undefined || first.episode.DECOM < firstChange.episode.DECOM) ? 1 : 0;
  return changes.length + extra;
}

/** Start of the current period of care at 31 March (the latest episode starting a period of care), or null. */
export function careStartDate(steps: readonly EpisodeStep[], y: CohortYear): string | null {
  let d: string | null = null;
  for (const s of steps) if (s.careStart && s.episode.DECOM <= y.end) d = s.episode.DECOM;
  return d;
}

/** Since when the child has lived with the carer held at 31 March (the latest carer change), or null. */
export function carerStartDate(steps: readonly EpisodeStep[], y: CohortYear): string | null {
  let d: string | null = null;
  for (const s of steps) if (s.carerChange && s.episode.DECOM <= y.end) d = s.episode.DECOM;
  return d;
}

/** Under 16 at 31 March Y: born after 31 March Y-16 (a child whose 16th birthday is 31 March is 16). */
export const under16At31March = (dob: string | null, y: CohortYear) => dob !== null && dob > `${y.year - 16}-03-31`;

/** 31 March less 30 months: 30 September Y-3. */
export const longTermCareSince = (y: CohortYear) => `${y.year - 3}-09-30`;
/** 31 March less 2 years: 31 March Y-2. */
export const longTermCarerSince = (y: CohortYear) => `${y.year - 2}-03-31`;

/**
 * The long-term stability cohort. DfE: "Children looked after continuously for at least 2.5 years
 * on 31 March aged under 16 years ... living with the same carer for at least 2 years" ("or are
 * placed for adoption and their adoptive placement together with their previous placement, last for
 * at least 2 years"). Denominator: looked after at 31 March, under 16 then, whose current period of
 * care began on or before 30 September Y-3. Numerator: of those, whose carer (see episodeSteps)
 * dates from on or before 31 March Y-2. The steps must hold the child's history (earlier returns).
 */
export function longTermStability(
  steps: readonly EpisodeStep[],
  dob: string | null,
  y: CohortYear,
): { cohort: boolean; sameCarer: boolean } {
  const careSince = careStartDate(steps, y);
  const cohort =
    lookedAfterAt31March(steps, y) &&
    under16At31March(dob, y) &&
    careSince !== null &&
    careSince <= longTermCareSince(y);
  const carerSince = carerStartDate(steps, y);
  return { cohort, sameCarer: cohort && carerSince !== null && carerSince <= longTermCarerSince(y) };
}
