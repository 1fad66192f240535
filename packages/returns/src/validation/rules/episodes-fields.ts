import { daysBetween } from '../../dates';
import { CIN, LS, PLACE, PLACE_PROVIDER, REASON_PLACE_CHANGE, REC, RNE } from '../../ssda903/codes';
import { codeListRule, d, dateRule, rowRule, type Ssda903Rule } from '../ssda903-rule';

/** Episode fields one row at a time: types, code lists, and dates against the collection year. */
export const episodeFieldRules: Ssda903Rule[] = [
  dateRule({
    code: '141',
    table: 'episodes',
    field: 'DECOM',
    required: true,
    message: 'Date episode began is not a valid date.',
  }),
  codeListRule({
    code: '143',
    table: 'episodes',
    field: 'RNE',
    list: RNE,
    blank: 'error',
    message: 'The reason for new episode code is not a valid code.',
  }),
  codeListRule({
    code: '144',
    table: 'episodes',
    field: 'LS',
    list: LS,
    blank: 'error',
    message: 'The legal status code is not a valid code.',
  }),
  codeListRule({
    code: '145',
    table: 'episodes',
    field: 'CIN',
    list: CIN,
    blank: 'error',
    message: 'Category of need code is not a valid code.',
  }),
  codeListRule({
    code: '146',
    table: 'episodes',
    field: 'PLACE',
    list: PLACE,
    blank: 'error',
    message: 'Placement type code is not a valid code.',
  }),
  dateRule({
    code: '147',
    table: 'episodes',
    field: 'DEC',
    required: false,
    message: 'Date episode ceased is not a valid date.',
  }),
  codeListRule({
    code: '149',
    table: 'episodes',
    field: 'REC',
    list: REC,
    blank: 'allowed',
    message: 'Reason episode ceased code is not valid.',
  }),
  codeListRule({
    code: '178',
    table: 'episodes',
    field: 'PLACE_PROVIDER',
    list: PLACE_PROVIDER,
    blank: 'allowed',
    message: 'Placement provider code is not a valid code.',
  }),
  codeListRule({
    code: '1009',
    table: 'episodes',
    field: 'REASON_PLACE_CHANGE',
    list: REASON_PLACE_CHANGE,
    blank: 'allowed',
    message: 'Reason for placement change is not a valid code.',
  }),
  rowRule({
    code: '148',
    table: 'episodes',
    column: 'REC',
    fields: ['DEC', 'REC'],
    message: 'Date episode ceased and reason episode ceased must both be coded, or both left blank.',
    test: (e) => {
      if (e.invalid?.DEC !== undefined) return false; // 147 reports the date itself
      if (e.DEC === null && e.REC !== null)
        return `REC is ${e.REC} but DEC is blank: give the date the episode ended, or clear REC if it is still open.`;
      if (e.DEC !== null && e.REC === null)
        return `DEC is ${d(e.DEC)} but REC is blank: give the reason the episode ended.`;
      return false;
    },
  }),
  rowRule({
    code: '356',
    table: 'episodes',
    column: 'DEC',
    fields: ['DECOM', 'DEC'],
    message: 'The date the episode ceased is before the date the same episode started.',
    test: (e) => e.DEC !== null && e.DECOM !== null && e.DEC < e.DECOM && `It started on ${d(e.DECOM)}.`,
  }),
  rowRule({
    code: '354',
    table: 'episodes',
    column: 'DECOM',
    message: 'Date episode began must be on or before the end of the current collection year.',
    test: (e, ctx) =>
      e.DECOM !== null && e.DECOM > ctx.period.end && `The ${ctx.period.label} year ended on ${d(ctx.period.end)}.`,
  }),
  rowRule({
    code: '385',
    table: 'episodes',
    column: 'DEC',
    message: 'Date episode ceased must be on or before the end of the current collection year.',
    test: (e, ctx) =>
      e.DEC !== null && e.DEC > ctx.period.end && `The ${ctx.period.label} year ended on ${d(ctx.period.end)}.`,
  }),
  ...(
    [
      [
        '361',
        'L1',
        3,
        'Police protection legal status lasted longer than maximum 72 hours allowed in the Children Act 1989.',
      ],
      ['362', 'L2', 21, 'Emergency protection order (EPO) lasted longer than 21 days.'],
      ['363', 'L3', 7, 'Child assessment order (CAO) lasted longer than 7 days allowed in the Children Act 1989.'],
    ] as const
  ).map(([code, ls, maxDays, message]) =>
    rowRule({
      code,
      table: 'episodes',
      column: 'DEC',
      fields: ['DECOM', 'DEC', 'LS'],
      severity: 'warning',
      message,
      test: (e, ctx) => {
        if (e.LS !== ls || e.DECOM === null) return false;
        // An episode still open at the year end has lasted at least until then.
        const until = e.DEC ?? ctx.period.end;
        const days = daysBetween(e.DECOM, until);
        return (
          days > maxDays &&
          `Legal status ${ls} from ${d(e.DECOM)} ${e.DEC ? `to ${d(e.DEC)}` : 'still open at the year end'}: ${days} days.`
        );
      },
    }),
  ),
];
