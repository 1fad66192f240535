import { builder } from '../builder';
import { councilsOfPractices, listPractices, practicesByIds, practicesOfCouncils } from '../providers/reference';
import { Council } from './councils';

/** A social work practice, loadable by id. */
export const Practice = builder.loadableObject('Practice', {
  load: (ids: string[], ctx) => practicesByIds(ctx.database, ids),
  sort: (practice) => practice.id,
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    model: t.exposeString('model', {
      nullable: true,
      description: 'partnership, third_sector or private_company; null when the sources do not say.',
    }),
    wave: t.exposeInt('wave', { nullable: true }),
    started: t.exposeString('started', { nullable: true, description: 'ISO date.' }),
    ended: t.exposeString('ended', { nullable: true, description: 'ISO date.' }),
    councils: t.loadableList({
      type: Council,
      description: 'The councils the practice serves, by DfE code.',
      load: (ids: string[], ctx) => councilsOfPractices(ctx.database, ids),
      resolve: (practice) => practice.id,
    }),
  }),
});

builder.objectField(Council, 'practices', (t) =>
  t.loadableList({
    type: Practice,
    load: (codes: string[], ctx) => practicesOfCouncils(ctx.database, codes),
    resolve: (council) => council.code,
  }),
);

builder.queryFields((t) => ({
  practices: t.field({
    type: [Practice],
    args: { councilCode: t.arg.id() },
    resolve: (_root, args, ctx) => listPractices(ctx.database, args),
  }),
  practice: t.field({
    type: Practice,
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args) => args.id,
  }),
}));
