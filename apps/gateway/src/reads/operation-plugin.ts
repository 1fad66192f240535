import type { ApolloServerPlugin } from '@apollo/server';
import type { Context } from '@continuity/schema';

export interface OperationInfo {
  type: 'query' | 'mutation' | 'subscription';
  name: string | null;
}

/**
 * Notes each request's operation (for metrics and logs) and sends a mutation to the primary: the
 * context is made before the document is parsed, reading from the standby; once the operation is
 * known to be a mutation, every resolver of it reads and writes on the primary instead.
 */
/**
 * Apollo hands resolvers and plugins a shallow copy of the context object it was given, so the
 * request's own objects (its audit list, made fresh per context) are the key that both copies share.
 */
export const operationKey = (context: Context): object => context.audit;

export function operationPlugin(seen: WeakMap<object, OperationInfo>): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          if (!operation) return;
          seen.set(operationKey(contextValue), { type: operation.operation, name: operation.name?.value ?? null });
          if (operation.operation !== 'query') contextValue.database = contextValue.primary;
        },
      };
    },
  };
}
