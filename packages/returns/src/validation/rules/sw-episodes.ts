import { isShortBreak } from '@continuity/indicators/cohorts';
import { SW_REASON } from '../../ssda903/codes';
import { groupBy } from '../context';
import type { Finding } from '../registry';
import { codeListRule, d, dateRule, rowRule, shown, type Ssda903Rule } from '../ssda903-rule';

/*
 * Social worker episodes (a return table from 2023-24). The field checks run whenever the table is supplied;
 * SW01STG1, which expects it for every child looked after at 31 March, from 2023-24 (collection year 2024);
 * "looked after at 31 March" is the shared cohort (short breaks V3/V4 excluded, as DfE counts it), so a
 * child whose only care is short breaks needs no social worker episode.
 */
export const SW_EPISODES_FROM = 2024;

export const swEpisodeRules: Ssda903Rule[] = [
  dateRule({
    code: 'SW04STG1',
    table: 'swEpisodes',
    field: 'SW_DECOM',
    required: false,
    message: 'Date social worker episode began is not a valid date.',
  }),
  dateRule({
    code: 'SW05STG1',
    table: 'swEpisodes',
    field: 'SW_DEC',
    required: false,
    message: 'Date social worker episode ceased is not a valid date.',
  }),
  codeListRule({
    code: 'SW13STG1',
    table: 'swEpisodes',
    field: 'SW_REASON',
    list: SW_REASON,
    blank: 'allowed', // blank is judged by SW03STG1, which knows when it is allowed
    message: 'The reason for social worker change is either not valid or has not been entered.',
  }),
  {
    code: 'SW03STG1',
    severity: 'error',
    tables: ['SWEpisodes'],
    fields: ['SW_DECOM', 'SW_ID', 'SW_REASON'],
    message: 'For each social worker episode, information should be complete.',
    *check(ctx): Iterable<Finding> {
      for (const list of groupBy(ctx.model.swEpisodes, (s) => s.CHILD).values()) {
        const dated = list.filter((s) => s.SW_DECOM !== null).sort((a, b) => (a.SW_DECOM! < b.SW_DECOM! ? -1 : 1));
        // The episode already open when the year began may carry no reason: the change happened in an earlier year.
        const carriedIn = dated[0] && dated[0].SW_DECOM! < ctx.period.start ? dated[0] : undefined;
        for (const s of list) {
          if (s.SW_ID === null) yield { at: s, column: 'SW_ID', value: '', detail: 'SW_ID is blank.' };
          if (s.SW_DECOM === null && s.invalid?.SW_DECOM === undefined)
            yield { at: s, column: 'SW_DECOM', value: '', detail: 'SW_DECOM is blank.' };
          if (s.SW_REASON === null && s !== carriedIn)
            yield { at: s, column: 'SW_REASON', value: '', detail: 'SW_REASON is blank.' };
        }
      }
    },
  },
  rowRule({
    code: 'SW06STG2',
    table: 'swEpisodes',
    column: 'SW_DECOM',
    message: 'Social worker episode data should be within the social worker data reporting year.',
    test: (s, ctx) =>
      s.SW_DECOM !== null && s.SW_DECOM > ctx.period.end && `It starts after the year ended (${d(ctx.period.end)}).`,
  }),
  rowRule({
    code: 'SW07STG2',
    table: 'swEpisodes',
    column: 'SW_DEC',
    message:
      'Social worker episode end date should be on or after the start of the social worker reporting period, and should be on or before the collection end date.',
    test: (s, ctx) =>
      s.SW_DEC !== null &&
      (s.SW_DEC < ctx.period.start || s.SW_DEC > ctx.period.end) &&
      `The year runs from ${d(ctx.period.start)} to ${d(ctx.period.end)}.`,
  }),
  {
    code: 'SW10STG2',
    severity: 'error',
    tables: ['SWEpisodes'],
    fields: ['SW_DECOM'],
    message: 'A new social worker episode has started before the end date of the previous social worker episode.',
    *check(ctx): Iterable<Finding> {
      const dated = ctx.model.swEpisodes.filter((s) => s.SW_DECOM !== null);
      for (const list of groupBy(dated, (s) => s.CHILD).values()) {
        list.sort((a, b) => (a.SW_DECOM! < b.SW_DECOM! ? -1 : a.SW_DECOM! > b.SW_DECOM! ? 1 : 0));
        for (let i = 1; i < list.length; i++) {
          const prev = list[i - 1]!;
          const cur = list[i]!;
          if (prev.SW_DEC !== null && cur.SW_DECOM! < prev.SW_DEC) {
            yield {
              at: cur,
              column: 'SW_DECOM',
              value: d(cur.SW_DECOM!),
              detail: `The previous episode (${prev.SW_ID ?? '?'}) ended on ${d(prev.SW_DEC)}.`,
            };
          } else if (prev.SW_DEC === null && prev.invalid?.SW_DEC === undefined) {
            yield {
              at: cur,
              column: 'SW_DECOM',
              value: d(cur.SW_DECOM!),
              detail: `The previous episode (${prev.SW_ID ?? '?'}, from ${d(prev.SW_DECOM!)}) has no end date.`,
            };
          }
        }
      }
    },
  },
  {
    code: 'SW01STG1',
    severity: 'error',
    tables: ['Episodes', 'SWEpisodes'],
    fields: ['DEC'],
    years: { from: SW_EPISODES_FROM },
    message: 'Child looked after on 31 March, but no social worker episode information is reported',
    *check(ctx): Iterable<Finding> {
      // A return without the table at all gets one CONT-TABLES error, not one of these per child.
      if (!ctx.model.sources.some((s) => s.table === 'swEpisodes')) return;
      const withSw = new Set(ctx.model.swEpisodes.map((s) => s.CHILD));
      for (const child of ctx.childrenLookedAfterAtEnd) {
        if (withSw.has(child)) continue;
        const { end } = ctx.period;
        // the episode that puts the child in the 31 March cohort: open then and not a short break (V3/V4)
        const open = ctx.datedEpisodesByChild
          .get(child)!
          .find((e) => e.DECOM! <= end && (e.DEC === null || e.DEC > end) && !isShortBreak(e))!;
        yield {
          at: open,
          column: 'DEC',
          value: shown('episodes', open, 'DEC'),
          detail: `The episode from ${d(open.DECOM!)} is open at ${d(ctx.period.end)}.`,
        };
      }
    },
  },
];
