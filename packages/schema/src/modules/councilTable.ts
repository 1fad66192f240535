/**
 * councilTable (issue 16): LAIT's table of every council for one indicator and year, from DfE's
 * published figures (public: the same table, ranks and quartiles for every signed-in viewer), with
 * each figure's 95% interval, its neighbours' median and a "significantly better / worse than
 * England" flag. One SQL statement for the figures (council-table.ts in @continuity/indicators) and
 * one for the indicator.
 */
import {
  councilFunnel,
  councilTable,
  funnelPosition,
  type CouncilFunnel as FunnelShape,
  type FunnelCurvePoint as CurvePointShape,
  type FunnelPosition as FunnelPositionValue,
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
    SIMILAR: {
      value: 'similar',
      description: "England's value lies inside the interval: no difference beyond chance.",
    },
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

type Row = RowShape & {
  interval: IntervalShape | null;
  versusEngland: SignificanceValue | null;
  trend: TrendValue | null;
  funnel: FunnelPositionValue | null;
};

const FunnelPosition = builder.enumType('FunnelPosition', {
  description: "Where a council's figure falls against the funnel's limits at its own denominator.",
  values: {
    ABOVE_998: { value: 'above_998', description: 'Above the upper 99.8% limit.' },
    ABOVE_95: { value: 'above_95', description: 'Between the upper 95% and 99.8% limits.' },
    WITHIN: { value: 'within', description: 'Within the 95% limits.' },
    BELOW_95: { value: 'below_95', description: 'Between the lower 95% and 99.8% limits.' },
    BELOW_998: { value: 'below_998', description: 'Below the lower 99.8% limit.' },
  } as const,
});

const FunnelLimit = builder.objectRef<CurvePointShape>('FunnelLimit').implement({
  ...signedInType,
  description: "The control limits at one denominator, on the indicator's scale.",
  fields: (t) => ({
    denominator: t.exposeFloat('denominator'),
    lower95: t.exposeFloat('lower95'),
    upper95: t.exposeFloat('upper95'),
    lower998: t.exposeFloat('lower998'),
    upper998: t.exposeFloat('upper998'),
  }),
});

const CouncilFunnel = builder.objectRef<FunnelShape>('CouncilFunnel').implement({
  ...signedInType,
  description:
    "A funnel plot (Spiegelhalter 2005) of the councils' published figures around England's: 95% and 99.8% limits by denominator, widened by the additive (tau squared) method when the councils vary more than chance.",
  fields: (t) => ({
    target: t.exposeFloat('target', { description: "England's figure." }),
    phi: t.float({
      description: 'Winsorised mean squared z-score (1: as chance alone).',
      resolve: (f) => f.overdispersion.phi,
    }),
    tau2: t.float({
      description: 'Between-council variance (proportion scale) the additive method adds.',
      resolve: (f) => f.overdispersion.tau2,
    }),
    overdispersed: t.boolean({ resolve: (f) => f.overdispersion.present }),
    adjusted: t.boolean({
      description: 'The limits are widened by tau squared.',
      resolve: (f) => f.adjustment === 'additive',
    }),
    councils: t.int({
      description: 'Councils placed (published numerator and denominator).',
      resolve: (f) => f.overdispersion.units,
    }),
    limits: t.field({ type: [FunnelLimit], resolve: (f) => f.curve }),
  }),
});

const CouncilTableRow = builder.objectRef<Row>('CouncilTableRow').implement({
  ...signedInType,
  fields: (t) => ({
    code: t.exposeID('code', { description: "DfE's 3-digit code." }),
    name: t.exposeString('name'),
    regionCode: t.exposeString('regionCode'),
    lastPeriod: t.exposeInt('lastPeriod', {
      nullable: true,
      description: "The council's last reporting year in DfE's tables, if recorded.",
    }),
    former: t.exposeBoolean('former', {
      description: 'A council since reorganised away: its last year is before the latest any council has.',
    }),
    value: t.exposeFloat('value', {
      nullable: true,
      description: 'As published; null when suppressed (symbol says why).',
    }),
    numerator: t.exposeFloat('numerator', { nullable: true }),
    denominator: t.exposeFloat('denominator', { nullable: true }),
    symbol: t.exposeString('symbol', { nullable: true }),
    rank: t.exposeInt('rank', {
      nullable: true,
      description: "LAIT's rank among the councils with a published value (1 = best; ties share).",
    }),
    rankOutOf: t.exposeInt('rankOutOf', { nullable: true }),
    quartile: t.exposeInt('quartile', { nullable: true, description: "LAIT's quartile band: 1 (A, best) .. 4 (D)." }),
    previous: t.exposeFloat('previous', { nullable: true, description: 'Published value the year before.' }),
    change: t.float({
      nullable: true,
      description: 'value - previous, in the units of the value.',
      resolve: (r) => (r.value === null || r.previous === null ? null : r.value - r.previous),
    }),
    trend: t.field({
      type: Trend,
      nullable: true,
      description: 'Null without three years of values.',
      resolve: (r) => r.trend,
    }),
    interval: t.field({
      type: ValueInterval,
      nullable: true,
      description: 'Null for a suppressed figure and for units that are not a proportion (ratios, scores).',
      resolve: (r) => r.interval,
    }),
    versusEngland: t.field({ type: Significance, nullable: true, resolve: (r) => r.versusEngland }),
    funnel: t.field({
      type: FunnelPosition,
      nullable: true,
      description: 'Null when the council is not on the funnel.',
      resolve: (r) => r.funnel,
    }),
    neighbourCodes: t.exposeIDList('neighbours', {
      description: 'Statistical neighbours (latest model), closest first; each is a row of this table.',
    }),
    neighbourMedian: t.exposeFloat('neighbourMedian', {
      nullable: true,
      description: "Median of the neighbours' published values this year.",
    }),
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
  funnel: FunnelShape | null;
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
    funnel: t.field({
      type: CouncilFunnel,
      nullable: true,
      description: "Null for units that are not a proportion, or without England's figure.",
      resolve: (s) => s.funnel,
    }),
    rows: t.field({
      type: [CouncilTableRow],
      description: 'By rank (unranked last), then name.',
      resolve: (s) => s.rows,
    }),
  }),
});

builder.queryFields((t) => ({
  councilTable: t.field({
    type: CouncilTable,
    description:
      "Every council for one indicator and year (DfE's published figures), as LAIT tabulates them, with intervals and neighbours.",
    args: { indicatorId: t.arg.id({ required: true }), period: t.arg.int({ required: true }) },
    complexity: 20,
    resolve: async (_root, args, ctx) => {
      guard(ctx);
      const indicator = await Indicator.getDataloader(ctx).load(String(args.indicatorId));
      if (!indicator) throw badInput(`Unknown indicator: ${args.indicatorId}`);
      if (!Number.isInteger(args.period) || args.period < 1990 || args.period > 2100)
        throw badInput('period: a year between 1990 and 2100');
      guard(ctx);
      const table = await councilTable(ctx.database, indicator.id, args.period);
      const england = table.england ? { ...table.england, interval: valueInterval(table.england, indicator) } : null;
      const proportion = indicator.unit === 'percent' || indicator.unit === 'rate';
      const funnel = proportion ? councilFunnel(table.rows, england?.value ?? null, indicator.scale) : null;
      return {
        funnel,
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
            funnel: funnelPosition(row, funnel, indicator.scale),
          };
        }),
      };
    },
  }),
}));
