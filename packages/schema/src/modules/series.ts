import { canSeeSubject, isConsistentViewer, type Unit, type Viewer } from '@continuity/access';
import {
  ENGLAND_CODE,
  series,
  type ComparatorPoint as ComparatorPointShape,
  type SeriesPoint as SeriesPointShape,
  type SubjectRef,
} from '@continuity/indicators';
import { builder, signedInType } from '../builder';
import { guard, type Context } from '../context';
import { disclosedTables } from '../disclosure/family';
import {
  discloseSeries,
  needsComputedTables,
  seriesPeriods,
  type DisclosedLine,
  type DisclosedSeries,
} from '../disclosure/series';
import { computedEntitlementOf, ownershipFor, ownershipOf, practiceLookup, viewerOf } from '../entitlements';
import { badInput } from '../errors';
import type { IndicatorRow } from '../providers/catalogue';
import { computedCoverage, coverageKey, type Coverage } from '../providers/coverage';
import { Indicator } from './indicators';

/** More lines than any chart can show; a bound on the work one request can ask for. */
const MAX_SUBJECTS = 50;

const SubjectKind = builder.enumType('SubjectKind', {
  values: {
    ENGLAND: { value: 'england', description: 'id: E92000001' },
    REGION: { value: 'region', description: 'id: region code' },
    COUNCIL: { value: 'council', description: "id: DfE's 3-digit code" },
    PRACTICE: {
      value: 'practice',
      description:
        'id: practice id (a peer, to a practice: its anonymous id). Pooled over every council the practice serves: a council sharing the practice sees it disclosure-controlled.',
    },
    PRACTICE_PART: {
      value: 'practice_part',
      description:
        "id: practice id @ council code (e.g. swp-a@886): the part of a practice's figure computed from the returns sent to that council. Seen by that council and the practice (in full) and by policy and admin (controlled).",
    },
  } as const,
});

const ValueSource = builder.enumType('ValueSource', {
  values: {
    PUBLISHED: { value: 'published', description: 'DfE published statistics.' },
    COMPUTED: { value: 'computed', description: 'Computed by continuity from returns.' },
  } as const,
});

export const SubjectInput = builder.inputType('SubjectInput', {
  fields: (t) => ({
    kind: t.field({ type: SubjectKind, required: true }),
    id: t.id({ required: true }),
  }),
});

type SubjectShape = DisclosedLine['subject'];

const Subject = builder.objectRef<SubjectShape>('Subject').implement({
  ...signedInType,
  description: 'What a line is about. A peer practice shown to a practice: its anonymous id and pseudonym.',
  fields: (t) => ({
    kind: t.expose('kind', { type: SubjectKind }),
    id: t.exposeID('id'),
    name: t.exposeString('name'),
  }),
});

const CoverageRef = builder.objectRef<Coverage>('Coverage').implement({
  ...signedInType,
  description:
    "Whose returns a computed England or region figure pools: the councils with an accepted return that year, out of the councils there were. A computed aggregate covering fewer than all is not England's figure; DfE's published one is.",
  fields: (t) => ({
    councils: t.exposeInt('councils', { description: 'Councils whose returns the figure pools.' }),
    of: t.exposeInt('of', { description: 'Councils in England (or the region) that year.' }),
  }),
});

type Covered = { coverage?: Coverage | null };

const SeriesPoint = builder.objectRef<SeriesPointShape & Covered>('SeriesPoint').implement({
  ...signedInType,
  description:
    'One figure, disclosure-controlled for the viewer. value is null when suppressed or unavailable; symbol then says why (c, x, z, k, u, low).',
  fields: (t) => ({
    period: t.exposeInt('period', { description: 'The year the period ends in.' }),
    value: t.exposeFloat('value', { nullable: true }),
    numerator: t.exposeFloat('numerator', { nullable: true }),
    denominator: t.exposeFloat('denominator', { nullable: true }),
    symbol: t.exposeString('symbol', { nullable: true }),
    source: t.expose('source', { type: ValueSource }),
    rank: t.exposeInt('rank', {
      nullable: true,
      description:
        'Councils: 1 = best among the councils whose figure the viewer sees that period (suppressed ones are not ranked); ties share.',
    }),
    rankOutOf: t.exposeInt('rankOutOf', {
      nullable: true,
      description: 'Councils ranked that period: those whose figure the viewer sees.',
    }),
    quartile: t.exposeInt('quartile', {
      nullable: true,
      description:
        "1 = best quarter .. 4 = worst. Published figures: DfE LAIT's banding against the quartiles of the published councils' values; computed: ceil(4 x rank / rankOutOf).",
    }),
    coverage: t.field({
      type: CoverageRef,
      nullable: true,
      description: "Computed England and region figures: how many councils' returns they pool. Null otherwise.",
      resolve: (p) => p.coverage ?? null,
    }),
  }),
});

