import { anonymousPracticeId } from '@continuity/access';
import { builder, signedInType } from '../builder';
import { guard, type Context } from '../context';
import { isAnonymised, listScope, practiceLookup, relationScope, viewerOf } from '../entitlements';
import { councilsOfPractices, listPractices, practicesOfCouncils, type PracticeRow } from '../providers/reference';
import { Council } from './councils';

/** A field of a practice that a peer must not see: null (or empty) when the viewer sees only the pseudonym. */
const unlessAnonymised =
  <T>(read: (practice: PracticeRow) => T) =>
  (practice: PracticeRow, _args: unknown, ctx: Context): T | null =>
    isAnonymised(ctx, practice.id) ? null : read(practice);

/**
 * A social work practice. To another practice a peer shows only an opaque id derived from its
 * pseudonym and the pseudonym as its name; everything that could tie it to a council or name it
 * (councils, model, wave, dates) is withheld (entitlements.ts).
 */
export const Practice = builder.objectRef<PracticeRow>('Practice').implement({
  ...signedInType,
  fields: (t) => ({
    id: t.id({
      description: 'The practice id; to another practice, an opaque id standing for its pseudonym.',
      resolve: (practice, _args, ctx) =>
        isAnonymised(ctx, practice.id) ? anonymousPracticeId(practice.pseudonym) : practice.id,
    }),
    name: t.string({
      description: 'The name; to another practice, its pseudonym.',
      resolve: (practice, _args, ctx) => (isAnonymised(ctx, practice.id) ? practice.pseudonym : practice.name),
    }),
    model: t.string({
      nullable: true,
      description: 'partnership, third_sector or private_company; null when the sources do not say (or to a peer).',
      resolve: unlessAnonymised((p) => p.model),
    }),
    wave: t.int({ nullable: true, resolve: unlessAnonymised((p) => p.wave) }),
    started: t.string({ nullable: true, description: 'ISO date.', resolve: unlessAnonymised((p) => p.started) }),
    ended: t.string({ nullable: true, description: 'ISO date.', resolve: unlessAnonymised((p) => p.ended) }),
    councils: t.loadableList({
      type: Council,
      description: 'The councils the practice serves, by DfE code (empty to another practice).',
      load: async (ids: string[], ctx) => {
        if (ids.every((id) => id === '')) return ids.map(() => []);
        guard(ctx);
        return councilsOfPractices(ctx.database, ids);
      },
      // Peers load nothing: the empty key has no councils.
      resolve: (practice, _args, ctx) => (isAnonymised(ctx, practice.id) ? '' : practice.id),
    }),
  }),
});

builder.objectField(Council, 'practices', (t) =>
  t.loadableList({
    type: Practice,
    description: 'The practices serving the council that the viewer may see (a practice: only itself).',
    load: (codes: string[], ctx) => {
      guard(ctx);
      return practicesOfCouncils(ctx.database, codes, relationScope(viewerOf(ctx)));
    },
    resolve: (council) => council.code,
  }),
);

builder.queryFields((t) => ({
  practices: t.field({
    type: [Practice],
    description:
      'Practices the viewer may see. To a practice: itself first, then its peers under pseudonyms; with councilCode, only itself.',
    args: { councilCode: t.arg.id() },
    resolve: (_root, args, ctx) => {
      guard(ctx);
      const viewer = viewerOf(ctx);
      const filtered = args.councilCode != null;
      const scope = filtered ? relationScope(viewer) : listScope(viewer);
      const anonymousOrder =
        viewer.role === 'practice' && !filtered ? { ownPracticeId: viewer.organisation.id } : undefined;
      return listPractices(ctx.database, { councilCode: args.councilCode }, scope, anonymousOrder);
    },
  }),
  practice: t.field({
    type: Practice,
    nullable: true,
    description: 'A practice by id (a peer: by its anonymous id); null when there is none the viewer may see.',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => practiceLookup(ctx).load(args.id),
  }),
}));
