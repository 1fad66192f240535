/**
 * The social work practice pilots, as reference data (data, not logic).
 *
 * Sources: DOMAIN.md "Pilots"; DfE research report RR233 (Stanley et al., 2012, "Social work practices:
 * report of the national evaluation", covering December 2009 to March 2012); Community Care reporting
 * (December 2008 announcement of the six first-wave councils; Sandwell's withdrawal in July 2010).
 *
 * Council codes are DfE 3-digit codes, checked against data/reference/la_code_lookup_derived_from_ees.csv
 * at load time by name (`loadReference` fails if a code and name disagree).
 *
 * The public sources held do not give the practices' trading names nor their model (partnership,
 * third-sector, private company; RR233 anonymises them as SWP A..E), so names are descriptive and the
 * model is left null: "not recorded in the sources held".
 */

export interface PilotWave {
  wave: number;
  name: string;
  startYear: number;
  /** The date its practices are taken to have started. */
  started: string;
  description: string;
}

export interface PilotCouncil {
  wave: number;
  code: string;
  /** The council's name exactly as in the lookup file. */
  name: string;
  withdrew?: string;
  note?: string;
}

export interface PilotPractice {
  id: string;
  name: string;
  wave: number;
  councils: readonly string[];
  ended?: string;
}

export const pilotWaves: readonly PilotWave[] = [
  {
    wave: 1,
    name: 'First wave',
    startYear: 2009,
    // RR233's evaluation starts in December 2009, when the first-wave practices began taking cases.
    started: '2009-12-01',
    description:
      'Six councils announced in December 2008; practices running from December 2009 (RR233 evaluates December 2009 to March 2012).',
  },
  {
    wave: 2,
    name: 'Second wave',
    startYear: 2011,
    // Assumption: the sources held say only "2011"; the start of the 2011/12 school year is taken.
    started: '2011-09-01',
    description:
      'Second wave from 2011: Bristol, North Tyneside with Northumberland, Peterborough (two practices), South Tyneside, Wakefield, Warwickshire with Coventry.',
  },
];

export const pilotCouncils: readonly PilotCouncil[] = [
  { wave: 1, code: '889', name: 'Blackburn with Darwen' },
  { wave: 1, code: '312', name: 'Hillingdon' },
  { wave: 1, code: '886', name: 'Kent' },
  { wave: 1, code: '341', name: 'Liverpool' },
  // The month is known (July 2010), not the day: the first is recorded.
  { wave: 1, code: '333', name: 'Sandwell', withdrew: '2010-07-01', note: 'withdrew July 2010' },
  { wave: 1, code: '860', name: 'Staffordshire' },
  { wave: 2, code: '801', name: 'Bristol, City of' },
  { wave: 2, code: '392', name: 'North Tyneside' },
  { wave: 2, code: '929', name: 'Northumberland' },
  { wave: 2, code: '874', name: 'Peterborough' },
  { wave: 2, code: '393', name: 'South Tyneside' },
  { wave: 2, code: '384', name: 'Wakefield' },
  { wave: 2, code: '937', name: 'Warwickshire' },
  { wave: 2, code: '331', name: 'Coventry' },
];

/** One practice per pilot council, except the shared ones and Peterborough's two. */
export const pilotPractices: readonly PilotPractice[] = [
  { id: 'swp-blackburn-with-darwen', name: 'Blackburn with Darwen social work practice', wave: 1, councils: ['889'] },
  { id: 'swp-hillingdon', name: 'Hillingdon social work practice', wave: 1, councils: ['312'] },
  { id: 'swp-kent', name: 'Kent social work practice', wave: 1, councils: ['886'] },
  { id: 'swp-liverpool', name: 'Liverpool social work practice', wave: 1, councils: ['341'] },
  { id: 'swp-sandwell', name: 'Sandwell social work practice', wave: 1, councils: ['333'], ended: '2010-07-01' },
  { id: 'swp-staffordshire', name: 'Staffordshire social work practice', wave: 1, councils: ['860'] },
  { id: 'swp-bristol', name: 'Bristol social work practice', wave: 2, councils: ['801'] },
  {
    id: 'swp-north-tyneside-northumberland',
    name: 'North Tyneside and Northumberland social work practice',
    wave: 2,
    councils: ['392', '929'],
  },
  { id: 'swp-peterborough-a', name: 'Peterborough social work practice A', wave: 2, councils: ['874'] },
  { id: 'swp-peterborough-b', name: 'Peterborough social work practice B', wave: 2, councils: ['874'] },
  { id: 'swp-south-tyneside', name: 'South Tyneside social work practice', wave: 2, councils: ['393'] },
  { id: 'swp-wakefield', name: 'Wakefield social work practice', wave: 2, councils: ['384'] },
  {
    id: 'swp-warwickshire-coventry',
    name: 'Warwickshire and Coventry social work practice',
    wave: 2,
    councils: ['937', '331'],
  },
];
