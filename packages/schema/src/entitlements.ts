/**
 * What the viewer of a request may see, for resolvers and providers: the role rules live in
 * @continuity/access (viewer.ts); this file turns them into SQL scopes and per-request lookups.
 *
 * Practices, by role:
 * - policy, admin: every practice, by name, in lists and relations.
 * - council: only the practices serving it (it owns them); another council's are absent from lists,
 *   relations and lookups (a lookup by id gives null, as for an id that does not exist).
 * - practice: itself in full; peers only in the unfiltered `practices` list and by their anonymous
 *   id, under their pseudonym, with nothing that links them to a council (no councils, model, wave
 *   or dates; no region or neighbour comparators). Filters and relations that would tie a peer to a
 *   council (`practices(councilCode)`, `Council.practices`) return only the viewer's own practice.
 *   A peer's real id is not accepted anywhere: it would confirm which pseudonym is whose.
 */
import DataLoader from 'dataloader';
import { createContextCache } from '@pothos/core';
import {
  computedEntitlement,
  isConsistentViewer,
  type ComputedEntitlement,
  mustAnonymise,
  ownershipContext,
  pseudonymFromAnonymousId,
  type OwnershipContext,
  type Viewer,
} from '@continuity/access';
import { guard, type Context } from './context';
import { unauthenticated } from './errors';
import { findPractices, practiceCouncilLinks, type PracticeRow, type PracticeScope } from './providers/reference';

/** The viewer; resolvers run only for signed-in viewers (scopes), so this is a safety net. */
export function viewerOf(ctx: Context): Viewer {
  if (!ctx.viewer) throw unauthenticated();
  return ctx.viewer;
}

export interface Ownership {
  context: OwnershipContext;
  /** Practice id -> the councils it serves (every practice with a council link). */
  links: ReadonlyMap<string, readonly string[]>;
  practiceIds: string[];
}

/** Practice -> councils, read once per request (one statement) and only when a decision needs it. */
const ownershipCache = createContextCache(async (ctx: Context): Promise<Ownership> => {
  guard(ctx);
  const links = await practiceCouncilLinks(ctx.database);
  return { context: ownershipContext(links), links, practiceIds: [...links.keys()] };
});

export function ownershipOf(ctx: Context): Promise<Ownership> {
  return ownershipCache(ctx);
}

/** Ownership for viewers whose ownership does not depend on the practice links (no SQL). */
const NO_LINKS = ownershipContext(new Map());

/** The ownership context a decision about `viewer` needs: council viewers need the links. */
export async function ownershipFor(ctx: Context): Promise<OwnershipContext> {
  const viewer = viewerOf(ctx);
  return viewer.role === 'council' && isConsistentViewer(viewer) ? (await ownershipOf(ctx)).context : NO_LINKS;
}

/** Practices the unfiltered `practices` list may hold. */
export function listScope(viewer: Viewer): PracticeScope {
  if (!isConsistentViewer(viewer)) return { kind: 'none' };
  switch (viewer.role) {
    case 'policy':
    case 'admin':
    case 'practice':
      return { kind: 'all' };
    case 'council':
      return { kind: 'serving', councilCode: viewer.organisation.id };
  }
}

/** Practices a relation or filter tying practices to councils may hold. */
export function relationScope(viewer: Viewer): PracticeScope {
  if (!isConsistentViewer(viewer)) return { kind: 'none' };
  switch (viewer.role) {
    case 'policy':
    case 'admin':
      return { kind: 'all' };
    case 'council':
      return { kind: 'serving', councilCode: viewer.organisation.id };
    case 'practice':
      return { kind: 'only', practiceId: viewer.organisation.id };
  }
}

/** Does the viewer see this practice only under its pseudonym? */
export function isAnonymised(ctx: Context, practiceId: string): boolean {
  return mustAnonymise(viewerOf(ctx), { kind: 'practice', id: practiceId });
}

/**
 * Practices by the id a viewer names them with: a real id within the viewer's lookup scope, or, for
 * a practice viewer, its own id or a peer's anonymous id. Anything else is null, exactly as an id
 * that does not exist. Batched: one statement for every lookup of a request.
 */
export const practiceLookup = createContextCache(
  (ctx: Context) =>
    new DataLoader<string, PracticeRow | null>(async (keys) => {
      guard(ctx);
      const viewer = viewerOf(ctx);
      const ids: string[] = [];
      const pseudonyms: string[] = [];
      let scope: PracticeScope = relationScope(viewer);
      if (viewer.role === 'practice' && isConsistentViewer(viewer)) {
        for (const key of keys) {
          if (key === viewer.organisation.id) ids.push(key);
          const pseudonym = pseudonymFromAnonymousId(key);
          if (pseudonym !== undefined) pseudonyms.push(pseudonym);
        }
      } else {
        ids.push(...keys.filter((key) => pseudonymFromAnonymousId(key) === undefined));
        scope = listScope(viewer);
      }
      const rows = await findPractices(ctx.database, { ids, pseudonyms }, scope);
      return keys.map((key) => {
        const pseudonym = pseudonymFromAnonymousId(key);
        if (pseudonym !== undefined)
          return viewer.role === 'practice' ? (rows.find((r) => r.pseudonym === pseudonym) ?? null) : null;
        return ids.includes(key) ? (rows.find((r) => r.id === key) ?? null) : null;
      });
    }),
);

/** Whose computed figures SQL may read for this viewer (null: everyone's). See @continuity/access. */
export async function computedEntitlementOf(ctx: Context): Promise<ComputedEntitlement | null> {
  const viewer = viewerOf(ctx);
  if (viewer.role !== 'council' || !isConsistentViewer(viewer)) return computedEntitlement(viewer, NO_LINKS, []);
  const ownership = await ownershipOf(ctx);
  return computedEntitlement(viewer, ownership.context, ownership.practiceIds);
}
