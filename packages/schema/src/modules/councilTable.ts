/**
 * councilTable (issue 16): LAIT's table of every council for one indicator and year, from DfE's
 * published figures (public: the same table, ranks and quartiles for every signed-in viewer), with
 * each figure's 95% interval, its neighbours' median and a "significantly better / worse than
 * England" flag. One SQL statement for the figures (council-table.ts in @continuity/indicators) and
 * one for the indicator.
 */
import {
  councilTable,
  trendOf,
  valueInterval,
  versusEngland,
  type CouncilTableRow as RowShape,
  type Significance as SignificanceValue,
  type Trend as TrendValue,
} from '@continuity/indicators';
import { builder, signedInType } from '../builder';
import { guard } from '../context';
import { badInput } from '../errors';
import type { IndicatorRow } from '../providers/catalogue';
import { Indicator } from './indicators';

const Significance = builder.enumType('Significance', {
  description: "The council's 95% interval against England's value.",
  values: {
    BETTER: { value: 'better', description: "England's value lies outside the interval, on the worse side." },
    WORSE: { value: 'worse', description: "England's value lies outside the interval, on the better side." },
    SIMILAR: { value: 'similar', description: "England's value lies inside the interval: no difference beyond chance." },
  } as const,
});

const Trend = builder.enumType('Trend', {
  description: 'Direction over three years (two before, last, this); which direction is good is the polarity.',
  values: {
    RISING: { value: 'rising' },
    FALLING: { value: 'falling' },
    STEADY: { value: 'steady' },
    MIXED: { value: 'mixed', description: 'Up one year, down the other.' },
  } as const,
});

const IntervalMethod = builder.enumType('IntervalMethod', {
  values: {
    WILSON: { value: 'wilson', description: 'Wilson score interval.' },
    EXACT: { value: 'exact', description: 'Clopper-Pearson exact interval (small denominators).' },
  } as const,
});

interface IntervalShape {
  lower: number;
  upper: number;
  method: 'wilson' | 'exact';
}

const ValueInterval = builder.objectRef<IntervalShape>('ValueInterval').implement({
  ...signedInType,
  description: "A 95% confidence interval on the indicator's scale, from the figure's numerator and denominator.",
  fields: (t) => ({
    lower: t.exposeFloat('lower'),
    upper: t.exposeFloat('upper'),
    method: t.expose('method', { type: IntervalMethod }),
  }),
});

type Row = RowShape & { interval: IntervalShape | null; versusEngland: SignificanceValue | null; trend: TrendValue | null };

const CouncilTableRow = builder.objectRef<Row>('CouncilTableRow').implement({
  ...signedInType,
  fields: (t) => ({
    code: t.exposeID('code', { description: "DfE's 3-digit code." }),
    name: t.exposeString('name'),
    regionCode: t.exposeString('regionCode'),
    lastPeriod: t.exposeInt('lastPeriod', { nullable: true, description: "The council's last reporting year in DfE's tables, if recorded." }),
    value: t.exposeFloat('value', { nullable: true, description: 'As published; null when suppressed (symbol says why).' }),
    numerator: t.exposeFloat('numerator', { nullable: true }),
    denominator: t.exposeFloat('denominator', { nullable: true }),
    symbol: t.exposeString('symbol', { nullable: true }),
    rank: t.exposeInt('rank', { nullable: true, description: "LAIT's rank among the councils with a published value (1 = best; ties share)." }),
    rankOutOf: t.exposeInt('rankOutOf', { nullable: true }),
    quartile: t.exposeInt('quartile', { nullable: true, description: "LAIT's quartile band: 1 (A, best) .. 4 (D)." }),
    previous: t.exposeFloat('previous', { nullable: true, description: 'Published value the year before.' }),
    change: t.float({
      nullable: true,
      description: 'value - previous, in the units of the value.',
      resolve: (r) => (r.value === null || r.previous === null ? null : r.value - r.previous),
    }),
    trend: t.field({ type: Trend, nullable: true, description: 'Null without three years of values.', resolve: (r) => r.trend }),
    interval: t.field({
      type: ValueInterval,
      nullable: true,
      description: 'Null for a suppressed figure and for units that are not a proportion (ratios, scores).',
      resolve: (r) => r.interval,
    }),
    versusEngland: t.field({ type: Significance, nullable: true, resolve: (r) => r.versusEngland }),
    neighbourCodes: t.exposeIDList('neighbours', { description: 'Statistical neighbours (latest model), closest first; each is a row of this table.' }),
    neighbourMedian: t.exposeFloat('neighbourMedian', { nullable: true, description: "Median of the neighbours' published values this year." }),
    neighboursWithValue: t.exposeInt('neighboursWithValue'),
  }),
});

interface EnglandShape {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  symbol: string | null;
  interval: IntervalShape | null;
}

const TableEngland = builder.objectRef<EnglandShape>('CouncilTableEngland').implement({
  ...signedInType,
  fields: (t) => ({
    value: t.exposeFloat('value', { nullable: true }),
    numerator: t.exposeFloat('numerator', { nullable: true }),
    denominator: t.exposeFloat('denominator', { nullable: true }),
    symbol: t.exposeString('symbol', { nullable: true }),
    interval: t.field({ type: ValueInterval, nullable: true, resolve: (e) => e.interval }),
  }),
});

interface TableShape {
  indicator: IndicatorRow;
  period: number;
  england: EnglandShape | null;
  rows: Row[];
}

const CouncilTable = builder.objectRef<TableShape>('CouncilTable').implement({
  ...signedInType,
  description: "DfE's published figures for every council, one indicator and year, ranked by LAIT's method.",
  fields: (t) => ({
    indicator: t.field({ type: Indicator, resolve: (s) => s.indicator }),
    period: t.exposeInt('period'),
    england: t.field({ type: TableEngland, nullable: true, resolve: (s) => s.england }),
    rows: t.field({ type: [CouncilTableRow], description: 'By rank (unranked last), then name.', resolve: (s) => s.rows }),
  }),
});

builder.queryFields((t) => ({
  councilTable: t.field({
    type: CouncilTable,
    description: "Every council for one indicator and year (DfE's published figures), as LAIT tabulates them, with intervals and neighbours.",
    args: { indicatorId: t.arg.id({ required: true }), period: t.arg.int({ required: true }) },
    complexity: 20,
    resolve: async (_root, args, ctx) => {
      guard(ctx);
      const indicator = await Indicator.getDataloader(ctx).load(String(args.indicatorId));
      if (!indicator) throw badInput(`Unknown indicator: ${args.indicatorId}`);
      if (!Number.isInteger(args.period) || args.period < 1990 || args.period > 2100) throw badInput('period: a year between 1990 and 2100');
      guard(ctx);
      const table = await councilTable(ctx.database, indicator.id, args.period);
      const england = table.england ? { ...table.england, interval: valueInterval(table.england, indicator) } : null;
      return {
        indicator,
        period: table.period,
        england,
        rows: table.rows.map((row) => {
          const interval = valueInterval(row, indicator);
          return {
            ...row,
            interval,
            versusEngland: versusEngland(interval, england?.value ?? null, indicator.polarity),
            trend: trendOf(row.twoBefore, row.previous, row.value),
          };
        }),
      };
    },
  }),
}));
