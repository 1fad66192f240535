import { outcomeAreas, type OutcomeArea as Area } from '@continuity/indicators';
import { builder, signedInType } from '../builder';
import { guard } from '../context';
import { indicatorsByIds, listIndicators, type IndicatorRow } from '../providers/catalogue';

const areaTitle = new Map(outcomeAreas.map((a) => [a.area, a.title]));

const OutcomeArea = builder.enumType('OutcomeArea', {
  description: 'The five Every Child Matters areas, stability and continuity, and the workforce behind them.',
  values: {
    STABILITY: { value: 'stability', description: areaTitle.get('stability') },
    HEALTHY: { value: 'healthy', description: areaTitle.get('healthy') },
    SAFE: { value: 'safe', description: areaTitle.get('safe') },
    ENJOYING: { value: 'enjoying', description: areaTitle.get('enjoying') },
    CONTRIBUTION: { value: 'contribution', description: areaTitle.get('contribution') },
    ECONOMIC: { value: 'economic', description: areaTitle.get('economic') },
    WORKFORCE: { value: 'workforce', description: areaTitle.get('workforce') },
  } as const,
});

export const Polarity = builder.enumType('Polarity', {
  values: {
    HIGHER_BETTER: { value: 'higher_better' },
    LOWER_BETTER: { value: 'lower_better' },
    NEUTRAL: { value: 'neutral', description: 'Neither direction is better: not ranked.' },
  } as const,
});

/** An indicator's definition, loadable by id. */
export const Indicator = builder.loadableObject('Indicator', {
  ...signedInType,
  load: (ids: string[], ctx) => {
    guard(ctx);
    return indicatorsByIds(ctx.database, ids);
  },
  sort: (indicator) => indicator.id,
  fields: (t) => ({
    id: t.exposeID('id'),
    title: t.exposeString('title'),
    area: t.expose('area', { type: OutcomeArea }),
    unit: t.exposeString('unit', { description: 'percent, ratio, rate, count or score.' }),
    polarity: t.expose('polarity', { type: Polarity }),
    numerator: t.exposeString('numerator'),
    denominator: t.exposeString('denominator'),
    source: t.exposeString('source'),
    method: t.exposeString('method'),
    periodType: t.exposeString('periodType', { description: 'reporting_year, academic_year or census.' }),
    decimals: t.exposeInt('decimals', { description: 'Decimal places the published figure uses.' }),
    scale: t.exposeFloat('scale', { description: 'value = numerator / denominator x scale.' }),
  }),
});

interface AreaGroup {
  area: Area;
  title: string;
  indicators: IndicatorRow[];
}

const OutcomeAreaGroup = builder.objectRef<AreaGroup>('OutcomeAreaGroup').implement({
  ...signedInType,
  fields: (t) => ({
    area: t.expose('area', { type: OutcomeArea }),
    title: t.exposeString('title'),
    indicators: t.field({ type: [Indicator], resolve: (group) => group.indicators }),
  }),
});

builder.queryFields((t) => ({
  indicators: t.field({
    type: [Indicator],
    args: { area: t.arg({ type: OutcomeArea }) },
    resolve: (_root, args, ctx) => {
      guard(ctx);
      return listIndicators(ctx.database, args);
    },
  }),
  indicator: t.field({
    type: Indicator,
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args) => args.id,
  }),
  outcomeAreas: t.field({
    type: [OutcomeAreaGroup],
    description: 'Every area in framework order, with its indicators (one query for all).',
    resolve: async (_root, _args, ctx) => {
      guard(ctx);
      const rows = await listIndicators(ctx.database);
      return outcomeAreas.map(({ area, title }) => ({ area, title, indicators: rows.filter((r) => r.area === area) }));
    },
  }),
}));
