import { GraphQLError } from 'graphql';

/**
 * The only errors the API throws on purpose. Messages are fixed and say nothing about what exists:
 * a denied field and a missing one read the same, and ids a viewer may not see resolve to null
 * (indistinguishable from an id that does not exist) rather than raising FORBIDDEN.
 */
export const UNAUTHENTICATED_MESSAGE = 'Not signed in';
export const FORBIDDEN_MESSAGE = 'Not allowed';

export function unauthenticated(): GraphQLError {
  return new GraphQLError(UNAUTHENTICATED_MESSAGE, { extensions: { code: 'UNAUTHENTICATED' } });
}

export function forbidden(): GraphQLError {
  return new GraphQLError(FORBIDDEN_MESSAGE, { extensions: { code: 'FORBIDDEN' } });
}

export function badInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}

/** A query over a configured limit: rejected before execution (see limits.ts). */
export function queryLimit(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'QUERY_LIMIT' } });
}
