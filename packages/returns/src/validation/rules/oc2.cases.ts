import type { RuleCase } from '../testing';
import { ep } from './episodes-fields.cases';

/** Child 1 in care since 01/01/2023 (looked after 12 months at 31/03/2025); child 2 entered care on 01/06/2024. */
const header = [
  { CHILD: '1', DOB: '01/01/2012' },
  { CHILD: '2', DOB: '01/01/2012' },
];
const episodes = [ep({ DECOM: '01/01/2023' }), ep({ CHILD: '2', DECOM: '01/06/2024' })];
const complete = {
  IMMUNISATIONS: '1',
  TEETH_CHECK: '1',
  HEALTH_ASSESSMENT: '1',
  SUBSTANCE_MISUSE: '0',
  CONVICTED: '0',
};
const o = (over: Record<string, string> = {}) => ({ CHILD: '1', DOB: '01/01/2012', ...complete, ...over });

export const oc2Cases: RuleCase[] = [
  {
    code: '180',
    name: '0 to 40 and blank',
    given: { oc2: [o({ SDQ_SCORE: '40' }), o({ SDQ_SCORE: '' }), o({ SDQ_SCORE: '0' })] },
    expect: [],
  },
  {
    code: '180',
    name: '41 and text',
    given: { oc2: [o({ SDQ_SCORE: '41' }), o({ SDQ_SCORE: 'abc' })] },
    expect: ['oc2:2:SDQ_SCORE', 'oc2:3:SDQ_SCORE'],
  },
  { code: '181', name: '0/1 items', given: { oc2: [o()] }, expect: [] },
  {
    code: '181',
    name: 'CONVICTED 2, TEETH_CHECK Y',
    given: { oc2: [o({ CONVICTED: '2', TEETH_CHECK: 'Y' })] },
    expect: ['oc2:2:CONVICTED', 'oc2:2:TEETH_CHECK'],
  },
  { code: '196', name: 'valid reason', given: { oc2: [o({ SDQ_REASON: 'SDQ5' })] }, expect: [] },
  { code: '196', name: 'SDQ9', given: { oc2: [o({ SDQ_REASON: 'SDQ9' })] }, expect: ['oc2:2:SDQ_REASON'] },
  {
    code: '158',
    name: 'received with offered blank; not received with offered',
    given: {
      oc2: [
        o({ INTERVENTION_RECEIVED: '1', INTERVENTION_OFFERED: '' }),
        o({ INTERVENTION_RECEIVED: '0', INTERVENTION_OFFERED: '1' }),
      ],
    },
    expect: [],
  },
  {
    code: '158',
    name: 'received and offered both given',
    given: { oc2: [o({ INTERVENTION_RECEIVED: '1', INTERVENTION_OFFERED: '0' })] },
    expect: ['oc2:2:INTERVENTION_OFFERED'],
  },
  {
    code: '190',
    name: 'cohort child with OC2; non-cohort child with an all-blank row',
    given: { header, episodes, oc2: [o(), { CHILD: '2', DOB: '01/01/2012' }] },
    expect: [],
  },
  {
    code: '190',
    name: 'child who entered care in the year has OC2 items',
    given: { header, episodes, oc2: [o({ CHILD: '2' })] },
    expect: ['oc2:2:CHILD'],
  },
  {
    code: '190',
    name: 'a break in care, and respite (V3), both take a child out of the cohort',
    given: {
      header,
      episodes: [
        ep({ DECOM: '01/01/2023', DEC: '01/06/2024', REC: 'E11' }),
        ep({ DECOM: '10/06/2024' }),
        ep({ CHILD: '2', DECOM: '01/01/2023', LS: 'V3' }),
      ],
      oc2: [o(), o({ CHILD: '2' })],
    },
    expect: ['oc2:2:CHILD', 'oc2:3:CHILD'],
  },
  {
    code: '191',
    name: 'cohort child (continuous through an X1 change) with OC2 complete',
    given: {
      header,
      episodes: [ep({ DECOM: '01/01/2023', DEC: '01/06/2024', REC: 'X1' }), ep({ DECOM: '01/06/2024', RNE: 'P' })],
      oc2: [o()],
    },
    expect: [],
  },
  {
    code: '191',
    name: 'cohort child with IMMUNISATIONS blank; cohort child with no OC2 row',
    given: {
      header,
      episodes: [ep({ DECOM: '01/01/2023' }), ep({ CHILD: '2', DECOM: '01/04/2024' })],
      oc2: [o({ IMMUNISATIONS: '' })],
    },
    expect: ['oc2:2:IMMUNISATIONS', 'header:3:CHILD'],
  },
];
