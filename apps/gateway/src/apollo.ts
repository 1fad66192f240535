import type { Server } from 'node:http';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { schema, type Context } from '@continuity/schema';

export type NodeEnv = 'development' | 'test' | 'production';

/**
 * The Apollo server over the continuity schema. Set explicitly rather than left to Apollo's reading
 * of NODE_ENV: CSRF prevention always; introspection, stack traces and the landing page only outside
 * production; in production, errors that were not thrown on purpose (with a code)
 * are masked so no SQL or stack leaves the server.
 */
export function createApollo(httpServer: Server, nodeEnv: NodeEnv): ApolloServer<Context> {
  const production = nodeEnv === 'production';
  const plugins: ApolloServerPlugin<Context>[] = [ApolloServerPluginDrainHttpServer({ httpServer })];
  if (production) plugins.push(ApolloServerPluginLandingPageDisabled());
  return new ApolloServer<Context>({
    schema,
    csrfPrevention: true,
    introspection: !production,
    includeStacktraceInErrorResponses: !production,
    plugins,
    // Apollo gives INTERNAL_SERVER_ERROR to anything thrown without a code (driver errors, bugs).
    formatError: (formatted, error) => {
      if (!production || formatted.extensions?.code !== 'INTERNAL_SERVER_ERROR') return formatted;
      console.error(error);
      return { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
    },
  });
}
