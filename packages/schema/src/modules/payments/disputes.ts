/**
 * Disputes on a statement line (issue 18): the practice raises, the council answers (upheld or
 * rejected), each step kept as an event. Read by the contract's parties and, read-only, by the
 * Department (policy) and admins; the service refuses writes by anyone else.
 */
import DataLoader from 'dataloader';
import { createContextCache } from '@pothos/core';
import {
  answerDispute,
  listDisputes,
  raiseDispute,
  type DisputeEvent as EventShape,
  type DisputeRecord,
} from '@continuity/payments';
import { builder, signedInType } from '../../builder';
import { guard, type Context } from '../../context';
import { viewerOf } from '../../entitlements';
import { badInput } from '../../errors';
import { audit, idOf, partyMutation, run } from './common';
import { Statement } from './refs';

const disputesOfStatementLoader = createContextCache(
  (ctx: Context) =>
    new DataLoader<number, DisputeRecord[]>(async (ids) => {
      guard(ctx);
      const rows = await listDisputes(ctx.database, viewerOf(ctx), { statementIds: ids });
      return ids.map((id) => rows.filter((r) => r.statementId === id));
    }),
);

const DisputeState = builder.enumType('DisputeState', {
  values: {
    OPEN: { value: 'open', description: 'Raised by the practice; awaiting the council.' },
    UPHELD: { value: 'upheld', description: 'The council agreed (the statement is put right by a re-issue).' },
    REJECTED: { value: 'rejected', description: 'The council disagreed, saying why.' },
  } as const,
});

const DisputeResolution = builder.enumType('DisputeResolution', {
  values: { UPHELD: { value: 'upheld' }, REJECTED: { value: 'rejected' } } as const,
});

const DisputeEvent = builder.objectRef<EventShape>('DisputeEvent').implement({
  ...signedInType,
  fields: (t) => ({
    kind: t.exposeString('kind', { description: 'raised or answered.' }),
    party: t.exposeString('party', { description: 'practice or council.' }),
    author: t.exposeString('author', { description: 'User id.' }),
    at: t.exposeString('at', { description: 'ISO date-time.' }),
    message: t.exposeString('message'),
    resolution: t.field({ type: DisputeResolution, nullable: true, resolve: (e) => e.resolution }),
  }),
});

const Dispute = builder.objectRef<DisputeRecord>('Dispute').implement({
  ...signedInType,
  description: 'A dispute on one line of an issued statement, with its history (oldest first). Never edited.',
  fields: (t) => ({
    id: t.id({ resolve: (d) => String(d.id) }),
    statementId: t.id({ resolve: (d) => String(d.statementId) }),
    contractId: t.id({ resolve: (d) => String(d.contractId) }),
    indicatorId: t.exposeID('indicatorId', { description: 'The line disputed.' }),
    raisedBy: t.exposeString('raisedBy'),
    raisedAt: t.exposeString('raisedAt'),
    state: t.field({ type: DisputeState, resolve: (d) => d.state }),
    events: t.field({ type: [DisputeEvent], resolve: (d) => d.events }),
  }),
});

builder.objectField(Statement, 'disputes', (t) =>
  t.field({
    type: [Dispute],
    description: 'Disputes on its lines (none for a preview).',
    resolve: (m, _args, ctx) => (m.kind === 'issued' ? disputesOfStatementLoader(ctx).load(m.summary.id) : []),
  }),
);

builder.mutationFields((t) => ({
  raiseDispute: t.field({
    type: Dispute,
    ...partyMutation,
    description: "The statement's practice only: disputes one line, saying why. One open dispute per line.",
    args: {
      statementId: t.arg.id({ required: true }),
      indicatorId: t.arg.id({ required: true }),
      message: t.arg.string({ required: true }),
    },
    resolve: async (_root, args, ctx) => {
      guard(ctx);
      const viewer = viewerOf(ctx);
      const statementId = idOf(args.statementId);
      if (statementId === null) throw badInput(`No statement ${args.statementId}`);
      const input = { statementId, indicatorId: String(args.indicatorId), message: args.message };
      const dispute = await run(() => raiseDispute(ctx.database, viewer, input));
      await audit(ctx, viewer, 'raise_dispute', `dispute:${dispute.id}`, {
        statementId,
        indicatorId: dispute.indicatorId,
      });
      return dispute;
    },
  }),
  answerDispute: t.field({
    type: Dispute,
    ...partyMutation,
    description: "The contract's council only: answers an open dispute, upholding or rejecting it, saying why.",
    args: {
      disputeId: t.arg.id({ required: true }),
      resolution: t.arg({ type: DisputeResolution, required: true }),
      message: t.arg.string({ required: true }),
    },
    resolve: async (_root, args, ctx) => {
      guard(ctx);
      const viewer = viewerOf(ctx);
      const disputeId = idOf(args.disputeId);
      if (disputeId === null) throw badInput(`No dispute ${args.disputeId}`);
      const dispute = await run(() =>
        answerDispute(ctx.database, viewer, { disputeId, resolution: args.resolution, message: args.message }),
      );
      await audit(ctx, viewer, 'answer_dispute', `dispute:${disputeId}`, { resolution: args.resolution });
      return dispute;
    },
  }),
}));
