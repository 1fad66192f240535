import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeaderMap, type ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { sql } from 'drizzle-orm';
import { demoUsers, signToken, type KeyStore, type Viewer } from '@continuity/access';
import type { Database } from '@continuity/db';
import { createContext, DEFAULT_LIMITS, type Context, type QueryLimits } from '@continuity/schema';
import { createApollo } from './apollo';
import { AuthenticationError, authenticator, type Authenticate } from './auth/authenticate';
import { directoryCheck, type DirectoryCheck } from './auth/directory';
import type { DemoListing } from './auth/demo';
import type { NodeEnv } from './env';
import { corsPolicy, handleCors } from './http/cors';
import { HttpError, parseBody, readBody } from './http/body';
import { clientAddress, DEFAULT_RATE_LIMITS, rateLimiter, type LimitedRoute, type RateCheck, type RateLimitConfig } from './http/rate-limit';

/** A route beside /graphql (e.g. POST /returns): given the request, the response and the token check. */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse, context: { authenticate: Authenticate }) => Promise<void>;

export interface ServerOptions {
  database: Database;
  /** 0 picks a free port (tests). */
  port: number;
  host?: string | undefined;
  nodeEnv?: NodeEnv;
  /** Verifies bearer tokens. Without it every request is anonymous and any token is refused. */
  keyStore?: KeyStore;
  /**
   * Who may still sign in (auth/directory.ts). Default: the database's users and organisations tables,
   * read on every request, so a disabled or unknown user's token is 401 at once.
   */
  directory?: DirectoryCheck;
  /** Demo sign-in routes (development, or DEMO_SIGN_IN=true): the users listed, and token lifetime. */
  demoSignIn?: { users: readonly DemoListing[]; tokenSeconds: number } | undefined;
  /** Query limits (defaults: @continuity/schema DEFAULT_LIMITS). */
  limits?: Partial<QueryLimits>;
  /** Largest GraphQL request body accepted, in bytes. */
  bodyLimit?: number;
  /** A GraphQL request still running after this many ms is answered 503 and starts no more SQL. */
  requestTimeoutMs?: number;
  /** Origins allowed by CORS with credentials; in production the only ones (outside it, local origins too). */
  corsOrigins?: readonly string[];
  /** Rate limits per user and per address on /graphql and /returns (http/rate-limit.ts); false: none. */
  rateLimits?: RateLimitConfig | false;
  /** More routes by exact path; each authenticates as it needs with the given `authenticate`. */
  routes?: Record<string, RouteHandler>;
  /** More Apollo plugins (tests). */
  apolloPlugins?: ApolloServerPlugin<Context>[];
}

export interface RunningServer {
  /** The GraphQL endpoint, e.g. http://localhost:4000/graphql. */
  url: string;
  /** The server's origin, e.g. http://localhost:4000. */
  origin: string;
  apollo: ApolloServer<Context>;
  /** Stops accepting requests, lets running ones finish, closes the port. Leaves the database open. */
  stop(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('cache-control', 'no-store');
  for (const [key, value] of Object.entries(headers)) res.setHeader(key, value);
  res.end(JSON.stringify(body));
}

/** The one answer to a bad token, whatever was wrong with it. */
function unauthorised(res: ServerResponse): void {
  send(
    res,
    401,
    { errors: [{ message: 'Authentication failed', extensions: { code: 'UNAUTHENTICATED' } }] },
    { 'www-authenticate': 'Bearer error="invalid_token"' },
  );
}

function toHeaderMap(req: IncomingMessage): HeaderMap {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  return headers;
}

class RequestTimeout extends Error {
  constructor() {
    super('Request timed out');
    this.name = 'RequestTimeout';
  }
}

/**
 * Starts the gateway's HTTP server:
 * - `/graphql` (Apollo, GET and POST): the bearer token is verified first: none means anonymous
 *   (every data field answers UNAUTHENTICATED), a bad one is 401 with a generic message;
 * - `/health` (the database answers), open to all;
 * - `/.well-known/jwks.json`: the local signing key's public half (local key mode);
 * - `/auth/demo-users`, `/auth/demo-token`: demo sign-in, when enabled;
 * - `routes` given by the caller (POST /returns); 404 otherwise.
 * Apollo runs through its integration API (executeHTTPGraphQLRequest) on a plain Node server.
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const { database, keyStore, demoSignIn } = options;
  const authenticate = authenticator(keyStore, options.directory ?? directoryCheck(database));
  const limits: QueryLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const bodyLimit = options.bodyLimit ?? 100_000;
  const rateCheck: RateCheck | null = options.rateLimits === false ? null : rateLimiter(options.rateLimits ?? DEFAULT_RATE_LIMITS);
  const cors = corsPolicy({ production: options.nodeEnv === 'production', origins: options.corsOrigins ?? [] });
  const timeoutMs = options.requestTimeoutMs ?? 10_000;
  // Node's own limits stay (headers within 60 s, a whole request within 300 s): uploads to /returns
  // may take minutes to arrive; a GraphQL request is bounded by `timeoutMs` once it is read.
  const httpServer = createServer();
  const apollo = createApollo(httpServer, {
    nodeEnv: options.nodeEnv ?? 'development',
    limits,
    plugins: options.apolloPlugins,
  });
  await apollo.start();

  /** The viewer, or null having answered 401. */
  async function viewerOf(req: IncomingMessage, res: ServerResponse): Promise<Viewer | null | undefined> {
    try {
      return await authenticate(req);
    } catch (error) {
      if (!(error instanceof AuthenticationError)) throw error;
      req.resume();
      unauthorised(res);
      return undefined;
    }
  }

