import { addYears } from '../../dates';
import { ETHNIC, SEX, ZERO_ONE } from '../../ssda903/codes';
import { codeListRule, d, dateRule, rowRule, type Ssda903Rule } from '../ssda903-rule';

export const headerRules: Ssda903Rule[] = [
  codeListRule({
    code: '101',
    table: 'header',
    field: 'SEX',
    list: SEX,
    blank: 'error',
    message: 'Gender code is not valid.',
  }),
  dateRule({
    code: '102',
    table: 'header',
    field: 'DOB',
    required: true,
    message: 'Date of birth is not a valid date.',
  }),
  codeListRule({
    code: '103',
    table: 'header',
    field: 'ETHNIC',
    list: ETHNIC,
    blank: 'error',
    message: 'The ethnicity code is either not valid or has not been entered.',
  }),
  // DfE's 165 also asks for MOTHER on every girl looked after; we check only that a given value is a code.
  codeListRule({
    code: '165',
    table: 'header',
    field: 'MOTHER',
    list: ZERO_ONE,
    blank: 'allowed',
    message: 'Data entry for mother status is invalid.',
  }),
  rowRule({
    code: '301',
    table: 'header',
    column: 'DOB',
    message: 'Date of birth falls after the year ended.',
    test: (h, ctx) => h.DOB !== null && h.DOB > ctx.period.end && `The year ended on ${d(ctx.period.end)}.`,
  }),
  rowRule({
    code: '351',
    table: 'header',
    column: 'DOB',
    message: 'Child was over 25 at the start of the current collection year.',
    test: (h, ctx) =>
      h.DOB !== null && addYears(h.DOB, 25) < ctx.period.start && `The year started on ${d(ctx.period.start)}.`,
  }),
];
