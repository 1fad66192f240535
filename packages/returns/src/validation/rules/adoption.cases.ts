import type { RuleCase } from '../testing';

const p = (over: Record<string, string> = {}) => ({
  CHILD: '1',
  DOB: '01/01/2020',
  DATE_PLACED: '01/05/2024',
  DATE_PLACED_CEASED: '',
  REASON_PLACED_CEASED: '',
  ...over,
});

export const adoptionCases: RuleCase[] = [
  { code: '115', name: 'valid', given: { placedAdoption: [p()] }, expect: [] },
  {
    code: '115',
    name: 'blank',
    given: { placedAdoption: [p({ DATE_PLACED: '' })] },
    expect: ['placedAdoption:2:DATE_PLACED'],
  },
  { code: '116', name: 'blank (decision stands)', given: { placedAdoption: [p()] }, expect: [] },
  {
    code: '116',
    name: 'a year only',
    given: { placedAdoption: [p({ DATE_PLACED_CEASED: '2024' })] },
    expect: ['placedAdoption:2:DATE_PLACED_CEASED'],
  },
  {
    code: '120',
    name: 'RD1 and blank',
    given: { placedAdoption: [p({ DATE_PLACED_CEASED: '01/06/2024', REASON_PLACED_CEASED: 'RD1' }), p()] },
    expect: [],
  },
  {
    code: '120',
    name: 'XXX',
    given: { placedAdoption: [p({ DATE_PLACED_CEASED: '01/06/2024', REASON_PLACED_CEASED: 'XXX' })] },
    expect: ['placedAdoption:2:REASON_PLACED_CEASED'],
  },
  {
    code: '119',
    name: 'date and reason together',
    given: { placedAdoption: [p({ DATE_PLACED_CEASED: '01/06/2024', REASON_PLACED_CEASED: 'RD2' })] },
    expect: [],
  },
  {
    code: '119',
    name: 'date without reason; reason without date',
    given: { placedAdoption: [p({ DATE_PLACED_CEASED: '01/06/2024' }), p({ REASON_PLACED_CEASED: 'RD2' })] },
    expect: ['placedAdoption:2:REASON_PLACED_CEASED', 'placedAdoption:3:REASON_PLACED_CEASED'],
  },
];