  /** False having answered 429 (with Retry-After) when the caller is over a limit. */
  async function withinLimit(req: IncomingMessage, res: ServerResponse, route: LimitedRoute, viewer: Viewer | null): Promise<boolean> {
    if (!rateCheck) return true;
    const wait = viewer ? await rateCheck(route, 'user', viewer.userId) : await rateCheck(route, 'address', clientAddress(req));
    if (wait === null) return true;
    req.resume();
    send(res, 429, { errors: [{ message: 'Too many requests', extensions: { code: 'RATE_LIMITED' } }] }, { 'retry-after': String(wait) });
    return false;
  }

  async function graphql(req: IncomingMessage, res: ServerResponse, search: string): Promise<void> {
    if (!(await withinLimit(req, res, 'graphql', null))) return;
    const viewer = await viewerOf(req, res);
    if (viewer === undefined) return;
    if (viewer && !(await withinLimit(req, res, 'graphql', viewer))) return;
    const body = await parseBody(req, bodyLimit);
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => {
        controller.abort(new RequestTimeout());
        resolve('timeout');
      }, timeoutMs);
    });
    try {
      const response = await Promise.race([
        apollo.executeHTTPGraphQLRequest({
          httpGraphQLRequest: { method: req.method?.toUpperCase() ?? 'GET', headers: toHeaderMap(req), search, body },
          // A fresh context per request: per-request dataloaders, nothing cached across viewers.
          context: async () => createContext({ database, viewer, signal: controller.signal, limits }),
        }),
        timedOut,
      ]);
      if (response === 'timeout') {
        send(res, 503, { errors: [{ message: 'Request timed out', extensions: { code: 'TIMEOUT' } }] });
        return;
      }
      for (const [key, value] of response.headers) res.setHeader(key, value);
      res.statusCode = response.status ?? 200;
      if (response.body.kind === 'complete') {
        res.end(response.body.string);
        return;
      }
      for await (const chunk of response.body.asyncIterator) res.write(chunk);
      res.end();
    } finally {
      clearTimeout(timer);
    }
  }

  async function health(res: ServerResponse): Promise<void> {
    try {
      await database.rows(sql`SELECT 1`);
      send(res, 200, { status: 'ok' });
    } catch {
      send(res, 503, { status: 'unavailable' });
    }
  }

  async function demoToken(req: IncomingMessage, res: ServerResponse, signing: KeyStore, tokenSeconds: number) {
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
      req.resume();
      return send(res, 415, { error: 'Send JSON: {"userId": "..."}' });
    }
    let userId: unknown;
    try {
      userId = (JSON.parse(await readBody(req, 10_000)) as { userId?: unknown }).userId;
    } catch (error) {
      if (error instanceof HttpError) throw error;
      return send(res, 400, { error: 'Send JSON: {"userId": "..."}' });
    }
    const user = demoUsers.find((u) => u.viewer.userId === userId);
    if (!user) return send(res, 404, { error: 'No such demo user' });
    const token = await signToken(signing, user.viewer, { expiresIn: tokenSeconds });
    const listing = demoSignIn?.users.find((u) => u.id === user.viewer.userId);
    send(res, 200, { token, tokenType: 'Bearer', expiresIn: tokenSeconds, user: listing });
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://gateway');
    const method = req.method ?? 'GET';
    if (url.pathname === '/graphql') {
      if (handleCors(req, res, cors)) return;
      return graphql(req, res, url.search);
    }
    if (url.pathname === '/health' && (method === 'GET' || method === 'HEAD')) return health(res);
    if (url.pathname === '/.well-known/jwks.json' && method === 'GET' && keyStore?.mode === 'local') {
      return send(res, 200, keyStore.publicJwks, { 'cache-control': 'public, max-age=300' });
    }
    if (demoSignIn && keyStore?.signing && url.pathname.startsWith('/auth/')) {
      if (handleCors(req, res, cors)) return;
      if (url.pathname === '/auth/demo-users' && method === 'GET') return send(res, 200, { users: demoSignIn.users });
      if (url.pathname === '/auth/demo-token' && method === 'POST') return demoToken(req, res, keyStore, demoSignIn.tokenSeconds);
    }
    const extra = options.routes?.[url.pathname];
    if (extra) {
      // Routes beside /graphql (POST /returns) get the same CORS policy, answered here.
      if (handleCors(req, res, cors)) return;
      if (url.pathname !== '/returns' || method !== 'POST') return extra(req, res, { authenticate });
      // Uploads are limited like /graphql: the address first, then the user of a good token. The route
      // is handed the same answer, so the token is checked once.
      if (!(await withinLimit(req, res, 'returns', null))) return;
      const checked = authenticate(req);
      checked.catch(() => undefined);
      const viewer = await checked.catch(() => null);
      if (viewer && !(await withinLimit(req, res, 'returns', viewer))) return;
      return extra(req, res, { authenticate: () => checked });
    }
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
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    url: `${origin}/graphql`,
    origin,
    apollo,
    // The drain plugin closes the HTTP server as part of Apollo's stop.
    stop: () => apollo.stop(),
  };
}
