import { SDQ_REASON } from '../../ssda903/codes';
import type { Oc2Row } from '../../ssda903/tables';
import type { Finding } from '../registry';
import { codeListRule, d, rowRule, type Ssda903Rule } from '../ssda903-rule';

/** The eight yes/no items of OC2 (children looked after continuously for 12 months at 31 March). */
const ITEMS = [
  'CONVICTED',
  'HEALTH_CHECK',
  'IMMUNISATIONS',
  'TEETH_CHECK',
  'HEALTH_ASSESSMENT',
  'SUBSTANCE_MISUSE',
  'INTERVENTION_RECEIVED',
  'INTERVENTION_OFFERED',
] as const satisfies readonly (keyof Oc2Row)[];

/** Items every child in the cohort must have (191); the others depend on age or on substance misuse. */
const REQUIRED = ['IMMUNISATIONS', 'TEETH_CHECK', 'HEALTH_ASSESSMENT', 'SUBSTANCE_MISUSE'] as const;

export const oc2Rules: Ssda903Rule[] = [
  rowRule({
    code: '180',
    table: 'oc2',
    column: 'SDQ_SCORE',
    message: 'Data entry for the strengths and difficulties questionnaire (SDQ) score is invalid.',
    test: (o) =>
      o.invalid?.SDQ_SCORE !== undefined
        ? 'It must be a whole number from 0 to 40.'
        : o.SDQ_SCORE !== null && (o.SDQ_SCORE < 0 || o.SDQ_SCORE > 40) && 'It must be a whole number from 0 to 40.',
  }),
  {
    code: '181',
    severity: 'error',
    tables: ['OC2'],
    fields: ITEMS,
    message:
      'Data items relating to children looked after continuously for 12 months should be completed with a 0 or 1.',
    *check(ctx): Iterable<Finding> {
      for (const o of ctx.model.oc2) {
        for (const item of ITEMS) {
          const v = o[item];
          if (v !== null && v !== '0' && v !== '1')
            yield { at: o, column: item, value: v, detail: `${item} is "${v}".` };
        }
      }
    },
  },
  codeListRule({
    code: '196',
    table: 'oc2',
    field: 'SDQ_REASON',
    list: SDQ_REASON,
    blank: 'allowed',
    message: 'Strengths and Difficulties (SDQ) reason is not a valid code.',
  }),
  rowRule({
    code: '158',
    table: 'oc2',
    column: 'INTERVENTION_OFFERED',
    fields: ['INTERVENTION_OFFERED', 'INTERVENTION_RECEIVED'],
    message:
      'If a child has been recorded as receiving an intervention for their substance misuse problem, then the additional item on whether an intervention was offered should be left blank.',
    test: (o) => o.INTERVENTION_RECEIVED === '1' && o.INTERVENTION_OFFERED !== null && 'INTERVENTION_RECEIVED is 1.',
  }),
  rowRule({
    code: '190',
    table: 'oc2',
    column: 'CHILD',
    fields: ITEMS,
    tables: ['Episodes', 'OC2'],
    message:
      'Child has not been looked after continuously for at least 12 months at 31 March but one or more data items relating to children looked after for 12 months have been completed.',
    test: (o, ctx) =>
      !ctx.childrenLookedAfter12Months.has(o.CHILD) &&
      ITEMS.some((i) => o[i] !== null) &&
      `The episodes do not show this child looked after from ${d(ctx.period.start)} to ${d(ctx.period.end)} without a break (respite V3/V4 excluded).`,
  }),
  {
    code: '191',
    severity: 'error',
    tables: ['Episodes', 'OC2'],
    fields: ['CHILD', ...REQUIRED],
    message:
      'Child has been looked after continuously for at least 12 months at 31 March but one or more data items relating to children looked after for 12 months have been left blank.',
    *check(ctx): Iterable<Finding> {
      const oc2ByChild = new Map(ctx.model.oc2.map((o) => [o.CHILD, o] as const));
      for (const child of ctx.childrenLookedAfter12Months) {
        const o = oc2ByChild.get(child);
        if (!o) {
          const at = ctx.headerByChild.get(child) ?? ctx.episodesByChild.get(child)![0]!;
          yield { at, column: 'CHILD', value: child, detail: 'There is no OC2 row for this child.' };
          continue;
        }
        const blank = REQUIRED.filter((i) => o[i] === null);
        if (blank.length > 0) yield { at: o, column: blank[0]!, value: '', detail: `Blank: ${blank.join(', ')}.` };
      }
    },
  },
];
