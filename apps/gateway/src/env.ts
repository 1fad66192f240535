import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { DEFAULT_SERVER_GUARDS, type ServerGuards } from '@continuity/db';
import { DEFAULT_LIMITS, type QueryLimits } from '@continuity/schema';
import { DEFAULT_RATE_LIMITS, type RateLimit, type RateLimitConfig } from './http/rate-limit';
import type { IssueLimits } from '@continuity/returns';
import { DEFAULT_UPLOAD_LIMITS, MB, type UploadLimits } from './returns/multipart';

/** The repository root: relative paths in the environment are read from here, not from the cwd turbo picks. */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

const blankAsMissing = (value: unknown) => (value === '' ? undefined : value);
const optional = <T extends z.ZodTypeAny>(type: T) => z.preprocess(blankAsMissing, type.optional());
const withDefault = <T extends z.ZodTypeAny>(type: T, value: z.infer<T>) =>
  z.preprocess(blankAsMissing, type.default(value));
const count = (value: number) => withDefault(z.coerce.number().int().min(1), value);
const flag = optional(z.enum(['true', 'false']));

/**
 * Every variable the gateway reads, validated once at start (`env()`); one error names every bad one.
 *
 * Database
 *   DATABASE_URL          PostgreSQL connection string; absent: the embedded PGlite in DATA_DIR.
 *   DATABASE_READ_URL     A hot standby of DATABASE_URL (PostgreSQL streaming replication). GraphQL queries read
 *                         there; mutations, imports and audit rows go to DATABASE_URL. A user who has just written
 *                         reads from the standby only once it has replayed past that write (waiting at most
 *                         READ_YOUR_WRITES_WAIT_MS, default 1000), else from the primary; so do all reads while
 *                         the standby is down or more than READ_REPLICA_MAX_LAG_BYTES (default 16777216) behind.
 *                         Lag is measured every READ_REPLICA_PROBE_MS (default 2000) and shown in /health.
 *   DB_STATEMENT_TIMEOUT_MS, DB_IDLE_IN_TRANSACTION_TIMEOUT_MS, DB_CLIENT_CHECK_INTERVAL_MS
 *                         PostgreSQL: statement_timeout, idle_in_transaction_session_timeout and
 *                         client_connection_check_interval set on every connection (defaults 60000, 60000,
 *                         2000; 0 turns one off). See apps/gateway/README.md, "Faults".
 *   EMBEDDED_WATCHDOG_MS  PGlite: exit (code 75) when a probe of the database is not answered in this time
 *                         (default 120000; 0 off), so a supervisor restarts the gateway.
 *   DATA_DIR              PGlite's folder (default .data/pglite). Its parent (.data/) also holds the
 *                         development signing key and pseudonym secret; .gitignore keeps it out of commits.
 *   PORT, HOST            Where to listen (default 4000, every interface).
 *   NODE_ENV              development | test | production. Production turns off introspection, field
 *                         suggestions, stack traces, the landing page and (unless DEMO_SIGN_IN=true) demo sign-in.
 * Sign-in (bearer JWTs, verified with jose: signature, algorithm, issuer, audience, expiry)
 *   AUTH_JWKS_URL         A real identity provider's JWKS (https; http only for loopback). Tokens need the
 *                         claims sub, role, org_kind, org_id (and name). Exclusive with AUTH_LOCAL_KEY_FILE.
 *   AUTH_LOCAL_KEY_FILE   A local ES256 key (JWK) used to sign demo tokens and verify them; generated at first
 *                         start when missing. Default: <DATA_DIR's parent>/keys/dev-jwt-es256.json. Several
 *                         gateway copies must share the file (a mounted secret) or use AUTH_JWKS_URL.
 *   AUTH_ISSUER           Expected `iss` (default continuity-dev); AUTH_AUDIENCE expected `aud` (default continuity-api).
 *   AUTH_ALGORITHMS       With AUTH_JWKS_URL: accepted algorithms, comma-separated (default RS256,PS256,ES256,EdDSA).
 *   AUTH_CLOCK_TOLERANCE_SECONDS  Allowed clock skew (default 30).
 *   DEMO_SIGN_IN          true | false. Default: on unless NODE_ENV=production. Serves /auth/demo-users and
 *                         /auth/demo-token (local key only) and writes the demo users into the directory.
 *   DEMO_TOKEN_SECONDS    Lifetime of a demo token (default 28800, 8 hours).
 *   DEMO_RETURNS          true | false. Default: as DEMO_SIGN_IN. After the server is listening, generates
 *                         demo 903 and census returns for the pilot councils and their practices (no
 *                         practice-level data is published) and imports them through the upload path, then a
 *                         demo contract per practice, once (a restart skips them in milliseconds; ~10 s the
 *                         first time on PGlite).
 * Practice pseudonyms
 *   PSEUDONYM_SECRET      The HMAC key for practice pseudonyms (16 bytes or more). Absent: read from (or
 *                         generated once into) PSEUDONYM_SECRET_FILE, default <DATA_DIR's parent>/pseudonym-secret.
 * Query limits, applied before execution (a rejected query runs no SQL)
 *   GRAPHQL_MAX_DEPTH     Deepest selection, the root field counting 1 (default 8).
 *   GRAPHQL_MAX_ALIASES   Aliased fields in a document (default 15).
 *   GRAPHQL_MAX_TOKENS    Lexical tokens in a document; the parser stops there (default 2000).
 *   GRAPHQL_MAX_COST      Estimated cost: 1 a field, a list multiplies its selection by 10 (default 5000).
 *   GRAPHQL_MAX_BREADTH   Fields selected in all (default 300).
 *   GRAPHQL_MAX_BODY_BYTES  Largest request body (default 100000).
 *   REQUEST_TIMEOUT_MS    A GraphQL request still running after this answers 503 TIMEOUT and starts no
 *                         further SQL (default 10000). The statement in flight finishes: on PostgreSQL, bound it
 *                         too with DATABASE_URL's `options=-c statement_timeout=...`.
 * Operations
 *   LOG_LEVEL             pino level: fatal, error, warn, info (default), debug, trace, silent. JSON lines on stdout,
 *                         each line of a request carrying its requestId (X-Request-Id, taken or generated).
 *   METRICS_PORT          Serve Prometheus /metrics on this port only (its own listener, e.g. 9464, not exposed
 *                         by the Service the Ingress uses). Without it /metrics is on PORT and needs
 *                         `Authorization: Bearer $METRICS_TOKEN` when METRICS_TOKEN is set; with neither, /metrics
 *                         is open outside production and off in production.
 *   METRICS_TOKEN         The bearer token /metrics on PORT wants (16 characters or more).
 *   SHUTDOWN_GRACE_MS     On SIGTERM: stop accepting, let requests in flight finish for up to this long (default
 *                         25000), then close connections and the database.
 * Production
 *   DASHBOARD_DIST        The dashboard's build (`npm run build`: apps/dashboard/dist) to serve on PORT beside the
 *                         API, compressed and with long-lived cache headers (http/static-site.ts). Unset: not served.
 * Uploads (POST /returns)
 *   RETURNS_MAX_FILE_MB, RETURNS_MAX_FILES, RETURNS_MAX_TOTAL_MB
 *                         Largest file (default 200), most files (default 20) and most megabytes of all the files of
 *                         one upload (default 500): every byte is held in memory while the return is read.
 *   RETURNS_MAX_ISSUES_PER_RULE, RETURNS_MAX_ISSUES
 *                         Issues listed (answered and stored) for one rule (default 100) and for one return (default
 *                         1000); each rule cut short gets a summary issue saying how many more (issue-caps.ts in
 *                         @continuity/returns). The import CLI reads them too.
 * Browsers and rate limits
 *   CORS_ORIGINS          Comma-separated origins (https://hub.example.gov.uk) whose pages may call the gateway
 *                         with credentials. In production the only ones; otherwise local origins are allowed too.
 *   RATE_LIMITS           true | false (default true): per-user and per-address limits on /graphql and /returns.
 *   RATE_LIMIT_GRAPHQL_USER, RATE_LIMIT_GRAPHQL_ADDRESS, RATE_LIMIT_RETURNS_USER, RATE_LIMIT_RETURNS_ADDRESS
 *                         requests/seconds (defaults 300/60, 900/60, 30/3600, 90/3600); over one: 429, Retry-After.
 * Always on: CSRF prevention (Apollo), batching off, generic error messages.
 */
