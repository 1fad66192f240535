import type { RuleCase } from '../testing';

const h = (over: Record<string, string>) => ({ CHILD: '1', SEX: 'F', DOB: '01/02/2010', ETHNIC: 'WBRI', ...over });

export const headerCases: RuleCase[] = [
  { code: '101', name: 'M/F/U from 2024-25', given: { header: [h({ SEX: 'U' })] }, expect: [] },
  {
    code: '101',
    name: '1/2 no longer valid in 2024-25; blank invalid',
    given: { header: [h({ SEX: '1' }), h({ CHILD: '2', SEX: '' })] },
    expect: ['header:2:SEX', 'header:3:SEX'],
  },
  { code: '101', name: '1/2 valid before 2024-25', year: 2018, given: { header: [h({ SEX: '2' })] }, expect: [] },
  {
    code: '101',
    name: 'M invalid before 2024-25',
    year: 2018,
    given: { header: [h({ SEX: 'M' })] },
    expect: ['header:2:SEX'],
  },
  { code: '102', name: 'real dd/mm/yyyy date', given: { header: [h({ DOB: '29/02/2012' })] }, expect: [] },
  {
    code: '102',
    name: 'impossible, ISO-form and blank dates',
    given: { header: [h({ DOB: '31/02/2010' }), h({ CHILD: '2', DOB: '2010-02-01' }), h({ CHILD: '3', DOB: '' })] },
    expect: ['header:2:DOB', 'header:3:DOB', 'header:4:DOB'],
  },
  { code: '103', name: 'valid code', given: { header: [h({ ETHNIC: 'NOBT' })] }, expect: [] },
  {
    code: '103',
    name: 'lower case and blank',
    given: { header: [h({ ETHNIC: 'wbri' }), h({ CHILD: '2', ETHNIC: '' })] },
    expect: ['header:2:ETHNIC', 'header:3:ETHNIC'],
  },
  {
    code: '165',
    name: 'blank, 0 and 1',
    given: { header: [h({ MOTHER: '' }), h({ CHILD: '2', MOTHER: '1' })] },
    expect: [],
  },
  { code: '165', name: 'a spreadsheet 1.0', given: { header: [h({ MOTHER: '1.0' })] }, expect: ['header:2:MOTHER'] },
  { code: '301', name: 'born on the last day of the year', given: { header: [h({ DOB: '31/03/2025' })] }, expect: [] },
  {
    code: '301',
    name: 'born after the year ended',
    given: { header: [h({ DOB: '01/04/2025' })] },
    expect: ['header:2:DOB'],
  },
  {
    code: '351',
    name: '25th birthday on the first day of the year',
    given: { header: [h({ DOB: '01/04/1999' })] },
    expect: [],
  },
  {
    code: '351',
    name: '25th birthday the day before the year began',
    given: { header: [h({ DOB: '31/03/1999' })] },
    expect: ['header:2:DOB'],
  },
];
