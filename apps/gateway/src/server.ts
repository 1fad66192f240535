import type { StaticSite } from './http/static-site';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeaderMap, type ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { sql } from 'drizzle-orm';
import { demoUsers, signToken, type KeyStore, type Viewer } from '@continuity/access';
import type { Database, ReadChoice, ReplicaRouting } from '@continuity/db';
import { createContext, DEFAULT_LIMITS, type Context, type QueryLimits } from '@continuity/schema';
import { createApollo } from './apollo';
import { AuthenticationError, authenticator, type Authenticate } from './auth/authenticate';
import { directoryCheck, type DirectoryCheck } from './auth/directory';
import type { DemoListing } from './auth/demo';
import type { NodeEnv } from './env';
import { corsPolicy, handleCors } from './http/cors';
import { HttpError, parseBody, readBody } from './http/body';
import { createLogger, requestIdOf, withRequestId, type Logger } from './observability/log';
import type { GatewayMetrics } from './observability/metrics';
import { operationKey, operationPlugin, type OperationInfo } from './reads/operation-plugin';
import type { RecentWrites } from './reads/recent-writes';
import {
  clientAddress,
  DEFAULT_RATE_LIMITS,
  rateLimiter,
  type LimitedRoute,
  type RateCheck,
  type RateLimitConfig,
} from './http/rate-limit';

/** A route beside /graphql (e.g. POST /returns): given the request, the response and the token check. */
type RouteHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  context: { authenticate: Authenticate },
) => Promise<void>;

/** A hot standby for reads, and each user's last write on this gateway (read-your-writes). */
interface ReadReplica {
  routing: ReplicaRouting;
  recentWrites: RecentWrites;
}

export interface ServerOptions {
  /** The primary: writes, and reads when there is no `readReplica` (or it is down or behind). */
  database: Database;
  /** Reads of GraphQL queries go here when it is up and close enough behind (DATABASE_READ_URL). */
  readReplica?: ReadReplica | undefined;
  /** JSON logs; default: warnings and errors only (tests). */
  logger?: Logger;
  /** Prometheus metrics; counted always, served at /metrics per `metricsAccess`. */
  metrics?: GatewayMetrics;
  /** /metrics on this port: open, behind a bearer token, or not served here (default: not served). */
  metricsAccess?: { mode: 'open' } | { mode: 'token'; token: string } | { mode: 'off' };
  /** On stop(): how long requests in flight may take to finish before connections are closed (default 10000). */
  shutdownGraceMs?: number;
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
  /** The dashboard's built files, served on the same origin (production: DASHBOARD_DIST). */
  site?: StaticSite | undefined;
  /** More Apollo plugins (tests). */
  apolloPlugins?: ApolloServerPlugin<Context>[];
}

export interface RunningServer {
  /** The GraphQL endpoint, e.g. http://localhost:4000/graphql. */
  url: string;
  /** The server's origin, e.g. http://localhost:4000. */
  origin: string;
  apollo: ApolloServer<Context>;
  /**
   * Stops accepting requests (/health answers 503 from the first moment), lets running ones finish
   * (up to shutdownGraceMs), closes the port. Leaves the database open.
   */
  stop(): Promise<void>;
  /** The metrics as Prometheus text, replica lag measured at the last probe (for a separate metrics port). */
  metricsText(): Promise<{ contentType: string; body: string }>;
}

/** Paths named in metrics; anything else is "other", so a scan cannot grow the label set. */
const KNOWN_ROUTES = new Set([
  '/graphql',
  '/health',
  '/metrics',
  '/returns',
  '/.well-known/jwks.json',
  '/auth/demo-users',
  '/auth/demo-token',
]);

