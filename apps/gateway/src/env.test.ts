import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '@continuity/schema';
import { parseEnv, repoRoot } from './env';

describe('parseEnv', () => {
  it('seeds demo returns with demo sign-in unless told otherwise', () => {
    expect(parseEnv({}).demoReturns).toBe(true);
    expect(parseEnv({ NODE_ENV: 'production' }).demoReturns).toBe(false);
    expect(parseEnv({ NODE_ENV: 'production', DEMO_SIGN_IN: 'true' }).demoReturns).toBe(true);
    expect(parseEnv({ DEMO_RETURNS: 'false' }).demoReturns).toBe(false);
  });

  it('defaults to PGlite under the repository root, port 4000, development, a local key and secret beside it', () => {
    expect(parseEnv({})).toEqual({
      DATABASE_URL: undefined,
      readReplica: undefined,
      logLevel: 'info',
      metrics: { mode: 'open' },
      shutdownGraceMs: 25_000,
      DATA_DIR: join(repoRoot, '.data/pglite'),
      PORT: 4000,
      HOST: undefined,
      NODE_ENV: 'development',
      auth: {
        mode: 'local',
        localKeyFile: join(repoRoot, '.data/keys/dev-jwt-es256.json'),
        issuer: 'continuity-dev',
        audience: 'continuity-api',
        clockToleranceSeconds: 30,
      },
      pseudonymSecret: { file: join(repoRoot, '.data/pseudonym-secret') },
      demoSignIn: true,
      demoReturns: true,
      demoTokenSeconds: 28_800,
      limits: DEFAULT_LIMITS,
      bodyLimitBytes: 100_000,
      requestTimeoutMs: 10_000,
      databaseGuards: {
        statementTimeoutMs: 60_000,
        idleInTransactionTimeoutMs: 60_000,
        connectionCheckIntervalMs: 2_000,
      },
      embeddedWatchdogMs: 120_000,
      corsOrigins: [],
      rateLimits: {
        graphqlPerUser: { points: 300, seconds: 60 },
        graphqlPerAddress: { points: 900, seconds: 60 },
        returnsPerUser: { points: 30, seconds: 3600 },
        returnsPerAddress: { points: 90, seconds: 3600 },
      },
      dashboardDist: undefined,
      uploadLimits: { maxFileBytes: 200 * 1024 * 1024, maxFiles: 20, maxTotalBytes: 500 * 1024 * 1024 },
    });
  });

  it('takes a read replica beside the primary, the log level, and where /metrics is served', () => {
    expect(
      parseEnv({
        DATABASE_URL: 'postgres://u@primary/x',
        DATABASE_READ_URL: 'postgres://u@standby/x',
        READ_YOUR_WRITES_WAIT_MS: '0',
      }),
    ).toMatchObject({
      DATABASE_URL: 'postgres://u@primary/x',
      readReplica: {
        url: 'postgres://u@standby/x',
        maxLagBytes: 16_777_216,
        probeIntervalMs: 2000,
        readYourWritesWaitMs: 0,
      },
    });
    expect(() => parseEnv({ DATABASE_READ_URL: 'postgres://u@standby/x' })).toThrow(
      /DATABASE_READ_URL: needs DATABASE_URL/,
    );
    expect(parseEnv({ LOG_LEVEL: 'debug' }).logLevel).toBe('debug');
    expect(() => parseEnv({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
    expect(parseEnv({ METRICS_PORT: '9464', METRICS_TOKEN: 'x'.repeat(16) }).metrics).toEqual({
      mode: 'port',
      port: 9464,
    });
    expect(parseEnv({ METRICS_TOKEN: 'x'.repeat(16) }).metrics).toEqual({ mode: 'token', token: 'x'.repeat(16) });
    expect(parseEnv({ NODE_ENV: 'production' }).metrics).toEqual({ mode: 'off' });
    expect(() => parseEnv({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN/);
  });

  it('reads the issue caps of uploads and the import CLI, leaving the defaults to @continuity/returns', () => {
    expect(parseEnv({}).issueLimits).toBeUndefined();
    expect(parseEnv({ RETURNS_MAX_ISSUES_PER_RULE: '20', RETURNS_MAX_ISSUES: '' }).issueLimits).toEqual({
      perRule: 20,
    });
    expect(parseEnv({ RETURNS_MAX_ISSUES_PER_RULE: '5', RETURNS_MAX_ISSUES: '50' }).issueLimits).toEqual({
      perRule: 5,
      perReturn: 50,
    });
    expect(() => parseEnv({ RETURNS_MAX_ISSUES: '0' })).toThrow(/RETURNS_MAX_ISSUES/);
    expect(() => parseEnv({ RETURNS_MAX_ISSUES_PER_RULE: 'many' })).toThrow(/RETURNS_MAX_ISSUES_PER_RULE/);
  });

  it('reads the database guards and the embedded watchdog, 0 turning one off', () => {
    const parsed = parseEnv({
      DB_STATEMENT_TIMEOUT_MS: '30000',
      DB_CLIENT_CHECK_INTERVAL_MS: '0',
      EMBEDDED_WATCHDOG_MS: '0',
    });
    expect(parsed.databaseGuards).toEqual({
      statementTimeoutMs: 30_000,
      idleInTransactionTimeoutMs: 60_000,
      connectionCheckIntervalMs: 0,
    });
    expect(parsed.embeddedWatchdogMs).toBe(0);
    expect(() => parseEnv({ DB_STATEMENT_TIMEOUT_MS: '-1' })).toThrow(/DB_STATEMENT_TIMEOUT_MS/);
  });

  it('reads and coerces what is set, treating blanks as unset', () => {
    const parsed = parseEnv({
      DATABASE_URL: 'postgres://u@db:5432/x',
      DATA_DIR: '/var/data/pglite',
      PORT: '0',
      NODE_ENV: 'production',
      HOST: '',
      AUTH_JWKS_URL: 'https://idp.example/jwks',
      AUTH_ALGORITHMS: 'RS256,ES256',
      AUTH_ISSUER: 'https://idp.example',
      AUTH_AUDIENCE: 'continuity',
      PSEUDONYM_SECRET: 'a-secret-of-enough-bytes',
      GRAPHQL_MAX_DEPTH: '6',
      GRAPHQL_MAX_ALIASES: '0',
      REQUEST_TIMEOUT_MS: '2500',
    });
    expect(parsed).toMatchObject({
      DATABASE_URL: 'postgres://u@db:5432/x',
      DATA_DIR: '/var/data/pglite',
      PORT: 0,
      HOST: undefined,
      NODE_ENV: 'production',
      auth: {
        mode: 'remote',
        jwksUrl: 'https://idp.example/jwks',
        algorithms: ['RS256', 'ES256'],
        issuer: 'https://idp.example',
        audience: 'continuity',
      },
      pseudonymSecret: { value: 'a-secret-of-enough-bytes' },
      // Off in production unless asked for.
      demoSignIn: false,
      limits: { ...DEFAULT_LIMITS, maxDepth: 6, maxAliases: 0 },
      requestTimeoutMs: 2500,
    });
    expect(parseEnv({ DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
    expect(parseEnv({ NODE_ENV: 'production', DEMO_SIGN_IN: 'true' }).demoSignIn).toBe(true);
    expect(parseEnv({ DEMO_SIGN_IN: 'false' }).demoSignIn).toBe(false);
    // The key file and secret default beside DATA_DIR.
    expect(parseEnv({ DATA_DIR: '/srv/db' })).toMatchObject({
      auth: { localKeyFile: '/srv/keys/dev-jwt-es256.json' },
      pseudonymSecret: { file: '/srv/pseudonym-secret' },
    });
  });

  it('reads CORS origins and rate limits as requests/seconds, or turns the limits off', () => {
    const parsed = parseEnv({
      CORS_ORIGINS: 'https://hub.example.gov.uk, http://10.0.0.2:8080',
      RATE_LIMIT_GRAPHQL_USER: '5/10',
    });
    expect(parsed.corsOrigins).toEqual(['https://hub.example.gov.uk', 'http://10.0.0.2:8080']);
    expect(parsed.rateLimits).toMatchObject({
      graphqlPerUser: { points: 5, seconds: 10 },
      returnsPerUser: { points: 30, seconds: 3600 },
    });
    expect(parseEnv({ RATE_LIMITS: 'false' }).rateLimits).toBe(false);
    expect(() => parseEnv({ RATE_LIMIT_RETURNS_USER: '5 a minute', CORS_ORIGINS: '*' })).toThrow(
      /RATE_LIMIT_RETURNS_USER.*CORS_ORIGINS|CORS_ORIGINS.*RATE_LIMIT_RETURNS_USER/,
    );
    expect(() => parseEnv({ RATE_LIMIT_GRAPHQL_ADDRESS: '0/60' })).toThrow(/RATE_LIMIT_GRAPHQL_ADDRESS/);
  });

  it('names every bad variable at once', () => {
    expect(() => parseEnv({ PORT: 'eighty', NODE_ENV: 'staging' })).toThrow(/PORT.*NODE_ENV|NODE_ENV.*PORT/);
    expect(() => parseEnv({ PSEUDONYM_SECRET: 'short', GRAPHQL_MAX_COST: '0' })).toThrow(
      /PSEUDONYM_SECRET.*GRAPHQL_MAX_COST/,
    );
    expect(() => parseEnv({ AUTH_JWKS_URL: 'https://idp.example/jwks', AUTH_LOCAL_KEY_FILE: 'k.json' })).toThrow(
      /set one, not both/,
    );
  });
});
