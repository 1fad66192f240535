import { REASON_PLACED_CEASED } from '../../ssda903/codes';
import { codeListRule, dateRule, rowRule, type Ssda903Rule } from '../ssda903-rule';

/** Placed for adoption: read by long-term stability (an adoptive placement with the same carer). */
export const adoptionRules: Ssda903Rule[] = [
  dateRule({
    code: '115',
    table: 'placedAdoption',
    field: 'DATE_PLACED',
    required: true,
    message: "Date of Local Authority's (LA) decision that a child should be placed for adoption is not a valid date.",
  }),
  dateRule({
    code: '116',
    table: 'placedAdoption',
    field: 'DATE_PLACED_CEASED',
    required: false,
    message:
      "Date of Local Authority's (LA) decision that a child should no longer be placed for adoption is not a valid date.",
  }),
  codeListRule({
    code: '120',
    table: 'placedAdoption',
    field: 'REASON_PLACED_CEASED',
    list: REASON_PLACED_CEASED,
    blank: 'allowed',
    message:
      'The reason for the reversal of the decision that the child should be placed for adoption code is not valid.',
  }),
  rowRule({
    code: '119',
    table: 'placedAdoption',
    column: 'REASON_PLACED_CEASED',
    fields: ['DATE_PLACED_CEASED', 'REASON_PLACED_CEASED'],
    message:
      'If the decision is made that a child should no longer be placed for adoption, then the date of this decision and the reason why this decision was made must be completed.',
    test: (p) => {
      if (p.invalid?.DATE_PLACED_CEASED !== undefined) return false;
      if (p.DATE_PLACED_CEASED !== null && p.REASON_PLACED_CEASED === null)
        return 'The date is given but the reason is blank.';
      if (p.DATE_PLACED_CEASED === null && p.REASON_PLACED_CEASED !== null)
        return 'The reason is given but the date is blank.';
      return false;
    },
  }),
];
