import { builder } from '../builder';
import { listRegions, regionsByCodes } from '../providers/reference';

/** A region; fields returning a region code resolve through one batched load per request. */
export const Region = builder.loadableObject('Region', {
  load: (codes: string[], ctx) => regionsByCodes(ctx.database, codes),
  sort: (region) => region.code,
  fields: (t) => ({
    code: t.exposeID('code'),
    name: t.exposeString('name'),
  }),
});

builder.queryFields((t) => ({
  regions: t.field({
    type: [Region],
    resolve: (_root, _args, ctx) => listRegions(ctx.database),
  }),
}));
