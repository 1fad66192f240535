import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import { isConsistentViewer, type Viewer } from '@continuity/access';
import type { Context } from './context';
import { forbidden, queryLimit, unauthenticated } from './errors';

type SignedIn = Context & { viewer: Viewer };

/**
 * The one typed builder every module adds its types and fields to.
 *
 * Authorisation (scope-auth) has two layers:
 * - scopes: every Query field needs `signedIn` (set once on the Query type), admin fields and every
 *   Mutation need `admin`, and every object type needs `signedIn` again (checked once per object,
 *   `runScopesOnType`), so no type is reachable without a viewer whatever path leads to it. A denial
 *   is UNAUTHENTICATED (no viewer) or FORBIDDEN (the wrong role), with a fixed message.
 * - rows and figures: what a signed-in viewer may see of councils, practices and figures is decided
 *   by the resolvers and providers (entitlements.ts, disclosure/), from @continuity/access: lists
 *   are filtered in SQL, id lookups resolve to null, peers are anonymised, figures are
 *   disclosure-controlled.
 *
 * Complexity: every field costs 1 and a list multiplies what it selects by 10; limits come from the
 * context (limits.ts) and are checked before the first root field resolves.
 */
export const builder = new SchemaBuilder<{
  Context: Context;
  AuthScopes: { signedIn: boolean; admin: boolean };
  AuthContexts: { signedIn: SignedIn; admin: SignedIn };
  Scalars: { ID: { Input: string; Output: string } };
  // Fields are non-null unless they say `nullable: true`, as the contract is written.
  DefaultFieldNullability: false;
}>({
  plugins: [ScopeAuthPlugin, ComplexityPlugin, DataloaderPlugin],
  defaultFieldNullability: false,
  scopeAuth: {
    // A viewer whose role and organisation disagree is treated as not signed in (fail closed).
    authScopes: (ctx) => {
      const signedIn = ctx.viewer !== null && isConsistentViewer(ctx.viewer);
      return { signedIn, admin: signedIn && ctx.viewer?.role === 'admin' };
    },
    unauthorizedError: (_parent, ctx) => (ctx.viewer ? forbidden() : unauthenticated()),
    // An error inside a scope check denies; it never leaks as an internal error with a stack.
    treatErrorsAsUnauthorized: true,
    runScopesOnType: true,
  },
  complexity: {
    defaultComplexity: 1,
    defaultListMultiplier: 10,
    limit: (ctx) => ({ depth: ctx.limits.maxDepth, breadth: ctx.limits.maxBreadth, complexity: ctx.limits.maxCost }),
    complexityError: (kind, result) =>
      queryLimit(
        kind === 'Depth'
          ? `Query depth ${result.depth} is over the limit of ${result.maxDepth}`
          : kind === 'Breadth'
            ? `Query selects ${result.breadth} fields; the limit is ${result.maxBreadth}`
            : `Query cost ${result.complexity} is over the limit of ${result.maxComplexity}`,
      ),
  },
});

builder.queryType({ authScopes: { signedIn: true } });
builder.mutationType({ authScopes: { admin: true } });

/** Type-level scopes for every object type (see above). */
export const signedInType = { authScopes: { signedIn: true }, runScopesOnType: true } as const;
