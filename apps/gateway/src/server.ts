import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import { sql } from 'drizzle-orm';
import type { Database } from '@continuity/db';
import { createContext, type Context, type Viewer } from '@continuity/schema';
import { createApollo, type NodeEnv } from './apollo';
import { handleCors } from './http/cors';
import { HttpError, parseBody } from './http/body';

export interface ServerOptions {
  database: Database;
  /** 0 picks a free port (tests). */
  port: number;
  host?: string | undefined;
  nodeEnv?: NodeEnv;
  /** Who is asking; the token check goes here. Anonymous until auth lands. */
  authenticate?: (req: IncomingMessage) => Promise<Viewer | null>;
  /** Largest request body accepted, in bytes. */
  bodyLimit?: number;
}

export interface RunningServer {
  /** The GraphQL endpoint, e.g. http://localhost:4000/graphql. */
  url: string;
  apollo: ApolloServer<Context>;
  /** Stops accepting requests, lets running ones finish, closes the port. Leaves the database open. */
  stop(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(body));
}

function toHeaderMap(req: IncomingMessage): HeaderMap {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  return headers;
}

/**
 * Starts the gateway's HTTP server: `/graphql` (Apollo, GET and POST), `/health` (the database
 * answers), 404 otherwise. Apollo runs through its integration API (executeHTTPGraphQLRequest) on a
 * plain Node server, so there is no framework between the socket and the schema.
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const { database } = options;
  const authenticate = options.authenticate ?? (async () => null);
  const bodyLimit = options.bodyLimit ?? 1_000_000;
  const httpServer = createServer();
  const apollo = createApollo(httpServer, options.nodeEnv ?? 'development');
  await apollo.start();

  async function graphql(req: IncomingMessage, res: ServerResponse, search: string): Promise<void> {
    const body = await parseBody(req, bodyLimit);
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method?.toUpperCase() ?? 'GET', headers: toHeaderMap(req), search, body },
      // A fresh context per request: per-request dataloaders, nothing cached across viewers.
      context: async () => createContext({ database, viewer: await authenticate(req) }),
    });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  }

  async function health(res: ServerResponse): Promise<void> {
    try {
      await database.rows(sql`SELECT 1`);
      send(res, 200, { status: 'ok' });
    } catch {
      send(res, 503, { status: 'unavailable' });
    }
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://gateway');
    if (url.pathname === '/graphql') {
      if (handleCors(req, res)) return;
      return graphql(req, res, url.search);
    }
    if (url.pathname === '/health' && (req.method === 'GET' || req.method === 'HEAD')) return health(res);
    send(res, 404, { error: 'Not found' });
  }

  httpServer.on('request', (req: IncomingMessage, res: ServerResponse) => {
    route(req, res).catch((error: unknown) => {
      if (res.headersSent) return void res.destroy();
      if (error instanceof HttpError) return send(res, error.status, { error: error.message });
      console.error(error);
      send(res, 500, { error: 'Internal server error' });
    });
  });

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port, options.host, () => resolve());
  });
  const { port } = httpServer.address() as AddressInfo;
  const host = !options.host || options.host === '0.0.0.0' || options.host === '::' ? 'localhost' : options.host;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}/graphql`,
    apollo,
    // The drain plugin closes the HTTP server as part of Apollo's stop.
    stop: () => apollo.stop(),
  };
}
