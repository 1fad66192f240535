/** Cohorts of referred children (issue 18; @continuity/payments cohorts.ts): the parties only. */
import {
  cohortOutcome,
  listCohorts,
  lockCohort,
  type CohortOutcome as OutcomeShape,
  type CohortRecord,
} from '@continuity/payments';
import { builder, signedInType } from '../../builder';
import { guard } from '../../context';
import { viewerOf } from '../../entitlements';
import { badInput } from '../../errors';
import { audit, idOf, partyMutation, run } from './common';
import { Contract } from './refs';

const CohortCounts = builder.objectRef<OutcomeShape['after']>('CohortCounts').implement({
  ...signedInType,
  fields: (t) => ({
    inCare: t.exposeInt('inCare', { description: 'Members with at least one placement in the window.' }),
    stable: t.exposeInt('stable', { description: 'Members with 1 or 2 placements in the window (not 3 or more).' }),
  }),
});

const CohortOutcome = builder.objectRef<OutcomeShape>('CohortOutcome').implement({
  ...signedInType,
  description:
    'Placement stability of the cohort in the months after referral, against the same children in the months before.',
  fields: (t) => ({
    months: t.exposeInt('months'),
    members: t.exposeInt('members'),
    after: t.field({ type: CohortCounts, resolve: (o) => o.after }),
    baseline: t.field({ type: CohortCounts, resolve: (o) => o.baseline }),
  }),
});

const Cohort = builder.objectRef<CohortRecord>('Cohort').implement({
  ...signedInType,
  description: "Children referred to the practice, locked at referral from the practice's returns (never changed).",
  fields: (t) => ({
    id: t.id({ resolve: (c) => String(c.id) }),
    referredFrom: t.exposeString('referredFrom'),
    referredTo: t.exposeString('referredTo'),
    months: t.exposeInt('months', { description: 'Tracked for this many months after each referral.' }),
    members: t.exposeInt('members'),
    outcome: t.field({
      type: CohortOutcome,
      nullable: true,
      resolve: (c, _args, ctx) => {
        guard(ctx);
        return cohortOutcome(ctx.database, viewerOf(ctx), c.id);
      },
    }),
  }),
});

builder.objectField(Contract, 'cohorts', (t) =>
  t.field({
    type: [Cohort],
    description: 'Cohorts of referred children: the contract’s council and practice only (none for others).',
    resolve: (c, _args, ctx) => {
      guard(ctx);
      return listCohorts(ctx.database, viewerOf(ctx), c.id);
    },
  }),
);

builder.mutationFields((t) => ({
  lockCohort: t.field({
    type: Cohort,
    ...partyMutation,
    description:
      "The contract's council only: locks the children whose first episode in the practice's returns began between the dates.",
    args: {
      contractId: t.arg.id({ required: true }),
      referredFrom: t.arg.string({ required: true, description: 'YYYY-MM-DD' }),
      referredTo: t.arg.string({ required: true, description: 'YYYY-MM-DD' }),
      months: t.arg.int({ required: true }),
    },
    resolve: async (_root, args, ctx) => {
      guard(ctx);
      const viewer = viewerOf(ctx);
      const contractId = idOf(args.contractId);
      if (contractId === null) throw badInput(`No contract ${args.contractId}`);
      const input = { contractId, referredFrom: args.referredFrom, referredTo: args.referredTo, months: args.months };
      const cohort = await run(() => lockCohort(ctx.database, viewer, input));
      await audit(ctx, viewer, 'lock_cohort', `cohort:${cohort.id}`, { contractId, members: cohort.members });
      return cohort;
    },
  }),
}));
