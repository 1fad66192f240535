import { ageOn } from '../../dates';
import { PLACE_TEMPORARY } from '../../ssda903/codes';
import type { EpisodeRow } from '../../ssda903/tables';
import type { Ssda903Context } from '../context';
import type { Finding } from '../registry';
import { d, shown, type Ssda903Rule } from '../ssda903-rule';

/*
 * Rules over each child's sequence of episodes (in date order): ordering, overlaps, and whether the reason for
 * a new episode (RNE) agrees with what changed. These decide how placements are counted, so most are errors.
 */

type Pair = { prev: EpisodeRow; cur: EpisodeRow };

/** Consecutive pairs of a child's dated episodes. */
function* pairs(ctx: Ssda903Context): Iterable<Pair> {
  for (const eps of ctx.datedEpisodesByChild.values()) {
    for (let i = 1; i < eps.length; i++) yield { prev: eps[i - 1]!, cur: eps[i]! };
  }
}

/** The episode carries on from the one before: same day, and the one before ended with X1. */
const continues = ({ prev, cur }: Pair) => prev.DEC !== null && prev.DEC === cur.DECOM && prev.REC === 'X1';

const same = (a: string | null, b: string | null) => (a ?? '') === (b ?? '');
/** Where the child lives: placement type, provider, postcode and Ofsted URN all unchanged. */
const samePlacement = (a: EpisodeRow, b: EpisodeRow) =>
  same(a.PLACE, b.PLACE) &&
  same(a.PLACE_PROVIDER, b.PLACE_PROVIDER) &&
  same(a.PL_POST, b.PL_POST) &&
  same(a.URN, b.URN);

function pairRule(o: {
  code: string;
  severity?: 'error' | 'warning';
  fields: string[];
  message: string;
  /** Report on the earlier or the later episode of the pair. */
  on: 'prev' | 'cur';
  column: string;
  test: (p: Pair, ctx: Ssda903Context) => string | false;
}): Ssda903Rule {
  return {
    code: o.code,
    severity: o.severity ?? 'error',
    tables: ['Episodes'],
    fields: o.fields,
    message: o.message,
    *check(ctx): Iterable<Finding> {
      for (const p of pairs(ctx)) {
        const detail = o.test(p, ctx);
        if (!detail) continue;
        const at = p[o.on];
        yield { at, column: o.column, value: shown('episodes', at, o.column), detail };
      }
    },
  };
}

