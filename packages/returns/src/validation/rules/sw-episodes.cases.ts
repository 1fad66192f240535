import type { RuleCase } from '../testing';
import { ep } from './episodes-fields.cases';

const s = (over: Record<string, string> = {}) => ({
  CHILD: '1',
  DOB: '01/01/2012',
  SW_ID: 'SW1',
  SW_DECOM: '01/05/2024',
  SW_DEC: '',
  SW_REASON: 'MANAGE',
  ...over,
});

export const swEpisodeCases: RuleCase[] = [
  { code: 'SW04STG1', name: 'valid start', given: { swEpisodes: [s()] }, expect: [] },
  {
    code: 'SW04STG1',
    name: 'text start',
    given: { swEpisodes: [s({ SW_DECOM: 'x' })] },
    expect: ['swEpisodes:2:SW_DECOM'],
  },
  { code: 'SW05STG1', name: 'blank end', given: { swEpisodes: [s()] }, expect: [] },
  {
    code: 'SW05STG1',
    name: '32 December',
    given: { swEpisodes: [s({ SW_DEC: '32/12/2024' })] },
    expect: ['swEpisodes:2:SW_DEC'],
  },
  {
    code: 'SW13STG1',
    name: 'valid reason; blank left to SW03STG1',
    given: { swEpisodes: [s(), s({ SW_REASON: '' })] },
    expect: [],
  },
  {
    code: 'SW13STG1',
    name: 'SWLAZY',
    given: { swEpisodes: [s({ SW_REASON: 'SWLAZY' })] },
    expect: ['swEpisodes:2:SW_REASON'],
  },
  {
    code: 'SW03STG1',
    name: 'complete; reason may be blank on the episode carried in from last year',
    given: { swEpisodes: [s({ SW_DECOM: '01/01/2024', SW_DEC: '01/05/2024', SW_REASON: '' }), s({ SW_ID: 'SW2' })] },
    expect: [],
  },
  {
    code: 'SW03STG1',
    name: 'blank SW_ID; blank reason on an episode that began in the year',
    given: { swEpisodes: [s({ SW_ID: '' }), s({ CHILD: '2', SW_REASON: '' })] },
    expect: ['swEpisodes:2:SW_ID', 'swEpisodes:3:SW_REASON'],
  },
  { code: 'SW06STG2', name: 'starts on 31 March', given: { swEpisodes: [s({ SW_DECOM: '31/03/2025' })] }, expect: [] },
  {
    code: 'SW06STG2',
    name: 'starts after the year',
    given: { swEpisodes: [s({ SW_DECOM: '01/04/2025' })] },
    expect: ['swEpisodes:2:SW_DECOM'],
  },
  {
    code: 'SW07STG2',
    name: 'ends on 1 April',
    given: { swEpisodes: [s({ SW_DECOM: '01/01/2024', SW_DEC: '01/04/2024' })] },
    expect: [],
  },
  {
    code: 'SW07STG2',
    name: 'ended before the year; ends after it',
    given: { swEpisodes: [s({ SW_DECOM: '01/01/2024', SW_DEC: '31/03/2024' }), s({ SW_DEC: '01/04/2025' })] },
    expect: ['swEpisodes:2:SW_DEC', 'swEpisodes:3:SW_DEC'],
  },
  {
    code: 'SW10STG2',
    name: 'next worker starts the day the last one ended',
    given: { swEpisodes: [s({ SW_DEC: '01/06/2024' }), s({ SW_ID: 'SW2', SW_DECOM: '01/06/2024' })] },
    expect: [],
  },
  {
    code: 'SW10STG2',
    name: 'overlap; and a previous episode never ended',
    given: {
      swEpisodes: [
        s({ SW_DEC: '01/06/2024' }),
        s({ SW_ID: 'SW2', SW_DECOM: '15/05/2024' }),
        s({ CHILD: '2' }),
        s({ CHILD: '2', SW_ID: 'SW3', SW_DECOM: '01/07/2024' }),
      ],
    },
    expect: ['swEpisodes:3:SW_DECOM', 'swEpisodes:5:SW_DECOM'],
  },
  {
    code: 'SW01STG1',
    name: 'looked after at 31 March with a social worker',
    given: { episodes: [ep()], swEpisodes: [s()] },
    expect: [],
  },
  {
    code: 'SW01STG1',
    name: 'not checked before 2023-24',
    year: 2023,
    given: { episodes: [ep({ DECOM: '01/05/2022' })] },
    expect: [],
  },
  {
    code: 'SW01STG1',
    name: 'no social worker table at all (one CONT-TABLES error instead)',
    given: { episodes: [ep()] },
    expect: [],
  },
  {
    code: 'SW01STG1',
    name: 'looked after at 31 March, no social worker',
    given: { episodes: [ep(), ep({ CHILD: '2' })], swEpisodes: [{ CHILD: '2', SW_ID: 'SW1', SW_DECOM: '01/05/2024' }] },
    expect: ['episodes:2:DEC'],
  },
  {
    // DfE's 31 March cohort excludes children looked after under an agreed series of short-term
    // placements: child 2 (short breaks V3, one open at 31 March) and child 3 (V4) need no social
    // worker episode; child 4, in regular care at 31 March after a short break, does.
    code: 'SW01STG1',
    name: 'short breaks only (V3/V4) are not looked after at 31 March',
    given: {
      episodes: [
        ep(),
        ep({ CHILD: '2', DECOM: '01/05/2024', DEC: '03/05/2024', LS: 'V3', PLACE: 'K1', REC: 'E13' }),
        ep({ CHILD: '2', DECOM: '28/03/2025', LS: 'V3', PLACE: 'K1' }),
        ep({ CHILD: '3', DECOM: '01/03/2025', LS: 'V4', PLACE: 'K1' }),
        ep({ CHILD: '4', DECOM: '01/05/2024', DEC: '03/05/2024', LS: 'V3', PLACE: 'K1', REC: 'E13' }),
        ep({ CHILD: '4', DECOM: '01/06/2024' }),
      ],
      swEpisodes: [s()],
    },
    expect: ['episodes:7:DEC'],
  },
];
