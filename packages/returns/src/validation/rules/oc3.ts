import { addYears } from '../../dates';
import { ACCOM, ACTIV, IN_TOUCH } from '../../ssda903/codes';
import type { Finding } from '../registry';
import { codeListRule, d, rowRule, type Ssda903Rule } from '../ssda903-rule';

/** Care leavers are followed up around their 17th to 21st birthdays: one of them must fall in the year. */
const CARE_LEAVER_AGES = [17, 18, 19, 20, 21];

export const oc3Rules: Ssda903Rule[] = [
  codeListRule({
    code: '131',
    table: 'oc3',
    field: 'IN_TOUCH',
    list: IN_TOUCH,
    blank: 'error',
    message: 'Data entry for being in touch after leaving care is invalid.',
  }),
  codeListRule({
    code: '132',
    table: 'oc3',
    field: 'ACTIV',
    list: ACTIV,
    blank: 'allowed',
    message: 'Data entry for activity after leaving care is invalid.',
  }),
  codeListRule({
    code: '133',
    table: 'oc3',
    field: 'ACCOM',
    list: ACCOM,
    blank: 'allowed',
    message:
      'Data entry for accommodation after leaving care is invalid. If reporting on a childs accommodation after leaving care the data entry must be valid',
  }),
  {
    code: '153',
    severity: 'error',
    tables: ['OC3'],
    fields: ['ACCOM', 'ACTIV', 'IN_TOUCH'],
    message:
      "All data items relating to a child's activity or accommodation after leaving care must be coded or left blank.",
    *check(ctx): Iterable<Finding> {
      for (const o of ctx.model.oc3) {
        const blank = (['IN_TOUCH', 'ACTIV', 'ACCOM'] as const).filter((c) => o[c] === null);
        if (blank.length === 1 || blank.length === 2)
          yield { at: o, column: blank[0]!, value: '', detail: `Blank: ${blank.join(', ')}.` };
      }
    },
  },
  rowRule({
    code: '391',
    table: 'oc3',
    column: 'DOB',
    fields: ['ACCOM', 'ACTIV', 'DOB', 'IN_TOUCH'],
    tables: ['OC3', 'Header'],
    message: 'Young person was not 17, 18, 19, 20 or 21 during the current collection year.',
    test: (o, ctx) => {
      const dob = ctx.headerByChild.get(o.CHILD)?.DOB ?? o.DOB;
      if (!dob) return false;
      const { start, end } = ctx.period;
      const inYear = CARE_LEAVER_AGES.some((age) => {
        const birthday = addYears(dob, age);
        return birthday >= start && birthday <= end;
      });
      return !inYear && `Born ${d(dob)}: no 17th to 21st birthday falls between ${d(start)} and ${d(end)}.`;
    },
  }),
];
