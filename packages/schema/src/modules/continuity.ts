import { canSeeComputed, isConsistentViewer, ownsSubject, type SubjectKind as Kind } from '@continuity/access';
import {
  CHANGE_OUTCOME_LABELS,
  changesByReason,
  ledgerCoverage,
  SW_REASON_LABELS,
  survivalCurve,
  type ChangeOutcome,
  type LedgerSubject,
} from '@continuity/indicators';
import { builder, signedInType } from '../builder';
import { guard } from '../context';
import {
  discloseChanges,
  discloseCurve,
  type DisclosedChange,
  type DisclosedSurvivalPoint,
  type Estimate,
  type Headline,
} from '../disclosure/continuity';
import { ownershipFor, viewerOf } from '../entitlements';
import { badInput } from '../errors';
import { SubjectInput } from './series';

/*
 * The continuity ledger (issue 15): how long children keep their social worker (Kaplan-Meier curve
 * with Greenwood band), why they changed (SW_REASON by what became of the worker, from the census
 * join) and coverage, per year, for one subject. The ratios (share with no change, changes per
 * child-year, share caused by turnover, unmatched ids, SW16 mismatches) are indicators: read them with
 * `series`. Who may ask: as for every computed figure (canSeeComputed); non-owners get disclosure control.
 */

interface LedgerYear {
  period: number;
  councils: number;
  points: DisclosedSurvivalPoint[];
  headline: Headline;
  changes: DisclosedChange[];
}

interface Ledger {
  subjectKind: Kind;
  subjectId: string;
  owned: boolean;
  years: LedgerYear[];
}

const EstimateRef = builder.objectRef<Estimate>('SurvivalEstimate').implement({
  ...signedInType,
  description: 'Kaplan-Meier share still with the same worker, with Greenwood 95% band.',
  fields: (t) => ({
    survival: t.exposeFloat('survival'),
    lower: t.exposeFloat('lower'),
    upper: t.exposeFloat('upper'),
  }),
});

const HeadlineRef = builder.objectRef<Headline>('ContinuityHeadline').implement({
  ...signedInType,
  fields: (t) => ({
    relationships: t.exposeInt('relationships', {
      nullable: true,
      description: 'Child-worker relationships observed in the year (controlled count).',
    }),
    medianDays: t.exposeInt('medianDays', {
      nullable: true,
      description: 'Days until half the relationships had ended in a change (null: not reached, or hidden).',
    }),
    sixMonths: t.field({
      type: EstimateRef,
      nullable: true,
      description: 'After 182 days.',
      resolve: (h) => h.sixMonths,
    }),
    twelveMonths: t.field({
      type: EstimateRef,
      nullable: true,
      description: 'After 365 days.',
      resolve: (h) => h.twelveMonths,
    }),
    truncated: t.exposeBoolean('truncated', {
      description: 'The curve stops early: past it 5 or fewer relationships were at risk.',
    }),
  }),
});

const PointRef = builder.objectRef<DisclosedSurvivalPoint>('SurvivalPoint').implement({
  ...signedInType,
  fields: (t) => ({
    day: t.exposeInt('day', { description: 'Days since the relationship began.' }),
    atRisk: t.exposeInt('atRisk', { nullable: true }),
    events: t.exposeInt('events', { nullable: true, description: 'Changes of worker on this day.' }),
    censored: t.exposeInt('censored', { nullable: true }),
    symbol: t.exposeString('symbol', { nullable: true }),
    survival: t.exposeFloat('survival'),
    lower: t.exposeFloat('lower'),
    upper: t.exposeFloat('upper'),
  }),
});

const ChangeRef = builder.objectRef<DisclosedChange>('WorkerChangeCount').implement({
  ...signedInType,
  fields: (t) => ({
    reason: t.exposeString('reason', { description: 'SW_REASON of the new episode (unknown: not recorded).' }),
    reasonLabel: t.string({ resolve: (c) => SW_REASON_LABELS[c.reason] ?? c.reason }),
    outcome: t.exposeString('outcome', { description: 'left, agency_ended, stayed, unmatched or no_census.' }),
    outcomeLabel: t.string({ resolve: (c) => CHANGE_OUTCOME_LABELS[c.outcome as ChangeOutcome] ?? c.outcome }),
    changes: t.exposeInt('changes', { nullable: true }),
    symbol: t.exposeString('symbol', { nullable: true }),
  }),
});

