import { cswwXml, worker } from '../validation/testing';

export interface CswwCase {
  code: string;
  name: string;
  /** The council the return is loaded for, when the case needs one. */
  council?: string;
  xml: string;
  expect: string[];
}

const one = (over: Record<string, string | null>) => cswwXml({ workers: [worker(over)] });
const ok = cswwXml({ workers: [worker()] });
const codeLists: [string, string][] = [
  ['CSWW-W20', 'GenderCurrent'],
  ['CSWW-W21', 'Ethnicity'],
  ['CSWW-W22', 'QualLevel'],
  ['CSWW-W23', 'StepUpGrad'],
  ['CSWW-W24', 'StartOrigin'],
  ['CSWW-W25', 'LeaverDestination'],
  ['CSWW-W26', 'FrontlineGrad'],
  ['CSWW-W27', 'CFKSSstatus'],
];
const validCode: Record<string, string> = {
  GenderCurrent: '9',
  Ethnicity: 'WBRI',
  QualLevel: '2',
  StepUpGrad: '1',
  StartOrigin: '10',
  LeaverDestination: '9',
  FrontlineGrad: '0',
  CFKSSstatus: '4',
};

export const cswwCases: CswwCase[] = [
  { code: 'CSWW-H01', name: '3-digit LEA', xml: ok, expect: [] },
  {
    code: 'CSWW-H01',
    name: '2 digits',
    xml: cswwXml({ lea: '88', workers: [worker()] }),
    expect: ['census.xml:0:LEA'],
  },
  { code: 'CSWW-H01', name: 'missing', xml: cswwXml({ lea: null, workers: [worker()] }), expect: ['census.xml:0:LEA'] },
  { code: 'CSWW-H01', name: "the council's own code", council: '886', xml: ok, expect: [] },
  { code: 'CSWW-H01', name: "another council's code", council: '312', xml: ok, expect: ['census.xml:0:LEA'] },
  { code: 'CSWW-H02', name: 'year and census date agree', xml: ok, expect: [] },
  {
    code: 'CSWW-H02',
    name: 'last year, and 29 September',
    xml: cswwXml({ year: '2023', referenceDate: '2024-09-29', workers: [worker()] }),
    expect: ['census.xml:0:Year', 'census.xml:0:ReferenceDate'],
  },
  { code: 'CSWW-V01', name: 'vacancies given', xml: ok, expect: [] },
  {
    code: 'CSWW-V01',
    name: 'negative, text and blank',
    xml: cswwXml({
      la: { NumberOfVacancies: '-1.00', NoAgencyFTE: 'abc', NoAgencyHeadcount: '' },
      workers: [worker()],
    }),
    expect: ['census.xml:0:NumberOfVacancies', 'census.xml:0:NoAgencyFTE', 'census.xml:0:NoAgencyHeadcount'],
  },
  {
    code: 'CSWW-V01',
    name: 'LALevelVacancies missing',
    xml: cswwXml({ la: null, workers: [worker()] }),
    expect: ['census.xml:0:LALevelVacancies'],
  },
  { code: 'CSWW-W01', name: 'agency 1', xml: one({ AgencyWorker: '1' }), expect: [] },
  {
    code: 'CSWW-W01',
    name: '2 and missing',
    xml: cswwXml({ workers: [worker({ AgencyWorker: '2' }), worker({ AgencyWorker: null })] }),
    expect: ['census.xml:1:AgencyWorker', 'census.xml:2:AgencyWorker'],
  },
  { code: 'CSWW-W02', name: 'two letters, ten digits', xml: one({ SWENo: 'zz0000000001' }), expect: [] },
  { code: 'CSWW-W02', name: 'too short', xml: one({ SWENo: 'A12' }), expect: ['census.xml:1:SWENo'] },
  {
    code: 'CSWW-W03',
    name: 'distinct numbers',
    xml: cswwXml({ workers: [worker(), worker({ SWENo: 'AB0000000000' })] }),
    expect: [],
  },
  {
    code: 'CSWW-W03',
    name: 'same number twice',
    xml: cswwXml({ workers: [worker(), worker({ SWENo: 'ab1234567890' })] }),
    expect: ['census.xml:2:SWENo'],
  },
  {
    code: 'CSWW-W04',
    name: '0, 1 and 6 decimals',
    xml: cswwXml({ workers: [worker({ FTE: '0' }), worker({ FTE: '0.123456' })] }),
    expect: [],
  },
  {
    code: 'CSWW-W04',
    name: 'over 1, 7 decimals, text',
    xml: cswwXml({ workers: [worker({ FTE: '1.5' }), worker({ FTE: '0.1234567' }), worker({ FTE: 'full' })] }),
    expect: ['census.xml:1:FTE', 'census.xml:2:FTE', 'census.xml:3:FTE'],
  },
  { code: 'CSWW-W05', name: 'FTE30 in range', xml: one({ FTE30: '0.5' }), expect: [] },
  { code: 'CSWW-W05', name: 'negative FTE30', xml: one({ FTE30: '-0.1' }), expect: ['census.xml:1:FTE30'] },
  { code: 'CSWW-W06', name: 'senior manager', xml: one({ OrgRole: '1' }), expect: [] },
  { code: 'CSWW-W06', name: 'role 7', xml: one({ OrgRole: '7' }), expect: ['census.xml:1:OrgRole'] },
  { code: 'CSWW-W07', name: 'ISO dates', xml: one({ PersonBirthDate: '1990-02-28' }), expect: [] },
  {
    code: 'CSWW-W07',
    name: 'dd/mm/yyyy and 30 February',
    xml: one({ RoleStartDate: '01/01/2020', PersonBirthDate: '1990-02-30' }),
    expect: ['census.xml:1:PersonBirthDate', 'census.xml:1:RoleStartDate'],
  },
  {
    code: 'CSWW-W08',
    name: 'ends after it starts',
    xml: one({ RoleEndDate: '2024-01-01', ReasonLeave: '1' }),
    expect: [],
  },
  {
    code: 'CSWW-W08',
    name: 'ends before it starts',
    xml: one({ RoleEndDate: '2019-12-31', ReasonLeave: '1' }),
    expect: ['census.xml:1:RoleEndDate'],
  },
  { code: 'CSWW-W09', name: 'starts on the census date', xml: one({ RoleStartDate: '2024-09-30' }), expect: [] },
  {
    code: 'CSWW-W09',
    name: 'starts after it',
    xml: one({ RoleStartDate: '2024-10-01' }),
    expect: ['census.xml:1:RoleStartDate'],
  },
  {
    code: 'CSWW-W10',
    name: 'left on the census date',
    xml: one({ RoleEndDate: '2024-09-30', ReasonLeave: '1' }),
    expect: [],
  },
  {
    code: 'CSWW-W10',
    name: 'leaves after it',
    xml: one({ RoleEndDate: '2024-10-01', ReasonLeave: '1' }),
    expect: ['census.xml:1:RoleEndDate'],
  },
  {
    code: 'CSWW-W11',
    name: 'not yet collected',
    xml: one({ RoleEndDate: '2024-01-01', ReasonLeave: '10' }),
    expect: [],
  },
  {
    code: 'CSWW-W11',
    name: 'reason 11',
    xml: one({ RoleEndDate: '2024-01-01', ReasonLeave: '11' }),
    expect: ['census.xml:1:ReasonLeave'],
  },
  {
    code: 'CSWW-W12',
    name: 'leaver with a reason',
    xml: one({ RoleEndDate: '2024-01-01', ReasonLeave: '5' }),
    expect: [],
  },
  {
    code: 'CSWW-W12',
    name: 'leaver without a reason',
    xml: one({ RoleEndDate: '2024-01-01' }),
    expect: ['census.xml:1:ReasonLeave'],
  },
  { code: 'CSWW-W13', name: 'no end date, no reason', xml: ok, expect: [] },
  {
    code: 'CSWW-W13',
    name: 'reason without an end date',
    xml: one({ ReasonLeave: '1' }),
    expect: ['census.xml:1:ReasonLeave'],
  },
  { code: 'CSWW-W14', name: '0 cases', xml: one({ Cases30: '0' }), expect: [] },
  {
    code: 'CSWW-W14',
    name: 'fraction and negative',
    xml: cswwXml({ workers: [worker({ Cases30: '1.5' }), worker({ Cases30: '-1' })] }),
    expect: ['census.xml:1:Cases30', 'census.xml:2:Cases30'],
  },
  { code: 'CSWW-W15', name: 'two decimals', xml: one({ WorkingDaysLost: '12.25' }), expect: [] },
  {
    code: 'CSWW-W15',
    name: 'three decimals and negative',
    xml: cswwXml({ workers: [worker({ WorkingDaysLost: '1.234' }), worker({ WorkingDaysLost: '-1' })] }),
    expect: ['census.xml:1:WorkingDaysLost', 'census.xml:2:WorkingDaysLost'],
  },
  { code: 'CSWW-W16', name: '253 days', xml: one({ WorkingDaysLost: '253' }), expect: [] },
  {
    code: 'CSWW-W16',
    name: '254 days',
    xml: one({ WorkingDaysLost: '254' }),
    expect: ['census.xml:1:WorkingDaysLost'],
  },
  { code: 'CSWW-W17', name: 'absent', xml: one({ Absat30Sept: '1' }), expect: [] },
  { code: 'CSWW-W17', name: 'absent 2', xml: one({ Absat30Sept: '2' }), expect: ['census.xml:1:Absat30Sept'] },
  { code: 'CSWW-W18', name: 'sick leave', xml: one({ Absat30Sept: '1', ReasonAbsence: 'SIC' }), expect: [] },
  {
    code: 'CSWW-W18',
    name: 'XXX',
    xml: one({ Absat30Sept: '1', ReasonAbsence: 'XXX' }),
    expect: ['census.xml:1:ReasonAbsence'],
  },
  { code: 'CSWW-W19', name: 'reason when absent', xml: one({ Absat30Sept: '1', ReasonAbsence: 'SIC' }), expect: [] },
  {
    code: 'CSWW-W19',
    name: 'reason when not absent',
    xml: one({ Absat30Sept: '0', ReasonAbsence: 'SIC' }),
    expect: ['census.xml:1:ReasonAbsence'],
  },
  ...codeLists.flatMap(([code, field]): CswwCase[] => [
    { code, name: `${field} valid`, xml: one({ [field]: validCode[field]! }), expect: [] },
    { code, name: `${field} Z`, xml: one({ [field]: 'Z' }), expect: [`census.xml:1:${field}`] },
  ]),
  { code: 'CSWW-W28', name: 'institution given', xml: ok, expect: [] },
  { code: 'CSWW-W28', name: 'institution missing', xml: one({ QualInst: null }), expect: ['census.xml:1:QualInst'] },
];
