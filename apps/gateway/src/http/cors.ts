import type { IncomingMessage, ServerResponse } from 'node:http';

// The dashboard's dev server proxies /graphql, so CORS is not needed there. Outside production a page
// served from any local port (Vite preview, Storybook, a test) may call the gateway directly; in
// production only the origins configured in CORS_ORIGINS: a reflected localhost origin with
// credentials would let any page served on the user's own machine (a dev server, a malicious local
// app) read their data.
const LOCAL_ORIGIN = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/;

export interface CorsPolicy {
  /** May a page from this origin read the gateway's answers, with credentials? */
  allows(origin: string): boolean;
}

/** Production: exactly the listed origins (e.g. https://continuity.example.gov.uk). Otherwise also local ones. */
export function corsPolicy(options: { production: boolean; origins?: readonly string[] }): CorsPolicy {
  const listed = new Set((options.origins ?? []).map((o) => o.replace(/\/+$/, '')));
  return {
    allows: (origin) => listed.has(origin) || (!options.production && LOCAL_ORIGIN.test(origin)),
  };
}

/**
 * Sets CORS headers for allowed origins. Returns true when the request was a preflight and has been
 * answered.
 */
export function handleCors(req: IncomingMessage, res: ServerResponse, policy: CorsPolicy): boolean {
  const origin = req.headers.origin;
  res.setHeader('Vary', 'Origin');
  if (!origin || !policy.allows(origin)) return false;
  res.setHeader('Access-Control-Allow-Origin', origin);
  res.setHeader('Access-Control-Allow-Credentials', 'true');
  // Read-your-writes: a page on another origin must see a write's commit position to send it back.
  res.setHeader('Access-Control-Expose-Headers', 'x-commit-lsn, x-read-from');
  if (req.method !== 'OPTIONS') return false;
  res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
  res.setHeader(
    'Access-Control-Allow-Headers',
    'content-type, authorization, apollo-require-preflight, x-apollo-operation-name, x-min-lsn',
  );
  res.setHeader('Access-Control-Max-Age', '600');
  res.statusCode = 204;
  res.end();
  return true;
}
