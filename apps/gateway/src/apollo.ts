import type { Server } from 'node:http';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import {
  FORBIDDEN_MESSAGE,
  UNAUTHENTICATED_MESSAGE,
  flushAudit,
  operationLimitErrors,
  schema,
  type Context,
  type QueryLimits,
} from '@continuity/schema';
import type { NodeEnv } from './env';

export interface ApolloOptions {
  nodeEnv: NodeEnv;
  limits: QueryLimits;
  /** More plugins (tests). */
  plugins?: ApolloServerPlugin<Context>[];
  /** On stop: how long requests in flight may run before their connections are closed (Apollo's default 10 s). */
  stopGracePeriodMillis?: number;
}

/** Codes whose messages are written for the client; anything else is an internal error. */
const CLIENT_CODES = new Set([
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'QUERY_LIMIT',
]);

const INTERNAL: GraphQLFormattedError = {
  message: 'Internal server error',
  extensions: { code: 'INTERNAL_SERVER_ERROR' },
};

/**
 * Every error leaves the server in a fixed shape. Denials carry only their code and a fixed message
 * (nothing about what exists or why); client errors keep their message, without graphql's "Did you
 * mean ...?" field suggestions in production; anything else (a bug, a driver error) is "Internal
 * server error" in every mode, logged here.
 */
function formatError(production: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    const where = formatted.path ? { path: formatted.path } : {};
    if (code === 'UNAUTHENTICATED') return { message: UNAUTHENTICATED_MESSAGE, ...where, extensions: { code } };
    if (code === 'FORBIDDEN') return { message: FORBIDDEN_MESSAGE, ...where, extensions: { code } };
    if (typeof code === 'string' && CLIENT_CODES.has(code)) {
      if (!production) return formatted;
      const { stacktrace: _s, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, message: formatted.message.replace(/ *Did you mean .*\?$/, ''), extensions };
    }
    // Anything else is a fault: a driver error's message holds SQL and its parameters (child-level
    // values), so it never leaves, in development either; it is logged here.
    console.error(error);
    return { ...INTERNAL, ...where };
  };
}

/**
 * Query limits once the operation is known (depth, aliases, breadth, cost: limits.ts in the schema;
 * tokens are limited by the parser, below). A query over a limit is answered 400 and never executes,
 * so it runs no SQL.
 */
function limitsPlugin(limits: QueryLimits): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request, contextValue }) {
          const errors = operationLimitErrors({
            schema,
            document,
            variables: request.variables,
            operationName: request.operationName,
            context: contextValue,
            limits,
          });
          const [first] = errors;
          if (first) {
            throw new GraphQLError(first.message, {
              extensions: { code: first.extensions.code ?? 'BAD_USER_INPUT', http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}

/**
 * Writes the request's audit rows (reads of child-derived figures) in one insert before the response
 * leaves. If that fails, the figures do not leave either: the response becomes an internal error.
 */
const auditPlugin: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async willSendResponse({ contextValue, response }) {
        try {
          await flushAudit(contextValue);
        } catch (error) {
          console.error('audit write failed; response withheld', error);
          if (response.body.kind === 'single') response.body.singleResult = { errors: [INTERNAL] };
          response.http.status = 500;
        }
      },
    };
  },
};

/**
 * The Apollo server over the continuity schema. Set explicitly rather than left to Apollo's reading
 * of NODE_ENV: CSRF prevention and no batching always; introspection, field suggestions, stack traces
 * and the landing page only outside production.
 */
export function createApollo(httpServer: Server, options: ApolloOptions): ApolloServer<Context> {
  const production = options.nodeEnv === 'production';
  const plugins: ApolloServerPlugin<Context>[] = [
    ApolloServerPluginDrainHttpServer({
      httpServer,
      ...(options.stopGracePeriodMillis !== undefined ? { stopGracePeriodMillis: options.stopGracePeriodMillis } : {}),
    }),
    limitsPlugin(options.limits),
    auditPlugin,
    ...(options.plugins ?? []),
  ];
  if (production) plugins.push(ApolloServerPluginLandingPageDisabled());
  return new ApolloServer<Context>({
    schema,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    introspection: !production,
    includeStacktraceInErrorResponses: !production,
    parseOptions: { maxTokens: options.limits.maxTokens },
    plugins,
    formatError: formatError(production),
    // main.ts stops on SIGINT/SIGTERM itself (server, readers, database). Apollo's own handlers would call
    // stop() a second time, and in @apollo/server 5.5 a stop() that waits on one in progress never
    // returns (its barrier is only resolved on failure): the gateway hung on SIGTERM.
    stopOnTerminationSignals: false,
  });
}
