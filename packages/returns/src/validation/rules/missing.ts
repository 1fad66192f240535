import { MISSING } from '../../ssda903/codes';
import type { Finding } from '../registry';
import { codeListRule, d, dateRule, rowRule, type Ssda903Rule } from '../ssda903-rule';
import { groupBy } from '../context';

export const missingRules: Ssda903Rule[] = [
  dateRule({
    code: '1004',
    table: 'missing',
    field: 'MIS_START',
    required: false,
    message:
      'The start date of the missing episode or episode that the child was away from placement without authorisation is not a valid date.',
  }),
  dateRule({
    code: '1005',
    table: 'missing',
    field: 'MIS_END',
    required: false,
    message:
      'The end date of the missing episode or episode that the child was away from placement without authorisation is not a valid date.',
  }),
  codeListRule({
    code: '1006',
    table: 'missing',
    field: 'MISSING',
    list: MISSING,
    blank: 'error',
    message: 'Missing type invalid.',
  }),
  rowRule({
    code: '564',
    table: 'missing',
    column: 'MIS_START',
    fields: ['MISSING', 'MIS_START'],
    message: 'Child was missing or away from placement without authorisation and the date started is blank.',
    test: (m) => m.MIS_START === null && m.invalid?.MIS_START === undefined && 'Give the date the period began.',
  }),
  rowRule({
    code: '567',
    table: 'missing',
    column: 'MIS_END',
    fields: ['MIS_END', 'MIS_START'],
    message:
      'The date that the missing episode or episode that the child was away from placement without authorisation ended is before the date that it started.',
    test: (m) =>
      m.MIS_START !== null && m.MIS_END !== null && m.MIS_END < m.MIS_START && `It started on ${d(m.MIS_START)}.`,
  }),
  rowRule({
    code: '570',
    table: 'missing',
    column: 'MIS_START',
    message:
      'The date that the child started to be missing or away from placement without authorisation is after the end of the collection year.',
    test: (m, ctx) => m.MIS_START !== null && m.MIS_START > ctx.period.end && `The year ended on ${d(ctx.period.end)}.`,
  }),
  {
    code: '574',
    severity: 'error',
    tables: ['Missing'],
    fields: ['MIS_END', 'MIS_START'],
    message:
      'A new missing/away from placement without authorisation period cannot start when the previous missing/away from placement without authorisation period is still open. Missing/away from placement without authorisation periods should also not overlap.',
    *check(ctx): Iterable<Finding> {
      const dated = ctx.model.missing.filter((m) => m.MIS_START !== null);
      for (const periods of groupBy(dated, (m) => m.CHILD).values()) {
        periods.sort((a, b) => (a.MIS_START! < b.MIS_START! ? -1 : a.MIS_START! > b.MIS_START! ? 1 : 0));
        for (let i = 1; i < periods.length; i++) {
          const prev = periods[i - 1]!;
          const cur = periods[i]!;
          if (prev.MIS_END === null && prev.invalid?.MIS_END === undefined) {
            yield {
              at: cur,
              column: 'MIS_START',
              value: d(cur.MIS_START!),
              detail: `The period that began ${d(prev.MIS_START!)} has no end date.`,
            };
          } else if (prev.MIS_END !== null && cur.MIS_START! < prev.MIS_END) {
            yield {
              at: cur,
              column: 'MIS_START',
              value: d(cur.MIS_START!),
              detail: `The period that began ${d(prev.MIS_START!)} ended on ${d(prev.MIS_END)}.`,
            };
          }
        }
      }
    },
  },
];
