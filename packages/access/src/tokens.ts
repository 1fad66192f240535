/**
 * Bearer tokens: signed by the local key (demo users, tests) and verified against the key store,
 * checking signature, algorithm, issuer, audience, expiry (with a small clock tolerance) and the claims
 * a Viewer needs. Every failure is the same AuthenticationError; the reason is kept in `cause` for logs.
 */
import { SignJWT, jwtVerify } from 'jose';
import { claimsFromViewer, viewerFromClaims } from './claims';
import { LOCAL_ALGORITHM, type KeyStore } from './key-store';
import type { Viewer } from './viewer';

/** Longer than any sensible token; refused before any parsing. */
const MAX_TOKEN_LENGTH = 8192;

export class AuthenticationError extends Error {
  constructor(cause: unknown) {
    super('Authentication failed', { cause });
    this.name = 'AuthenticationError';
  }
}

export interface SignOptions {
  /** Lifetime in seconds from the store's clock. */
  expiresIn: number;
}

export async function signToken(store: KeyStore, viewer: Viewer, options: SignOptions): Promise<string> {
  if (!store.signing) throw new Error('tokens are signed only with a local key; use the identity provider');
  if (!Number.isInteger(options.expiresIn) || options.expiresIn <= 0) {
    throw new RangeError('expiresIn must be a positive whole number of seconds');
  }
  const now = Math.floor(store.clock().getTime() / 1000);
  const { sub, ...claims } = claimsFromViewer(viewer);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: LOCAL_ALGORITHM, kid: store.signing.kid, typ: 'JWT' })
    .setSubject(sub)
    .setIssuer(store.issuer)
    .setAudience(store.audience)
    .setIssuedAt(now)
    .setExpirationTime(now + options.expiresIn)
    .sign(store.signing.key);
}

export async function verifyToken(store: KeyStore, token: string): Promise<Viewer> {
  try {
    if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN_LENGTH) {
      throw new Error('token missing or too long');
    }
    const { payload } = await jwtVerify(token, store.verificationKeys, {
      issuer: store.issuer,
      audience: store.audience,
      algorithms: [...store.algorithms],
      clockTolerance: store.clockToleranceSeconds,
      currentDate: store.clock(),
      // jose checks exp only when present: a token without it would never expire.
      requiredClaims: ['exp', 'sub'],
    });
    return viewerFromClaims(payload);
  } catch (error) {
    throw new AuthenticationError(error);
  }
}

/** The token in an `Authorization: Bearer <token>` header, or undefined. */
export function bearerToken(header: string | null | undefined): string | undefined {
  const match = /^Bearer +([A-Za-z0-9._~+/-]+=*) *$/i.exec(header ?? '');
  return match?.[1];
}