const YearRef = builder.objectRef<LedgerYear>('ContinuityYear').implement({
  ...signedInType,
  fields: (t) => ({
    period: t.exposeInt('period', { description: 'The 903 year ending 31 March.' }),
    councils: t.exposeInt('councils', {
      description: "Councils whose returns are included (coverage; 1 for a council's own).",
    }),
    headline: t.field({ type: HeadlineRef, resolve: (y) => y.headline }),
    points: t.field({ type: [PointRef], resolve: (y) => y.points }),
    changes: t.field({ type: [ChangeRef], resolve: (y) => y.changes }),
  }),
});

const LedgerRef = builder.objectRef<Ledger>('ContinuityLedger').implement({
  ...signedInType,
  fields: (t) => ({
    subjectKind: t.exposeString('subjectKind'),
    subjectId: t.exposeID('subjectId'),
    owned: t.exposeBoolean('owned', { description: 'The viewer owns the figures (shown without disclosure control).' }),
    years: t.field({ type: [YearRef], resolve: (l) => l.years }),
  }),
});

builder.queryFields((t) => ({
  continuityLedger: t.field({
    type: LedgerRef,
    description:
      'How long children keep their social worker and why they changed, per year, for a council, a practice, a region or England (pooled from council rows, with coverage). Disclosure-controlled for non-owners.',
    args: {
      subject: t.arg({ type: SubjectInput, required: true }),
      fromPeriod: t.arg.int(),
      toPeriod: t.arg.int(),
    },
    complexity: { field: 5, multiplier: 1 },
    resolve: async (_root, args, ctx) => {
      guard(ctx);
      const viewer = viewerOf(ctx);
      const subject = { kind: args.subject.kind as Kind, id: String(args.subject.id) };
      const ownership = await ownershipFor(ctx);
      // A peer practice is seen by practices only under its pseudonym: the ledger is not offered for peers.
      const peer = viewer.role === 'practice' && subject.kind === 'practice' && subject.id !== viewer.organisation.id;
      if (!isConsistentViewer(viewer) || peer || !canSeeComputed(viewer, subject, ownership))
        throw badInput('Unknown subjects');
      // The ledger keeps no per-council parts of a practice.
      if (subject.kind === 'practice_part') throw badInput('Unknown subjects');
      const owned = ownsSubject(viewer, subject, ownership);
      const from = args.fromPeriod ?? 0;
      const to = args.toPeriod ?? 9999;
      const s: LedgerSubject = { kind: subject.kind, id: subject.id };
      guard(ctx);
      const [curve, changes, coverage] = await Promise.all([
        survivalCurve(ctx.database.db, s, from, to),
        changesByReason(ctx.database.db, s, from, to),
        ledgerCoverage(ctx.database.db, s, from, to),
      ]);
      const relationships = new Map<number, number>();
      for (const p of curve) if (!relationships.has(p.period)) relationships.set(p.period, 0);
      for (const p of curve) relationships.set(p.period, (relationships.get(p.period) ?? 0) + p.events + p.censored);
      const years: LedgerYear[] = coverage.map(({ period, councils }) => {
        const disclosed = discloseCurve(
          curve.filter((p) => p.period === period),
          relationships.get(period) ?? 0,
          subject.kind,
          owned,
        );
        return {
          period,
          councils,
          points: disclosed.points,
          headline: disclosed.headline,
          changes: discloseChanges(
            changes.filter((c) => c.period === period),
            subject.kind,
            owned,
          ),
        };
      });
      ctx.audit.push({
        action: 'read',
        target: 'continuityLedger',
        detail: {
          subject: `${subject.kind}:${subject.id}`,
          fromPeriod: args.fromPeriod ?? null,
          toPeriod: args.toPeriod ?? null,
        },
      });
      return { subjectKind: subject.kind, subjectId: subject.id, owned, years };
    },
  }),
}));
