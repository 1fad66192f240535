import type { RuleCase } from '../testing';

const o = (over: Record<string, string> = {}) => ({
  CHILD: '1',
  DOB: '01/04/2007',
  IN_TOUCH: 'YES',
  ACTIV: 'F1',
  ACCOM: 'B1',
  ...over,
});

export const oc3Cases: RuleCase[] = [
  { code: '131', name: 'valid', given: { oc3: [o({ IN_TOUCH: 'RHOM' })] }, expect: [] },
  {
    code: '131',
    name: 'MAYBE and blank',
    given: { oc3: [o({ IN_TOUCH: 'MAYBE' }), o({ IN_TOUCH: '' })] },
    expect: ['oc3:2:IN_TOUCH', 'oc3:3:IN_TOUCH'],
  },
  { code: '132', name: 'F3 before 2022-23', year: 2018, given: { oc3: [o({ ACTIV: 'F3' })] }, expect: [] },
  { code: '132', name: 'F4 from 2022-23', given: { oc3: [o({ ACTIV: 'F4' })] }, expect: [] },
  { code: '132', name: 'F3 from 2022-23', given: { oc3: [o({ ACTIV: 'F3' })] }, expect: ['oc3:2:ACTIV'] },
  { code: '133', name: 'valid and 0', given: { oc3: [o({ ACCOM: 'Z2' }), o({ ACCOM: '0' })] }, expect: [] },
  { code: '133', name: '01 is not 0', given: { oc3: [o({ ACCOM: '01' })] }, expect: ['oc3:2:ACCOM'] },
  {
    code: '153',
    name: 'all coded; all blank',
    given: { oc3: [o(), o({ IN_TOUCH: '', ACTIV: '', ACCOM: '' })] },
    expect: [],
  },
  { code: '153', name: 'accommodation blank', given: { oc3: [o({ ACCOM: '' })] }, expect: ['oc3:2:ACCOM'] },
  {
    code: '391',
    name: '17th birthday on 1 April; 21st birthday on 1 April',
    given: { oc3: [o(), o({ CHILD: '2', DOB: '01/04/2003' })] },
    expect: [],
  },
  {
    code: '391',
    name: '17th birthday after the year; 21st birthday before it',
    given: { oc3: [o({ DOB: '01/04/2008' }), o({ CHILD: '2', DOB: '31/03/2003' })] },
    expect: ['oc3:2:DOB', 'oc3:3:DOB'],
  },
];
