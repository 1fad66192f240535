import { builder, signedInType } from '../builder';
import { guard } from '../context';
import { councilsByCodes, listCouncils, neighboursOf } from '../providers/reference';
import { Region } from './regions';

/** A council, loadable by its DfE code. */
export const Council = builder.loadableObject('Council', {
  ...signedInType,
  load: (codes: string[], ctx) => {
    guard(ctx);
    return councilsByCodes(ctx.database, codes);
  },
  sort: (council) => council.code,
  fields: (t) => ({
    code: t.exposeID('code', { description: "DfE's 3-digit code (old_la_code), e.g. Kent = 886." }),
    onsCode: t.exposeString('onsCode', { description: 'ONS code (new_la_code), e.g. Kent = E10000016.' }),
    name: t.exposeString('name'),
    region: t.field({ type: Region, resolve: (council) => council.regionCode }),
    pilotWave: t.exposeInt('pilotWave', {
      nullable: true,
      description: 'The social work practice pilot wave, if any.',
    }),
  }),
});

// Added after the type exists: a field of Council returning Council.
builder.objectField(Council, 'statisticalNeighbours', (t) =>
  t.loadableList({
    type: Council,
    description: "DfE's children's services statistical neighbours (latest model), closest first.",
    load: (codes: string[], ctx) => {
      guard(ctx);
      return neighboursOf(ctx.database, codes);
    },
    resolve: (council) => council.code,
  }),
);

builder.queryFields((t) => ({
  councils: t.field({
    type: [Council],
    args: { region: t.arg.id(), pilotWave: t.arg.int() },
    resolve: (_root, args, ctx) => {
      guard(ctx);
      return listCouncils(ctx.database, args);
    },
  }),
  council: t.field({
    type: Council,
    nullable: true,
    args: { code: t.arg.id({ required: true }) },
    resolve: (_root, args) => args.code,
  }),
}));
