import type { RuleCase } from '../testing';

const m = (MIS_START: string, MIS_END = '', MISSING = 'M', CHILD = '1') => ({
  CHILD,
  DOB: '01/01/2010',
  MISSING,
  MIS_START,
  MIS_END,
});

export const missingCases: RuleCase[] = [
  { code: '1004', name: 'valid start', given: { missing: [m('01/05/2024')] }, expect: [] },
  { code: '1004', name: 'ISO start date', given: { missing: [m('2024-05-01')] }, expect: ['missing:2:MIS_START'] },
  { code: '1005', name: 'blank end (still missing)', given: { missing: [m('01/05/2024')] }, expect: [] },
  {
    code: '1005',
    name: 'end written as text',
    given: { missing: [m('01/05/2024', 'soon')] },
    expect: ['missing:2:MIS_END'],
  },
  {
    code: '1006',
    name: 'M and A',
    given: { missing: [m('01/05/2024', '', 'M'), m('01/06/2024', '', 'A', '2')] },
    expect: [],
  },
  {
    code: '1006',
    name: 'X and blank',
    given: { missing: [m('01/05/2024', '', 'X'), m('01/06/2024', '', '', '2')] },
    expect: ['missing:2:MISSING', 'missing:3:MISSING'],
  },
  {
    code: '564',
    name: 'start given; unreadable start is left to 1004',
    given: { missing: [m('01/05/2024'), m('May', '', 'M', '2')] },
    expect: [],
  },
  { code: '564', name: 'start blank', given: { missing: [m('')] }, expect: ['missing:2:MIS_START'] },
  { code: '567', name: 'ends the day it began', given: { missing: [m('01/05/2024', '01/05/2024')] }, expect: [] },
  {
    code: '567',
    name: 'ends before it began',
    given: { missing: [m('01/05/2024', '30/04/2024')] },
    expect: ['missing:2:MIS_END'],
  },
  { code: '570', name: 'starts on 31 March', given: { missing: [m('31/03/2025')] }, expect: [] },
  {
    code: '570',
    name: 'starts after the year',
    given: { missing: [m('01/04/2025')] },
    expect: ['missing:2:MIS_START'],
  },
  {
    code: '574',
    name: 'one period ends the day the next begins',
    given: { missing: [m('10/05/2024', '12/05/2024'), m('01/05/2024', '10/05/2024')] },
    expect: [],
  },
  {
    code: '574',
    name: 'overlapping; and a new period while one is open',
    given: {
      missing: [
        m('01/05/2024', '10/05/2024'),
        m('05/05/2024', '06/05/2024'),
        m('01/06/2024', '', 'M', '2'),
        m('03/06/2024', '04/06/2024', 'M', '2'),
      ],
    },
    expect: ['missing:3:MIS_START', 'missing:5:MIS_START'],
  },
];
