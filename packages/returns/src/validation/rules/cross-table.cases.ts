import type { TableKey } from '../../ssda903/tables';
import type { RuleCase } from '../testing';
import { ep } from './episodes-fields.cases';

const header = [{ CHILD: '1', SEX: 'F', DOB: '01/01/2012' }];

const notInHeader: [string, TableKey][] = [
  ['INT01', 'ad1'],
  ['INT02', 'placedAdoption'],
  ['INT03', 'episodes'],
  ['INT04', 'missing'],
  ['INT05', 'oc2'],
  ['INT06', 'oc3'],
  ['INT07', 'prevPerm'],
  ['INT08', 'reviews'],
  ['INT09', 'uasc'],
  ['CONT-INT10', 'swEpisodes'],
];
const duplicated: [string, TableKey][] = [
  ['INT31', 'ad1'],
  ['INT32', 'header'],
  ['INT33', 'oc2'],
  ['INT34', 'oc3'],
  ['INT35', 'prevPerm'],
  ['INT36', 'uasc'],
];
const dobDiffers: [string, TableKey][] = [
  ['INT11', 'ad1'],
  ['INT12', 'placedAdoption'],
  ['INT13', 'missing'],
  ['INT14', 'oc2'],
  ['INT15', 'oc3'],
  ['INT16', 'prevPerm'],
  ['INT17', 'reviews'],
  ['INT18', 'uasc'],
];

export const crossTableCases: RuleCase[] = [
  { code: 'CONT-CHILD', name: 'every row has a child', given: { header, episodes: [ep()] }, expect: [] },
  {
    code: 'CONT-CHILD',
    name: 'blank CHILD on an episode',
    given: { header, episodes: [ep({ CHILD: ' ' })] },
    expect: ['episodes:2:CHILD'],
  },
  ...notInHeader.flatMap(([code, table]): RuleCase[] => [
    { code, name: `${table} child in the Header`, given: { header, [table]: [{ CHILD: '1' }] }, expect: [] },
    {
      code,
      name: `${table} child missing from the Header`,
      given: { header, [table]: [{ CHILD: '1' }, { CHILD: '9' }] },
      expect: [`${table}:3:CHILD`],
    },
  ]),
  ...duplicated.flatMap(([code, table]): RuleCase[] => [
    { code, name: `${table}: one row per child`, given: { [table]: [{ CHILD: '1' }, { CHILD: '2' }] }, expect: [] },
    {
      code,
      name: `${table}: child twice`,
      given: { [table]: [{ CHILD: '1' }, { CHILD: '2' }, { CHILD: '1' }] },
      expect: [`${table}:4:CHILD`],
    },
  ]),
  ...dobDiffers.flatMap(([code, table]): RuleCase[] => [
    {
      code,
      name: `${table}: same DOB as the Header`,
      given: { header, [table]: [{ CHILD: '1', DOB: '01/01/2012' }] },
      expect: [],
    },
    {
      code,
      name: `${table}: different DOB`,
      given: { header, [table]: [{ CHILD: '1', DOB: '02/01/2012' }] },
      expect: [`${table}:2:DOB`],
    },
  ]),
  { code: 'INT21', name: 'same sex', given: { header, uasc: [{ CHILD: '1', SEX: 'F' }] }, expect: [] },
  { code: 'INT21', name: 'different sex', given: { header, uasc: [{ CHILD: '1', SEX: 'M' }] }, expect: ['uasc:2:SEX'] },
  {
    code: 'EPI',
    name: 'child with episodes; care leaver in OC3 without',
    given: { header: [...header, { CHILD: '2' }], episodes: [ep()], oc3: [{ CHILD: '2' }] },
    expect: [],
  },
  {
    code: 'EPI',
    name: 'child with no episodes',
    given: { header: [...header, { CHILD: '2' }], episodes: [ep()] },
    expect: ['header:3:CHILD'],
  },
  {
    code: '1012',
    name: 'care leaver looked after in the year may have reviews',
    given: {
      header,
      episodes: [ep({ DEC: '01/06/2024', REC: 'E11' })],
      oc3: [{ CHILD: '1' }],
      reviews: [{ CHILD: '1', REVIEW: '10/05/2024' }],
    },
    expect: [],
  },
  {
    code: '1012',
    name: 'care leaver not looked after in the year has a review and missing period',
    given: {
      header,
      episodes: [ep({ DECOM: '01/01/2020', DEC: '01/02/2020', REC: 'E11' })],
      oc3: [{ CHILD: '1' }],
      reviews: [{ CHILD: '1', REVIEW: '10/05/2024' }],
      missing: [{ CHILD: '1', MISSING: 'M', MIS_START: '10/05/2024' }],
    },
    expect: ['reviews:2:CHILD', 'missing:2:CHILD'],
  },
  {
    code: 'CONT-NOCARE',
    name: 'reviews for a child looked after in the year',
    given: { header, episodes: [ep()], reviews: [{ CHILD: '1', REVIEW: '10/05/2024' }] },
    expect: [],
  },
  {
    code: 'CONT-NOCARE',
    name: 'review and social worker for a child who left care years ago',
    given: {
      header,
      episodes: [ep({ DECOM: '01/01/2020', DEC: '01/02/2020', REC: 'E11' })],
      reviews: [{ CHILD: '1', REVIEW: '10/05/2024' }],
      swEpisodes: [{ CHILD: '1', SW_ID: 'SW1', SW_DECOM: '01/05/2024' }],
    },
    expect: ['reviews:2:CHILD', 'swEpisodes:2:CHILD'],
  },
  {
    code: 'CONT-TABLES',
    name: 'Header and Episodes before 2023-24',
    year: 2023,
    given: { header, episodes: [] },
    expect: [],
  },
  {
    code: 'CONT-TABLES',
    name: 'Header, Episodes and SWEpisodes from 2023-24',
    given: { header, episodes: [], swEpisodes: [] },
    expect: [],
  },
  { code: 'CONT-TABLES', name: 'only the Header in 2024-25', given: { header }, expect: [':0:', ':0:'] },
];
