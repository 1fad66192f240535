import type { RuleCase } from '../testing';
import { ep } from './episodes-fields.cases';

/** First episode 01/05/2024 - 01/06/2024 ending X1 (a new episode begins), placement U1 at AB1 2CD. */
const first = (over: Record<string, string> = {}) =>
  ep({ DEC: '01/06/2024', REC: 'X1', PL_POST: 'AB1 2CD', URN: 'SC1', REASON_PLACE_CHANGE: 'CARPL', ...over });
/** The episode after it, same day, placement U4 at CD3 4EF. */
const next = (over: Record<string, string> = {}) =>
  ep({ DECOM: '01/06/2024', RNE: 'P', PLACE: 'U4', PL_POST: 'CD3 4EF', URN: 'SC2', ...over });

export const episodeChainCases: RuleCase[] = [
  { code: '142', name: 'previous episode ended', given: { episodes: [first(), next()] }, expect: [] },
  {
    code: '142',
    name: 'previous episode still open',
    given: { episodes: [first({ DEC: '', REC: '' }), next()] },
    expect: ['episodes:2:DEC'],
  },
  { code: '501', name: 'starts the day the last ended', given: { episodes: [first(), next()] }, expect: [] },
  {
    code: '501',
    name: 'starts before the last ended (file out of date order)',
    given: { episodes: [next({ DECOM: '25/05/2024' }), first()] },
    expect: ['episodes:2:DECOM'],
  },
  { code: '431', name: 'continuation is not S', given: { episodes: [first(), next()] }, expect: [] },
  {
    code: '431',
    name: 'S the day an X1 episode ended',
    given: { episodes: [first(), next({ RNE: 'S' })] },
    expect: ['episodes:3:RNE'],
  },
  {
    code: '432',
    name: 'new period of care starts with S',
    given: { episodes: [first({ REC: 'E11' }), next({ DECOM: '10/06/2024', RNE: 'S' })] },
    expect: [],
  },
  {
    code: '432',
    name: 'left care, then P',
    given: { episodes: [first({ REC: 'E11' }), next({ DECOM: '10/06/2024' })] },
    expect: ['episodes:3:RNE'],
  },
  { code: '433', name: 'continuation the same day', given: { episodes: [first(), next()] }, expect: [] },
  {
    code: '433',
    name: 'continuation four days later',
    given: { episodes: [first(), next({ DECOM: '05/06/2024' })] },
    expect: ['episodes:3:DECOM'],
  },
  {
    code: '434',
    name: 'L: legal status changed, placement kept',
    given: { episodes: [first(), next({ RNE: 'L', LS: 'C1', PLACE: 'U1', PL_POST: 'AB1 2CD', URN: 'SC1' })] },
    expect: [],
  },
  {
    code: '434',
    name: 'L but legal status unchanged; L but placement moved',
    given: {
      episodes: [
        first(),
        next({ RNE: 'L', PLACE: 'U1', PL_POST: 'AB1 2CD', URN: 'SC1' }),
        first({ CHILD: '2' }),
        next({ CHILD: '2', RNE: 'L', LS: 'C1' }),
      ],
    },
    expect: ['episodes:3:RNE', 'episodes:5:RNE'],
  },
  { code: '435', name: 'P: placement moved, legal status kept', given: { episodes: [first(), next()] }, expect: [] },
  {
    code: '435',
    name: 'P with a new legal status; B with nothing changed',
    given: {
      episodes: [
        first(),
        next({ LS: 'C1' }),
        first({ CHILD: '2' }),
        next({ CHILD: '2', RNE: 'B', PLACE: 'U1', PL_POST: 'AB1 2CD', URN: 'SC1' }),
      ],
    },
    expect: ['episodes:3:RNE', 'episodes:5:RNE'],
  },
  { code: '436', name: 'T: both changed', given: { episodes: [first(), next({ RNE: 'T', LS: 'C1' })] }, expect: [] },
  {
    code: '436',
    name: 'T with legal status unchanged',
    given: { episodes: [first(), next({ RNE: 'T' })] },
    expect: ['episodes:3:RNE'],
  },
  { code: '225', name: 'reason recorded', given: { episodes: [first(), next()] }, expect: [] },
  {
    code: '225',
    name: 'move into a temporary placement needs none',
    given: { episodes: [first({ REASON_PLACE_CHANGE: '' }), next({ PLACE: 'T1' })] },
    expect: [],
  },
  {
    code: '225',
    name: 'placement changed, no reason',
    given: { episodes: [first({ REASON_PLACE_CHANGE: '' }), next()] },
    expect: ['episodes:2:REASON_PLACE_CHANGE'],
  },
  {
    code: '226',
    name: 'temporary placement without reason',
    given: { episodes: [first({ REASON_PLACE_CHANGE: '' }), next({ PLACE: 'T1' })] },
    expect: [],
  },
  {
    code: '226',
    name: 'reason on a temporary placement and on the episode before one',
    given: { episodes: [first(), next({ PLACE: 'T1', REASON_PLACE_CHANGE: 'OTHER' })] },
    expect: ['episodes:2:REASON_PLACE_CHANGE', 'episodes:3:REASON_PLACE_CHANGE'],
  },
  {
    code: '357',
    name: 'first episode in the year is S; first episode before the year may be anything',
    given: { episodes: [ep(), ep({ CHILD: '2', DECOM: '01/05/2023', RNE: 'P' })] },
    expect: [],
  },
  {
    code: '357',
    name: 'first episode in the year is P',
    given: { episodes: [ep({ RNE: 'P' })] },
    expect: ['episodes:2:RNE'],
  },
  { code: '388', name: 'X1 followed by an episode', given: { episodes: [first(), next()] }, expect: [] },
  { code: '388', name: 'X1 with nothing after', given: { episodes: [first()] }, expect: ['episodes:2:REC'] },
  {
    code: '380',
    name: 'temporary placement mid-care',
    given: { episodes: [ep({ RNE: 'P', PLACE: 'T0' })] },
    expect: [],
  },
  { code: '380', name: 'care starts in T0', given: { episodes: [ep({ PLACE: 'T0' })] }, expect: ['episodes:2:PLACE'] },
  {
    code: '381',
    name: 'temporary placement ending X1',
    given: { episodes: [ep({ PLACE: 'T2', DEC: '01/06/2024', REC: 'X1' })] },
    expect: [],
  },
  {
    code: '381',
    name: 'care ends in T2',
    given: { episodes: [ep({ PLACE: 'T2', DEC: '01/06/2024', REC: 'E11' })] },
    expect: ['episodes:2:PLACE'],
  },
  {
    code: '302',
    name: 'first episode on the birthday',
    given: { header: [{ CHILD: '1', DOB: '01/05/2024' }], episodes: [ep()] },
    expect: [],
  },
  {
    code: '302',
    name: 'first episode before birth',
    given: { header: [{ CHILD: '1', DOB: '02/05/2024' }], episodes: [ep()] },
    expect: ['episodes:2:DECOM'],
  },
  {
    code: '352',
    name: 'starts care the day before the 18th birthday',
    given: { header: [{ CHILD: '1', DOB: '01/05/2006' }], episodes: [ep({ DECOM: '30/04/2024' })] },
    expect: [],
  },
  {
    code: '352',
    name: 'starts care on the 18th birthday',
    given: { header: [{ CHILD: '1', DOB: '01/05/2006' }], episodes: [ep()] },
    expect: ['episodes:2:DECOM'],
  },
];