/** A response that failed for a reason the standby may be behind (a dropped connection, a cancelled statement). */
function failedInternally(response: { status?: number | undefined; body: { kind: string; string?: string } }): boolean {
  if ((response.status ?? 200) >= 500) return true;
  return response.body.kind === 'complete' && (response.body.string ?? '').includes('"INTERNAL_SERVER_ERROR"');
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
  const { database, keyStore, demoSignIn, readReplica, metrics } = options;
  const logger = options.logger ?? createLogger('warn');
  const operations = new WeakMap<object, OperationInfo>();
  let stopping = false;
  const authenticate = authenticator(keyStore, options.directory ?? directoryCheck(database));
  const limits: QueryLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const bodyLimit = options.bodyLimit ?? 100_000;
  const rateCheck: RateCheck | null =
    options.rateLimits === false ? null : rateLimiter(options.rateLimits ?? DEFAULT_RATE_LIMITS);
  const cors = corsPolicy({ production: options.nodeEnv === 'production', origins: options.corsOrigins ?? [] });
  const timeoutMs = options.requestTimeoutMs ?? 10_000;
  // Node's own limits stay (headers within 60 s, a whole request within 300 s): uploads to /returns
  // may take minutes to arrive; a GraphQL request is bounded by `timeoutMs` once it is read.
  const httpServer = createServer();
  const apollo = createApollo(httpServer, {
    nodeEnv: options.nodeEnv ?? 'development',
    limits,
    plugins: [operationPlugin(operations), ...(options.apolloPlugins ?? [])],
    stopGracePeriodMillis: options.shutdownGraceMs ?? 10_000,
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
  async function withinLimit(
    req: IncomingMessage,
    res: ServerResponse,
    route: LimitedRoute,
    viewer: Viewer | null,
  ): Promise<boolean> {
    if (!rateCheck) return true;
    const wait = viewer
      ? await rateCheck(route, 'user', viewer.userId)
      : await rateCheck(route, 'address', clientAddress(req));
    if (wait === null) return true;
    req.resume();
    send(
      res,
      429,
      { errors: [{ message: 'Too many requests', extensions: { code: 'RATE_LIMITED' } }] },
      { 'retry-after': String(wait) },
    );
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
    const primaryChoice: ReadChoice = { database, target: 'primary' };
    const header = (name: string) => {
      const value = req.headers[name];
      return Array.isArray(value) ? value[0] : value;
    };
    const minLsn = readReplica?.recentWrites.minLsnFor(viewer?.userId, header('x-min-lsn'));
    const started = process.hrtime.bigint();
    const run = async (choice: ReadChoice) => {
      // A fresh context per request: per-request dataloaders, nothing cached across viewers.
      const context = createContext({
        database: choice.database,
        primary: database,
        viewer,
        signal: controller.signal,
        limits,
      });
      const response = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: req.method?.toUpperCase() ?? 'GET', headers: toHeaderMap(req), search, body },
        context: async () => context,
      });
      return { response, context, choice };
    };
    const execute = async () => {
      const choice = readReplica ? await readReplica.routing.forRead(minLsn) : primaryChoice;
      const first = await run(choice);
      if (choice.target !== 'replica' || !readReplica || !failedInternally(first.response)) return first;
      // The standby failed the read (stopped, restarted, cancelled by replay): if it is no longer fit to
      // read from, answer from the primary rather than pass the failure on. Queries change nothing but
      // audit rows, which are written to the primary once per answer.
      const status = await readReplica.routing.probe();
      if (status.state === 'up') return first;
      logger.warn(
        { replica: status.state, reason: status.reason },
        'read failed on the standby; answered from the primary',
      );
      return run(primaryChoice);
    };
    try {
      const outcome = await Promise.race([execute(), timedOut]);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (outcome === 'timeout') {
        metrics?.graphqlOperations.inc({
          operation: 'unknown',
          type: 'unknown',
          read_from: 'unknown',
          outcome: 'timeout',
        });
        send(res, 503, { errors: [{ message: 'Request timed out', extensions: { code: 'TIMEOUT' } }] });
        return;
      }
      const { response, context, choice } = outcome;
      const operation = operations.get(operationKey(context));
      const readFrom = operation && operation.type !== 'query' ? 'primary' : choice.target;
      if (operation && operation.type !== 'query' && readReplica && viewer && (response.status ?? 200) < 400) {
        // Read-your-writes: this user's next reads must see what the mutation committed.
        const lsn = await readReplica.routing.primaryLsn();
        readReplica.recentWrites.record(viewer.userId, lsn);
        res.setHeader('x-commit-lsn', lsn);
      }
      if (readReplica) res.setHeader('x-read-from', readFrom);
      if (metrics) {
        const name = metrics.operationLabel(operation?.name);
        const type = operation?.type ?? 'unknown';
        const ok =
          (response.status ?? 200) < 400 &&
          !(response.body.kind === 'complete' && response.body.string.includes('"errors"'));
        metrics.graphqlOperations.inc({ operation: name, type, read_from: readFrom, outcome: ok ? 'ok' : 'error' });
        metrics.graphqlDuration.observe({ operation: name, type }, seconds);
      }
      if (operation) logger.debug({ operation: operation.name, type: operation.type, readFrom }, 'graphql operation');
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

  /**
   * Ready while the primary answers (a standby that is down or behind only moves reads to the primary,
   * so it is reported, not failed on); 503 once stopping, so a load balancer stops sending requests.
   */
  async function health(res: ServerResponse): Promise<void> {
    if (stopping) return send(res, 503, { status: 'stopping' });
    const replica = readReplica ? { replica: readReplica.routing.status() } : {};
    try {
      await database.rows(sql`SELECT 1`);
      send(res, 200, { status: 'ok', ...replica });
    } catch {
      send(res, 503, { status: 'unavailable', ...replica });
    }
  }

  async function metricsText(): Promise<{ contentType: string; body: string }> {
    if (!metrics) return { contentType: 'text/plain; charset=utf-8', body: '' };
    if (readReplica) metrics.recordReplica(readReplica.routing.status());
    return metrics.text();
  }

  async function metricsRoute(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const access = options.metricsAccess ?? { mode: 'off' };
    if (!metrics || access.mode === 'off') return false;
    if (access.mode === 'token' && req.headers.authorization !== `Bearer ${access.token}`) {
      send(res, 401, { error: 'Metrics need the METRICS_TOKEN bearer token.' }, { 'www-authenticate': 'Bearer' });
      return true;
    }
    const { contentType, body } = await metricsText();
    res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' });
    res.end(body);
    return true;
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
    if (url.pathname === '/metrics' && method === 'GET' && (await metricsRoute(req, res))) return;
    if (url.pathname === '/.well-known/jwks.json' && method === 'GET' && keyStore?.mode === 'local') {
      return send(res, 200, keyStore.publicJwks, { 'cache-control': 'public, max-age=300' });
    }
    if (demoSignIn && keyStore?.signing && url.pathname.startsWith('/auth/')) {
      if (handleCors(req, res, cors)) return;
      if (url.pathname === '/auth/demo-users' && method === 'GET') return send(res, 200, { users: demoSignIn.users });
      if (url.pathname === '/auth/demo-token' && method === 'POST')
        return demoToken(req, res, keyStore, demoSignIn.tokenSeconds);
    }
    // The dashboard's files, and its pages on a page load (`/returns` is both a page and the upload route).
    if (options.site?.serve(req, res)) return;
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
    // Every request has an id (the caller's X-Request-Id, or a new one), echoed back and on every log line.
    const requestId = requestIdOf(req);
    res.setHeader('x-request-id', requestId);
    const started = process.hrtime.bigint();
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    withRequestId(requestId, () => {
      res.once('close', () => {
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        const routeLabel = KNOWN_ROUTES.has(path) ? path : 'other';
        const method = req.method ?? 'GET';
        metrics?.httpRequests.inc({ route: routeLabel, method, status: String(res.statusCode) });
        metrics?.httpDuration.observe({ route: routeLabel }, seconds);
        if (path !== '/health' && path !== '/metrics') {
          logger.info(
            { method, path, status: res.statusCode, ms: Math.round(seconds * 1000), aborted: !res.writableFinished },
            'request',
          );
        }
      });
      route(req, res).catch((error: unknown) => {
        if (res.headersSent) return void res.destroy();
        if (error instanceof HttpError) return send(res, error.status, { error: error.message });
        console.error(error);
        send(res, 500, { error: 'Internal server error' });
      });
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
    // The drain plugin closes the HTTP server as part of Apollo's stop: no new connections, requests in
    // flight (GraphQL or not) run to the end within the grace period, idle keep-alive sockets are closed.
    stop: async () => {
      stopping = true;
      await apollo.stop();
    },
    metricsText,
  };
}
