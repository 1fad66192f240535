import type { RuleCase } from '../testing';

const header = [{ CHILD: '1', DOB: '01/06/2020' }];
const r = (REVIEW: string, REVIEW_CODE: string) => ({ CHILD: '1', DOB: '01/06/2020', REVIEW, REVIEW_CODE });

export const reviewCases: RuleCase[] = [
  { code: '166', name: 'valid review date', given: { reviews: [r('01/06/2024', 'PN1')] }, expect: [] },
  {
    code: '166',
    name: 'blank and impossible dates',
    given: { reviews: [r('', 'PN1'), r('30/02/2025', 'PN1')] },
    expect: ['reviews:2:REVIEW', 'reviews:3:REVIEW'],
  },
  { code: '167', name: 'PN0 to PN7', given: { reviews: [r('01/06/2024', 'PN0'), r('01/07/2024', 'PN7')] }, expect: [] },
  {
    code: '167',
    name: 'PN8 and blank',
    given: { reviews: [r('01/06/2024', 'PN8'), r('01/07/2024', '')] },
    expect: ['reviews:2:REVIEW_CODE', 'reviews:3:REVIEW_CODE'],
  },
  {
    code: '440',
    name: 'PN0 the day before the 4th birthday',
    given: { header, reviews: [r('31/05/2024', 'PN0')] },
    expect: [],
  },
  {
    code: '440',
    name: 'PN0 on the 4th birthday',
    given: { header, reviews: [r('01/06/2024', 'PN0')] },
    expect: ['reviews:2:REVIEW_CODE'],
  },
  { code: '441', name: 'PN1 on the 4th birthday', given: { header, reviews: [r('01/06/2024', 'PN1')] }, expect: [] },
  {
    code: '441',
    name: 'PN1 the day before the 4th birthday',
    given: { header, reviews: [r('31/05/2024', 'PN1')] },
    expect: ['reviews:2:REVIEW_CODE'],
  },
  { code: 'CONT-R01', name: 'review on 31 March', given: { reviews: [r('31/03/2025', 'PN1')] }, expect: [] },
  {
    code: 'CONT-R01',
    name: 'review after the year',
    given: { reviews: [r('01/04/2025', 'PN1')] },
    expect: ['reviews:2:REVIEW'],
  },
];