const ComparatorPoint = builder.objectRef<ComparatorPointShape & Covered>('ComparatorPoint').implement({
  ...signedInType,
  description:
    'A comparator figure: published ones as DfE published them, computed ones disclosure-controlled for the viewer like a point.',
  fields: (t) => ({
    period: t.exposeInt('period'),
    value: t.exposeFloat('value', { nullable: true }),
    numerator: t.exposeFloat('numerator', { nullable: true }),
    denominator: t.exposeFloat('denominator', { nullable: true }),
    symbol: t.exposeString('symbol', { nullable: true }),
    source: t.field({
      type: ValueSource,
      nullable: true,
      description: 'England and region: where the figure comes from. Neighbour averages: null (pooled).',
      resolve: (p) => p.source,
    }),
    coverage: t.field({
      type: CoverageRef,
      nullable: true,
      description: "Computed England and region figures: how many councils' returns they pool. Null otherwise.",
      resolve: (p) => p.coverage ?? null,
    }),
  }),
});

const SeriesLine = builder.objectRef<DisclosedLine>('SeriesLine').implement({
  ...signedInType,
  fields: (t) => ({
    subject: t.field({ type: Subject, resolve: (line) => line.subject }),
    points: t.field({ type: [SeriesPoint], resolve: (line) => line.points }),
    region: t.field({
      type: [ComparatorPoint],
      description:
        "The council's region (a practice: its first council's region; none for a peer shown under its pseudonym).",
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

type SeriesShape = DisclosedSeries & { indicator: IndicatorRow };

const Series = builder.objectRef<SeriesShape>('Series').implement({
  ...signedInType,
  fields: (t) => ({
    indicator: t.field({ type: Indicator, resolve: (s) => s.indicator }),
    periods: t.exposeIntList('periods'),
    lines: t.field({ type: [SeriesLine], resolve: (s) => s.lines }),
    england: t.field({ type: [ComparatorPoint], resolve: (s) => s.england }),
  }),
});

interface ResolvedSubjects {
  /** What SQL reads, in request order; null where the viewer may not see the subject. */
  subjects: (SubjectRef | null)[];
  /** Peers a practice sees under their pseudonym: practice id -> pseudonym. */
  anonymous: Map<string, string>;
}

/**
 * The subjects a viewer named, as SQL reads them. Practices: policy and admin by id; a council only
 * the practices serving it; a practice itself by id and peers by their anonymous id (a peer's real
 * id is refused: it would confirm which pseudonym is whose). A subject the viewer may not see is
 * reported exactly as one that does not exist.
 */
async function resolveSubjects(
  ctx: Context,
  viewer: Viewer,
  requested: readonly SubjectRef[],
): Promise<ResolvedSubjects> {
  const anonymous = new Map<string, string>();
  const ownership = await ownershipFor(ctx);
  const subjects = await Promise.all(
    requested.map(async (s): Promise<SubjectRef | null> => {
      if (s.kind !== 'practice') return canSeeSubject(viewer, s, ownership) ? s : null;
      if (viewer.role === 'practice') {
        const row = await practiceLookup(ctx).load(s.id);
        if (!row) return null;
        if (row.id !== viewer.organisation.id) anonymous.set(row.id, row.pseudonym);
        return { kind: 'practice', id: row.id };
      }
      return canSeeSubject(viewer, s, ownership) ? s : null;
    }),
  );
  return { subjects, anonymous };
}

/**
 * Puts its coverage on every computed England and region figure of a disclosed series (points of
 * England and region lines, England and region comparators), one statement when there is any.
 */
async function withCoverage(ctx: Context, indicatorId: string, series: DisclosedSeries): Promise<DisclosedSeries> {
  const periods = new Set<number>();
  const aggregate = (kind: string) => kind === 'england' || kind === 'region';
  for (const p of series.england) if (p.source === 'computed') periods.add(p.period);
  for (const line of series.lines) {
    for (const p of line.region) if (p.source === 'computed') periods.add(p.period);
    if (aggregate(line.subject.kind)) for (const p of line.points) if (p.source === 'computed') periods.add(p.period);
  }
  if (periods.size === 0) return series;
  guard(ctx);
  const coverage = await computedCoverage(ctx.database, indicatorId, [...periods]);
  const covered =
    <P extends { period: number; source: string | null }>(kind: string, id: string | null) =>
    (p: P): P & Covered =>
      p.source === 'computed' && id !== null
        ? { ...p, coverage: coverage.get(coverageKey(kind, id, p.period)) ?? null }
        : p;
  return {
    ...series,
    england: series.england.map(covered('england', ENGLAND_CODE)),
    lines: series.lines.map((line) => ({
      ...line,
      points: aggregate(line.subject.kind) ? line.points.map(covered(line.subject.kind, line.subject.id)) : line.points,
      region: line.region.map(covered('region', line.regionCode)),
    })),
  };
}

builder.queryFields((t) => ({
  series: t.field({
    type: Series,
    description:
      'One indicator over time for some subjects, with England, region and neighbour comparators, disclosure-controlled for the viewer.',
    args: {
      indicatorId: t.arg.id({ required: true }),
      subjects: t.arg({ type: [SubjectInput], required: true }),
      fromPeriod: t.arg.int(),
      toPeriod: t.arg.int(),
      source: t.arg({ type: ValueSource }),
    },
    // Each subject is a line of points and comparators.
    complexity: (args) => ({ field: 1 + args.subjects.length, multiplier: 1 }),
    resolve: async (_root, args, ctx) => {
      guard(ctx);
      const viewer = viewerOf(ctx);
      if (!isConsistentViewer(viewer)) throw badInput('Unknown subjects');
      if (args.subjects.length > MAX_SUBJECTS) throw badInput(`At most ${MAX_SUBJECTS} subjects`);
      const indicator = await Indicator.getDataloader(ctx).load(args.indicatorId);
      if (!indicator) throw badInput(`Unknown indicator: ${args.indicatorId}`);

      const resolved = await resolveSubjects(ctx, viewer, args.subjects);
      const unknown = (names: readonly (string | null)[]) =>
        args.subjects.filter((_, i) => resolved.subjects[i] === null || names[i] === null);
      const before = unknown(args.subjects.map(() => ''));
      if (before.length > 0) throw badInput(`Unknown subjects: ${before.map((s) => `${s.kind} ${s.id}`).join(', ')}`);
      const subjects = resolved.subjects as SubjectRef[];

      guard(ctx);
      const result = await series(ctx.database, {
        indicatorId: indicator.id,
        subjects,
        fromPeriod: args.fromPeriod,
        toPeriod: args.toPeriod,
        source: args.source,
        // The viewer's entitlement goes down to SQL: computed figures it may not see are never read.
        computedFor: await computedEntitlementOf(ctx),
      });
      const missing = unknown(result.lines.map((l) => l.subject.name));
      if (missing.length > 0) throw badInput(`Unknown subjects: ${missing.map((s) => `${s.kind} ${s.id}`).join(', ')}`);

      const entitled = { viewer, ownership: await ownershipFor(ctx), unit: indicator.unit as Unit };
      let tables = null;
      if (needsComputedTables({ ...entitled, source: args.source, result })) {
        guard(ctx);
        const ownership = await ownershipOf(ctx);
        guard(ctx);
        tables = await disclosedTables(ctx.database, indicator.id, seriesPeriods(result), ownership.links, entitled);
      }
      const disclosed = await withCoverage(
        ctx,
        indicator.id,
        discloseSeries({ ...entitled, source: args.source, result, tables, anonymous: resolved.anonymous }),
      );
      if (disclosed.readComputed) {
        ctx.audit.push({
          action: 'read',
          target: `series:${indicator.id}`,
          detail: {
            indicator: indicator.id,
            subjects: subjects.map((s) => `${s.kind}:${s.id}`),
            source: args.source ?? null,
            fromPeriod: args.fromPeriod ?? null,
            toPeriod: args.toPeriod ?? null,
          },
        });
      }
      return { ...disclosed, indicator };
    },
  }),
}));