export const episodeChainRules: Ssda903Rule[] = [
  {
    code: '142',
    severity: 'error',
    tables: ['Episodes'],
    fields: ['DEC', 'REC'],
    message: 'A new episode has started, but the previous episode has not ended.',
    *check(ctx) {
      for (const { prev, cur } of pairs(ctx)) {
        // An unreadable DEC is reported by 147, not here.
        if (prev.DEC === null && prev.invalid?.DEC === undefined) {
          yield {
            at: prev,
            column: 'DEC',
            value: '',
            detail: `A later episode starts on ${d(cur.DECOM!)}; give this episode's end date.`,
          };
        }
      }
    },
  },
  pairRule({
    code: '501',
    fields: ['DECOM', 'DEC'],
    message: 'A new episode has started before the end date of the previous episode.',
    on: 'cur',
    column: 'DECOM',
    test: ({ prev, cur }) =>
      prev.DEC !== null && cur.DECOM! < prev.DEC && `The previous episode ended on ${d(prev.DEC)}.`,
  }),
  pairRule({
    code: '431',
    fields: ['DECOM', 'RNE'],
    message:
      'The reason for new episode is started to be looked after, but the previous episode ended on the same day.',
    on: 'cur',
    column: 'RNE',
    test: (p) =>
      p.cur.RNE === 'S' &&
      continues(p) &&
      'The previous episode ended that day with X1 (new episode begins): use L, P, T, U or B.',
  }),
  pairRule({
    code: '432',
    fields: ['RNE', 'REC'],
    message:
      'The child ceased to be looked after at the end of the previous episode but the reason for the new episode is not started to be looked after.',
    on: 'cur',
    column: 'RNE',
    test: ({ prev, cur }) =>
      prev.REC !== null &&
      prev.REC !== 'X1' &&
      cur.RNE !== null &&
      cur.RNE !== 'S' &&
      `The previous episode ended with ${prev.REC}; a new period of care must start with RNE = S.`,
  }),
  pairRule({
    code: '433',
    fields: ['DECOM', 'RNE'],
    message:
      'The reason for new episode suggests that this is a continuation episode, but the episode does not start on the same day as the last episode finished.',
    on: 'cur',
    column: 'DECOM',
    test: ({ prev, cur }) =>
      cur.RNE !== null &&
      cur.RNE !== 'S' &&
      prev.DEC !== null &&
      prev.REC === 'X1' &&
      prev.DEC !== cur.DECOM &&
      `RNE is ${cur.RNE} but the previous episode ended on ${d(prev.DEC)}.`,
  }),
  pairRule({
    code: '434',
    severity: 'warning',
    fields: ['LS', 'PLACE', 'PLACE_PROVIDER', 'PL_POST', 'RNE', 'URN'],
    message:
      "Reason for new episode is that child's legal status has changed but not the placement, but this is not reflected in the episode data.",
    on: 'cur',
    column: 'RNE',
    test: (p) => {
      if (p.cur.RNE !== 'L' || !continues(p)) return false;
      if (same(p.prev.LS, p.cur.LS)) return `The legal status stayed ${p.cur.LS ?? 'blank'}.`;
      if (!samePlacement(p.prev, p.cur)) return 'The placement (type, provider, postcode or URN) changed too.';
      return false;
    },
  }),
  pairRule({
    code: '435',
    severity: 'warning',
    fields: ['LS', 'PLACE', 'PLACE_PROVIDER', 'PL_POST', 'URN'],
    message:
      "Reason for new episode is that child's placement has changed but not the legal status, but this is not reflected in the episode data recorded.",
    on: 'cur',
    column: 'RNE',
    test: (p) => {
      if ((p.cur.RNE !== 'P' && p.cur.RNE !== 'B') || !continues(p)) return false;
      if (!same(p.prev.LS, p.cur.LS)) return `The legal status changed from ${p.prev.LS} to ${p.cur.LS}: use T or U.`;
      if (samePlacement(p.prev, p.cur)) return 'Placement type, provider, postcode and URN are all unchanged.';
      return false;
    },
  }),
  pairRule({
    code: '436',
    severity: 'warning',
    fields: ['LS', 'PLACE', 'PLACE_PROVIDER', 'PL_POST', 'RNE', 'URN'],
    message:
      "Reason for new episode is that both child's placement and legal status have changed, but this is not reflected in the episode data.",
    on: 'cur',
    column: 'RNE',
    test: (p) => {
      if ((p.cur.RNE !== 'T' && p.cur.RNE !== 'U') || !continues(p)) return false;
      if (same(p.prev.LS, p.cur.LS)) return `The legal status stayed ${p.cur.LS ?? 'blank'}.`;
      if (samePlacement(p.prev, p.cur)) return 'Placement type, provider, postcode and URN are all unchanged.';
      return false;
    },
  }),
  pairRule({
    code: '225',
    fields: ['REASON_PLACE_CHANGE'],
    message: 'Reason for placement change must be recorded.',
    on: 'prev',
    column: 'REASON_PLACE_CHANGE',
    test: ({ prev, cur }) =>
      prev.REC === 'X1' &&
      prev.REASON_PLACE_CHANGE === null &&
      cur.RNE !== null &&
      ['P', 'B', 'T', 'U'].includes(cur.RNE) &&
      !PLACE_TEMPORARY.has(prev.PLACE ?? '') &&
      !PLACE_TEMPORARY.has(cur.PLACE ?? '') &&
      `The next episode (${d(cur.DECOM!)}) changes placement (RNE ${cur.RNE}); say why this placement ended.`,
  }),
  {
    code: '226',
    severity: 'warning',
    tables: ['Episodes'],
    fields: ['PLACE', 'REASON_PLACE_CHANGE'],
    message: 'Reason for placement change is not required.',
    *check(ctx) {
      // Moving into or out of a temporary placement (T0-T4) is not a change of placement.
      for (const eps of ctx.datedEpisodesByChild.values()) {
        for (let i = 0; i < eps.length; i++) {
          const e = eps[i]!;
          if (!PLACE_TEMPORARY.has(e.PLACE ?? '')) continue;
          const before = eps[i - 1];
          if (
            before &&
            before.REASON_PLACE_CHANGE !== null &&
            before.DEC === e.DECOM &&
            !PLACE_TEMPORARY.has(before.PLACE ?? '')
          ) {
            yield {
              at: before,
              column: 'REASON_PLACE_CHANGE',
              value: before.REASON_PLACE_CHANGE,
              detail: `The next placement (${e.PLACE}) is temporary.`,
            };
          }
          if (e.REASON_PLACE_CHANGE !== null) {
            yield {
              at: e,
              column: 'REASON_PLACE_CHANGE',
              value: e.REASON_PLACE_CHANGE,
              detail: `${e.PLACE} is a temporary placement.`,
            };
          }
        }
      }
    },
  },
  {
    code: '357',
    severity: 'error',
    tables: ['Episodes'],
    fields: ['RNE'],
    message:
      'If this is the first episode ever for this child, reason for new episode must be S. Check whether there is an episode immediately preceding this one, which has been left out. If not the reason for new episode code must be amended to S.',
    *check(ctx) {
      // Only a first episode that starts within the year can be known to be the first ever.
      for (const eps of ctx.datedEpisodesByChild.values()) {
        const first = eps[0];
        if (first && first.DECOM! >= ctx.period.start && first.RNE !== 'S') {
          yield {
            at: first,
            column: 'RNE',
            value: first.RNE,
            detail: `The child's first episode starts on ${d(first.DECOM!)}.`,
          };
        }
      }
    },
  },
  {
    code: '388',
    severity: 'error',
    tables: ['Episodes'],
    fields: ['REC'],
    message: 'Reason episode ceased is coded new episode begins, but there is no continuation episode.',
    *check(ctx) {
      for (const eps of ctx.datedEpisodesByChild.values()) {
        const last = eps[eps.length - 1];
        if (last && last.REC === 'X1' && last.DEC !== null) {
          yield {
            at: last,
            column: 'REC',
            value: 'X1',
            detail: `The episode ended on ${d(last.DEC)} but no episode follows it.`,
          };
        }
      }
    },
  },
  {
    code: '380',
    severity: 'error',
    tables: ['Episodes'],
    fields: ['PLACE', 'RNE'],
    message: 'A period of care cannot start with a temporary placement.',
    *check(ctx) {
      for (const e of ctx.model.episodes) {
        if (e.RNE === 'S' && PLACE_TEMPORARY.has(e.PLACE ?? ''))
          yield { at: e, column: 'PLACE', value: e.PLACE, detail: `RNE is S and PLACE is ${e.PLACE}.` };
      }
    },
  },
  {
    code: '381',
    severity: 'error',
    tables: ['Episodes'],
    fields: ['PLACE', 'REC'],
    message: 'A period of care cannot end with a temporary placement.',
    *check(ctx) {
      for (const e of ctx.model.episodes) {
        if (e.REC !== null && e.REC !== 'X1' && PLACE_TEMPORARY.has(e.PLACE ?? '')) {
          yield { at: e, column: 'PLACE', value: e.PLACE, detail: `REC is ${e.REC} and PLACE is ${e.PLACE}.` };
        }
      }
    },
  },
  {
    code: '302',
    severity: 'error',
    tables: ['Episodes', 'Header'],
    fields: ['DECOM', 'DOB'],
    message: 'First episode starts before child was born.',
    *check(ctx) {
      for (const [child, eps] of ctx.datedEpisodesByChild) {
        const dob = ctx.headerByChild.get(child)?.DOB;
        const first = eps[0];
        if (first && dob && first.DECOM! < dob)
          yield {
            at: first,
            column: 'DECOM',
            value: d(first.DECOM!),
            detail: `The Header gives date of birth ${d(dob)}.`,
          };
      }
    },
  },
  {
    code: '352',
    severity: 'error',
    tables: ['Episodes', 'Header'],
    fields: ['DECOM', 'RNE'],
    message: 'Child who started to be looked after was aged 18 or over.',
    *check(ctx) {
      for (const e of ctx.model.episodes) {
        if (e.RNE !== 'S' || e.DECOM === null) continue;
        const dob = ctx.headerByChild.get(e.CHILD)?.DOB;
        if (dob && ageOn(dob, e.DECOM) >= 18) {
          yield {
            at: e,
            column: 'DECOM',
            value: d(e.DECOM),
            detail: `Date of birth ${d(dob)}: aged ${ageOn(dob, e.DECOM)} on that day.`,
          };
        }
      }
    },
  },
];
