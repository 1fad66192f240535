/** The INDIGO open-data export of a contract (issue 18; @continuity/payments indigo/). */
import { canonicalJson, indigoExport } from '@continuity/payments';
import { builder } from '../../builder';
import { guard } from '../../context';
import { viewerOf } from '../../entitlements';
import { idOf } from './common';

builder.queryFields((t) => ({
  indigoProject: t.string({
    nullable: true,
    description:
      'The contract as an INDIGO project (Government Outcomes Lab data standard), as JSON: outcome metrics, prices and payments in pounds. Open data: amounts withheld by disclosure control are marked PRIVATE and left out, whoever asks. Null for a contract the viewer cannot read.',
    args: { contractId: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      guard(ctx);
      const id = idOf(args.contractId);
      const project = id === null ? null : await indigoExport(ctx.database, viewerOf(ctx), id);
      return project ? canonicalJson(project) : null;
    },
  }),
}));
