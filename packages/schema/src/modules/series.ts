import { GraphQLError } from 'graphql';
import {
  series,
  type ComparatorPoint as ComparatorPointShape,
  type SeriesLine as SeriesLineShape,
  type SeriesPoint as SeriesPointShape,
  type SeriesResult,
} from '@continuity/indicators';
import { builder } from '../builder';
import type { IndicatorRow } from '../providers/catalogue';
import { Indicator } from './indicators';

/** More lines than any chart can show; a bound on the work one request can ask for. */
export const MAX_SUBJECTS = 50;

const SubjectKind = builder.enumType('SubjectKind', {
  values: {
    ENGLAND: { value: 'england', description: 'id: E92000001' },
    REGION: { value: 'region', description: 'id: region code' },
    COUNCIL: { value: 'council', description: "id: DfE's 3-digit code" },
    PRACTICE: { value: 'practice', description: 'id: practice id' },
  } as const,
});

const ValueSource = builder.enumType('ValueSource', {
  values: {
    PUBLISHED: { value: 'published', description: 'DfE published statistics.' },
    COMPUTED: { value: 'computed', description: 'Computed by continuity from returns.' },
  } as const,
});

const SubjectInput = builder.inputType('SubjectInput', {
  fields: (t) => ({
    kind: t.field({ type: SubjectKind, required: true }),
    id: t.id({ required: true }),
  }),
});

type SubjectShape = SeriesLineShape['subject'] & { name: string };

const Subject = builder.objectRef<SubjectShape>('Subject').implement({
  fields: (t) => ({
    kind: t.expose('kind', { type: SubjectKind }),
    id: t.exposeID('id'),
    name: t.exposeString('name'),
  }),
});

const SeriesPoint = builder.objectRef<SeriesPointShape>('SeriesPoint').implement({
  description: 'One figure. value is null when suppressed or unavailable; symbol then says why (c, x, z, k, u, low).',
  fields: (t) => ({
    period: t.exposeInt('period', { description: 'The year the period ends in.' }),
    value: t.exposeFloat('value', { nullable: true }),
    numerator: t.exposeFloat('numerator', { nullable: true }),
    denominator: t.exposeFloat('denominator', { nullable: true }),
    symbol: t.exposeString('symbol', { nullable: true }),
    source: t.expose('source', { type: ValueSource }),
    rank: t.exposeInt('rank', { nullable: true, description: 'Councils: 1 = best among all councils; ties share.' }),
    rankOutOf: t.exposeInt('rankOutOf', { nullable: true, description: 'Councils ranked that period.' }),
    quartile: t.exposeInt('quartile', {
      nullable: true,
      description: '1 = best quarter .. 4 = worst: ceil(4 x rank / rankOutOf), as DfE LAIT.',
    }),
  }),
});

const ComparatorPoint = builder.objectRef<ComparatorPointShape>('ComparatorPoint').implement({
  fields: (t) => ({
    period: t.exposeInt('period'),
    value: t.exposeFloat('value', { nullable: true }),
    numerator: t.exposeFloat('numerator', { nullable: true }),
    denominator: t.exposeFloat('denominator', { nullable: true }),
    symbol: t.exposeString('symbol', { nullable: true }),
  }),
});

const SeriesLine = builder.objectRef<SeriesLineShape & { subject: SubjectShape }>('SeriesLine').implement({
  fields: (t) => ({
    subject: t.field({ type: Subject, resolve: (line) => line.subject }),
    points: t.field({ type: [SeriesPoint], resolve: (line) => line.points }),
    region: t.field({
      type: [ComparatorPoint],
      description: "The council's region (a practice: its first council's region).",
      resolve: (line) => line.region,
    }),
    neighbourAverage: t.field({
      type: [ComparatorPoint],
      description:
        "Statistical neighbours pooled: sum of numerators / sum of denominators x scale, over neighbours with both (a practice: its first council's neighbours).",
      resolve: (line) => line.neighbourAverage,
    }),
  }),
});

type SeriesShape = SeriesResult & { indicator: IndicatorRow; lines: (SeriesLineShape & { subject: SubjectShape })[] };

const Series = builder.objectRef<SeriesShape>('Series').implement({
  fields: (t) => ({
    indicator: t.field({ type: Indicator, resolve: (s) => s.indicator }),
    periods: t.exposeIntList('periods'),
    lines: t.field({ type: [SeriesLine], resolve: (s) => s.lines }),
    england: t.field({ type: [ComparatorPoint], resolve: (s) => s.england }),
  }),
});

function badInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}

builder.queryFields((t) => ({
  series: t.field({
    type: Series,
    description: 'One indicator over time for some subjects, with England, region and neighbour comparators.',
    args: {
      indicatorId: t.arg.id({ required: true }),
      subjects: t.arg({ type: [SubjectInput], required: true }),
      fromPeriod: t.arg.int(),
      toPeriod: t.arg.int(),
      source: t.arg({ type: ValueSource }),
    },
    resolve: async (_root, args, ctx) => {
      if (args.subjects.length > MAX_SUBJECTS) throw badInput(`At most ${MAX_SUBJECTS} subjects`);
      const indicator = await Indicator.getDataloader(ctx).load(args.indicatorId);
      if (!indicator) throw badInput(`Unknown indicator: ${args.indicatorId}`);
      const result = await series(ctx.database, { ...args, indicatorId: indicator.id });
      const unknown = result.lines.filter((l) => l.subject.name === null).map((l) => `${l.subject.kind} ${l.subject.id}`);
      if (unknown.length > 0) throw badInput(`Unknown subjects: ${unknown.join(', ')}`);
      return { ...result, indicator, lines: result.lines as SeriesShape['lines'] };
    },
  }),
}));