const rate = (fallback: RateLimit) =>
  z.preprocess(
    blankAsMissing,
    z
      .string()
      .regex(/^\d+\/\d+$/, 'requests/seconds, e.g. 300/60')
      .transform((v): RateLimit => {
        const [points, seconds] = v.split('/').map(Number);
        return { points: points!, seconds: seconds! };
      })
      .refine((l) => l.points >= 1 && l.seconds >= 1, 'both at least 1')
      .default(`${fallback.points}/${fallback.seconds}`),
  );
const origins = z
  .string()
  .transform((v) =>
    v
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
  )
  .refine(
    (list) => list.every((o) => /^https?:\/\/[^/\s]+$/.test(o)),
    'origins like https://host[:port], comma-separated',
  );
const schema = z.object({
  DATABASE_URL: optional(z.string().url()),
  DATABASE_READ_URL: optional(z.string().url()),
  READ_REPLICA_MAX_LAG_BYTES: count(16 * 1024 * 1024),
  READ_REPLICA_PROBE_MS: count(2000),
  READ_YOUR_WRITES_WAIT_MS: withDefault(z.coerce.number().int().min(0), 1000),
  LOG_LEVEL: withDefault(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']), 'info'),
  METRICS_PORT: optional(z.coerce.number().int().min(0).max(65535)),
  METRICS_TOKEN: optional(z.string().min(16)),
  SHUTDOWN_GRACE_MS: withDefault(z.coerce.number().int().min(0), 25_000),
  DATA_DIR: withDefault(z.string(), '.data/pglite'),
  PORT: withDefault(z.coerce.number().int().min(0).max(65535), 4000),
  HOST: optional(z.string()),
  NODE_ENV: withDefault(z.enum(['development', 'test', 'production']), 'development'),
  AUTH_JWKS_URL: optional(z.string().url()),
  AUTH_LOCAL_KEY_FILE: optional(z.string()),
  AUTH_ISSUER: withDefault(z.string().min(1), 'continuity-dev'),
  AUTH_AUDIENCE: withDefault(z.string().min(1), 'continuity-api'),
  AUTH_ALGORITHMS: optional(z.string().regex(/^[A-Za-z0-9]+(,[A-Za-z0-9]+)*$/, 'a comma-separated list')),
  AUTH_CLOCK_TOLERANCE_SECONDS: withDefault(z.coerce.number().int().min(0).max(300), 30),
  DEMO_SIGN_IN: flag,
  DEMO_TOKEN_SECONDS: count(8 * 60 * 60),
  DEMO_RETURNS: flag,
  PSEUDONYM_SECRET: optional(z.string().refine((s) => Buffer.byteLength(s) >= 16, 'must be at least 16 bytes')),
  PSEUDONYM_SECRET_FILE: optional(z.string()),
  GRAPHQL_MAX_DEPTH: count(DEFAULT_LIMITS.maxDepth),
  GRAPHQL_MAX_ALIASES: withDefault(z.coerce.number().int().min(0), DEFAULT_LIMITS.maxAliases),
  GRAPHQL_MAX_TOKENS: count(DEFAULT_LIMITS.maxTokens),
  GRAPHQL_MAX_COST: count(DEFAULT_LIMITS.maxCost),
  GRAPHQL_MAX_BREADTH: count(DEFAULT_LIMITS.maxBreadth),
  GRAPHQL_MAX_BODY_BYTES: count(100_000),
  REQUEST_TIMEOUT_MS: count(10_000),
  DB_STATEMENT_TIMEOUT_MS: withDefault(z.coerce.number().int().min(0), DEFAULT_SERVER_GUARDS.statementTimeoutMs),
  DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: withDefault(
    z.coerce.number().int().min(0),
    DEFAULT_SERVER_GUARDS.idleInTransactionTimeoutMs,
  ),
  DB_CLIENT_CHECK_INTERVAL_MS: withDefault(
    z.coerce.number().int().min(0),
    DEFAULT_SERVER_GUARDS.connectionCheckIntervalMs,
  ),
  EMBEDDED_WATCHDOG_MS: withDefault(z.coerce.number().int().min(0), 120_000),
  CORS_ORIGINS: optional(origins),
  DASHBOARD_DIST: optional(z.string()),
  RETURNS_MAX_FILE_MB: optional(z.coerce.number().positive().max(1000)),
  RETURNS_MAX_FILES: optional(z.coerce.number().int().min(1).max(1000)),
  RETURNS_MAX_TOTAL_MB: optional(z.coerce.number().positive().max(10_000)),
  RETURNS_MAX_ISSUES_PER_RULE: optional(z.coerce.number().int().min(1).max(1_000_000)),
  RETURNS_MAX_ISSUES: optional(z.coerce.number().int().min(1).max(1_000_000)),
  RATE_LIMITS: flag,
  RATE_LIMIT_GRAPHQL_USER: rate(DEFAULT_RATE_LIMITS.graphqlPerUser),
  RATE_LIMIT_GRAPHQL_ADDRESS: rate(DEFAULT_RATE_LIMITS.graphqlPerAddress),
  RATE_LIMIT_RETURNS_USER: rate(DEFAULT_RATE_LIMITS.returnsPerUser),
  RATE_LIMIT_RETURNS_ADDRESS: rate(DEFAULT_RATE_LIMITS.returnsPerAddress),
});

export type NodeEnv = 'development' | 'test' | 'production';

export type AuthConfig =
  | {
      mode: 'remote';
      jwksUrl: string;
      algorithms: string[] | undefined;
      issuer: string;
      audience: string;
      clockToleranceSeconds: number;
    }
  | { mode: 'local'; localKeyFile: string; issuer: string; audience: string; clockToleranceSeconds: number };

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** Where reads go when there is a standby (DATABASE_READ_URL). */
interface ReadReplicaConfig {
  url: string;
  maxLagBytes: number;
  probeIntervalMs: number;
  readYourWritesWaitMs: number;
}

/** /metrics: its own port, or on PORT behind a token, open (development) or off (production default). */
type MetricsConfig =
  | { mode: 'port'; port: number }
  | { mode: 'token'; token: string }
  | { mode: 'open' }
  | { mode: 'off' };

export interface Env {
  DATABASE_URL: string | undefined;
  readReplica: ReadReplicaConfig | undefined;
  logLevel: LogLevel;
  metrics: MetricsConfig;
  shutdownGraceMs: number;
  DATA_DIR: string;
  PORT: number;
  HOST: string | undefined;
  NODE_ENV: NodeEnv;
  auth: AuthConfig;
  /** The secret itself, or the file to read it from (generated there when missing). */
  pseudonymSecret: { value: string } | { file: string };
  demoSignIn: boolean;
  demoReturns: boolean;
  demoTokenSeconds: number;
  limits: QueryLimits;
  bodyLimitBytes: number;
  requestTimeoutMs: number;
  /** PostgreSQL: the server-side guards on the gateway's connections (@continuity/db ServerGuards). */
  databaseGuards: ServerGuards;
  /** PGlite: a probe not answered in this time exits the gateway for its supervisor to restart (0: off). */
  embeddedWatchdogMs: number;
  corsOrigins: string[];
  /** False: RATE_LIMITS=false. */
  rateLimits: RateLimitConfig | false;
  uploadLimits: UploadLimits;
  /** The dashboard's build folder to serve, absolute; undefined: not served. */
  dashboardDist: string | undefined;
  /** The issue caps set (RETURNS_MAX_ISSUES_PER_RULE, RETURNS_MAX_ISSUES); undefined: DEFAULT_ISSUE_LIMITS (100, 1,000). */
  issueLimits: Partial<IssueLimits> | undefined;
}

/** Validates the environment; throws one error listing every bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = schema.safeParse(source);
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  if (parsed.success && parsed.data.AUTH_JWKS_URL && parsed.data.AUTH_LOCAL_KEY_FILE) {
    problems.push('AUTH_JWKS_URL, AUTH_LOCAL_KEY_FILE: set one, not both');
  }
  if (parsed.success && parsed.data.DATABASE_READ_URL && !parsed.data.DATABASE_URL) {
    problems.push('DATABASE_READ_URL: needs DATABASE_URL (the primary it replicates)');
  }
  if (!parsed.success || problems.length > 0) throw new Error(`Invalid environment: ${problems.join('; ')}`);
  const v = parsed.data;
  const fromRoot = (path: string) => (isAbsolute(path) ? path : resolve(repoRoot, path));
  const dataDir = fromRoot(v.DATA_DIR);
  const dataParent = dirname(dataDir);
  const common = {
    issuer: v.AUTH_ISSUER,
    audience: v.AUTH_AUDIENCE,
    clockToleranceSeconds: v.AUTH_CLOCK_TOLERANCE_SECONDS,
  };
  return {
    DATABASE_URL: v.DATABASE_URL,
    readReplica: v.DATABASE_READ_URL
      ? {
          url: v.DATABASE_READ_URL,
          maxLagBytes: v.READ_REPLICA_MAX_LAG_BYTES,
          probeIntervalMs: v.READ_REPLICA_PROBE_MS,
          readYourWritesWaitMs: v.READ_YOUR_WRITES_WAIT_MS,
        }
      : undefined,
    logLevel: v.LOG_LEVEL,
    metrics:
      v.METRICS_PORT !== undefined
        ? { mode: 'port', port: v.METRICS_PORT }
        : v.METRICS_TOKEN
          ? { mode: 'token', token: v.METRICS_TOKEN }
          : v.NODE_ENV === 'production'
            ? { mode: 'off' }
            : { mode: 'open' },
    shutdownGraceMs: v.SHUTDOWN_GRACE_MS,
    DATA_DIR: dataDir,
    PORT: v.PORT,
    HOST: v.HOST,
    NODE_ENV: v.NODE_ENV,
    auth: v.AUTH_JWKS_URL
      ? { mode: 'remote', jwksUrl: v.AUTH_JWKS_URL, algorithms: v.AUTH_ALGORITHMS?.split(','), ...common }
      : {
          mode: 'local',
          localKeyFile: v.AUTH_LOCAL_KEY_FILE
            ? fromRoot(v.AUTH_LOCAL_KEY_FILE)
            : join(dataParent, 'keys/dev-jwt-es256.json'),
          ...common,
        },
    pseudonymSecret: v.PSEUDONYM_SECRET
      ? { value: v.PSEUDONYM_SECRET }
      : { file: v.PSEUDONYM_SECRET_FILE ? fromRoot(v.PSEUDONYM_SECRET_FILE) : join(dataParent, 'pseudonym-secret') },
    demoSignIn: v.DEMO_SIGN_IN ? v.DEMO_SIGN_IN === 'true' : v.NODE_ENV !== 'production',
    demoReturns: v.DEMO_RETURNS
      ? v.DEMO_RETURNS === 'true'
      : v.DEMO_SIGN_IN
        ? v.DEMO_SIGN_IN === 'true'
        : v.NODE_ENV !== 'production',
    demoTokenSeconds: v.DEMO_TOKEN_SECONDS,
    limits: {
      maxDepth: v.GRAPHQL_MAX_DEPTH,
      maxAliases: v.GRAPHQL_MAX_ALIASES,
      maxTokens: v.GRAPHQL_MAX_TOKENS,
      maxCost: v.GRAPHQL_MAX_COST,
      maxBreadth: v.GRAPHQL_MAX_BREADTH,
    },
    bodyLimitBytes: v.GRAPHQL_MAX_BODY_BYTES,
    requestTimeoutMs: v.REQUEST_TIMEOUT_MS,
    databaseGuards: {
      statementTimeoutMs: v.DB_STATEMENT_TIMEOUT_MS,
      idleInTransactionTimeoutMs: v.DB_IDLE_IN_TRANSACTION_TIMEOUT_MS,
      connectionCheckIntervalMs: v.DB_CLIENT_CHECK_INTERVAL_MS,
    },
    embeddedWatchdogMs: v.EMBEDDED_WATCHDOG_MS,
    corsOrigins: v.CORS_ORIGINS ?? [],
    rateLimits:
      v.RATE_LIMITS === 'false'
        ? false
        : {
            graphqlPerUser: v.RATE_LIMIT_GRAPHQL_USER,
            graphqlPerAddress: v.RATE_LIMIT_GRAPHQL_ADDRESS,
            returnsPerUser: v.RATE_LIMIT_RETURNS_USER,
            returnsPerAddress: v.RATE_LIMIT_RETURNS_ADDRESS,
          },
    dashboardDist: v.DASHBOARD_DIST ? fromRoot(v.DASHBOARD_DIST) : undefined,
    uploadLimits: {
      maxFileBytes: v.RETURNS_MAX_FILE_MB ? Math.round(v.RETURNS_MAX_FILE_MB * MB) : DEFAULT_UPLOAD_LIMITS.maxFileBytes,
      maxFiles: v.RETURNS_MAX_FILES ?? DEFAULT_UPLOAD_LIMITS.maxFiles,
      maxTotalBytes: v.RETURNS_MAX_TOTAL_MB
        ? Math.round(v.RETURNS_MAX_TOTAL_MB * MB)
        : DEFAULT_UPLOAD_LIMITS.maxTotalBytes,
    },
    issueLimits:
      v.RETURNS_MAX_ISSUES_PER_RULE === undefined && v.RETURNS_MAX_ISSUES === undefined
        ? undefined
        : {
            ...(v.RETURNS_MAX_ISSUES_PER_RULE !== undefined ? { perRule: v.RETURNS_MAX_ISSUES_PER_RULE } : {}),
            ...(v.RETURNS_MAX_ISSUES !== undefined ? { perReturn: v.RETURNS_MAX_ISSUES } : {}),
          },
  };
}

let cached: Env | undefined;

/** The process environment, validated once on first use. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
