import { builder, signedInType } from '../builder';
import { guard } from '../context';
import { listRegions, regionsByCodes } from '../providers/reference';

/** A region; fields returning a region code resolve through one batched load per request. */
export const Region = builder.loadableObject('Region', {
  ...signedInType,
  load: (codes: string[], ctx) => {
    guard(ctx);
    return regionsByCodes(ctx.database, codes);
  },
  sort: (region) => region.code,
  fields: (t) => ({
    code: t.exposeID('code'),
    name: t.exposeString('name'),
  }),
});

builder.queryFields((t) => ({
  regions: t.field({
    type: [Region],
    resolve: (_root, _args, ctx) => {
      guard(ctx);
      return listRegions(ctx.database);
    },
  }),
}));
