/**
 * Rate limits on /graphql and /returns, per signed-in user and per client address (rate-limiter-flexible,
 * in this process's memory: each gateway copy counts its own requests). A request over either limit is
 * answered 429 with Retry-After, before any of its SQL runs. The address limit is checked before the token
 * (so a flood of bad tokens is limited too), the user limit after it.
 */
import type { IncomingMessage } from 'node:http';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

export interface RateLimit {
  /** Requests allowed in each window. */
  points: number;
  /** The window, in seconds. */
  seconds: number;
}

export interface RateLimitConfig {
  graphqlPerUser: RateLimit;
  graphqlPerAddress: RateLimit;
  returnsPerUser: RateLimit;
  returnsPerAddress: RateLimit;
}

/**
 * Defaults: a dashboard page sends a handful of queries, so 300 a minute for a user is far above use and
 * far below what it takes to tie the gateway up (15 aliased national series take seconds each). An
 * address may carry several users (an office behind one NAT): 3 times that. Uploads are heavy: 30 an hour.
 */
export const DEFAULT_RATE_LIMITS: RateLimitConfig = {
  graphqlPerUser: { points: 300, seconds: 60 },
  graphqlPerAddress: { points: 900, seconds: 60 },
  returnsPerUser: { points: 30, seconds: 3600 },
  returnsPerAddress: { points: 90, seconds: 3600 },
};

export type LimitedRoute = 'graphql' | 'returns';

/** The wait before the caller may try again, in whole seconds; null when the request may go ahead. */
export type RateCheck = (route: LimitedRoute, by: 'user' | 'address', key: string) => Promise<number | null>;

export function rateLimiter(config: RateLimitConfig): RateCheck {
  const make = (limit: RateLimit, prefix: string) =>
    new RateLimiterMemory({ points: limit.points, duration: limit.seconds, keyPrefix: prefix });
  const limiters = {
    graphql: { user: make(config.graphqlPerUser, 'gu'), address: make(config.graphqlPerAddress, 'ga') },
    returns: { user: make(config.returnsPerUser, 'ru'), address: make(config.returnsPerAddress, 'ra') },
  };
  return async (route, by, key) => {
    try {
      await limiters[route][by].consume(key);
      return null;
    } catch (rejection) {
      // The memory store only rejects with a RateLimiterRes (over the limit); anything else is a bug.
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      return Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
    }
  };
}

/** The address a request came from: the socket's peer (X-Forwarded-For is not trusted: it is the client's to write). */
export function clientAddress(req: IncomingMessage): string {
  return req.socket.remoteAddress ?? 'unknown';
}
