import { ageOn } from '../../dates';
import { REVIEW_CODE } from '../../ssda903/codes';
import type { ReviewRow } from '../../ssda903/tables';
import type { Ssda903Context } from '../context';
import { codeListRule, d, dateRule, rowRule, type Ssda903Rule } from '../ssda903-rule';

/** The child's date of birth: the Header's, else the one repeated on the review row. */
const dob = (r: ReviewRow, ctx: Ssda903Context) => ctx.headerByChild.get(r.CHILD)?.DOB ?? r.DOB;

/** Age at the review, when both dates are known. */
function ageAtReview(r: ReviewRow, ctx: Ssda903Context): number | null {
  const born = dob(r, ctx);
  return born && r.REVIEW ? ageOn(born, r.REVIEW) : null;
}

export const reviewRules: Ssda903Rule[] = [
  dateRule({
    code: '166',
    table: 'reviews',
    field: 'REVIEW',
    required: true,
    message: 'Date of review is invalid or blank.',
  }),
  codeListRule({
    code: '167',
    table: 'reviews',
    field: 'REVIEW_CODE',
    list: REVIEW_CODE,
    blank: 'error',
    message: 'Data entry for participation is invalid or blank.',
  }),
  rowRule({
    code: '440',
    table: 'reviews',
    column: 'REVIEW_CODE',
    fields: ['DOB', 'REVIEW', 'REVIEW_CODE'],
    message:
      'Participation method indicates child was under 4 years old at the time of the review, but date of birth and review date indicates the child was 4 years old or over.',
    test: (r, ctx) => {
      const age = ageAtReview(r, ctx);
      return (
        r.REVIEW_CODE === 'PN0' &&
        age !== null &&
        age >= 4 &&
        `Born ${d(dob(r, ctx)!)}, aged ${age} on ${d(r.REVIEW!)}: use PN1 to PN7.`
      );
    },
  }),
  rowRule({
    code: '441',
    table: 'reviews',
    column: 'REVIEW_CODE',
    fields: ['DOB', 'REVIEW', 'REVIEW_CODE'],
    message:
      'Participation method indicates child was 4 years old or over at the time of the review, but the date of birth and review date indicates the child was under 4 years old.',
    test: (r, ctx) => {
      const age = ageAtReview(r, ctx);
      return (
        r.REVIEW_CODE !== null &&
        /^PN[1-7]$/.test(r.REVIEW_CODE) &&
        age !== null &&
        age < 4 &&
        `Born ${d(dob(r, ctx)!)}, aged ${age} on ${d(r.REVIEW!)}: use PN0.`
      );
    },
  }),
  rowRule({
    code: 'CONT-R01',
    table: 'reviews',
    column: 'REVIEW',
    message: 'Date of review is after the end of the collection year: a review cannot be reported before it happens.',
    test: (r, ctx) =>
      r.REVIEW !== null && r.REVIEW > ctx.period.end && `The ${ctx.period.label} year ended on ${d(ctx.period.end)}.`,
  }),
];
