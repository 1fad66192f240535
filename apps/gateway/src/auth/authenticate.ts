import type { IncomingMessage } from 'node:http';
import {
  AuthenticationError,
  bearerToken,
  createKeyStore,
  verifyToken,
  type KeyStore,
  type Viewer,
} from '@continuity/access';
import type { AuthConfig } from '../env';
import type { DirectoryCheck } from './directory';

export { AuthenticationError };

/** The key store for the configured mode: a JWKS URL, or the local key file (generated at first start). */
export function keyStoreFor(config: AuthConfig, clock?: () => Date): Promise<KeyStore> {
  const common = {
    issuer: config.issuer,
    audience: config.audience,
    clockToleranceSeconds: config.clockToleranceSeconds,
    clock,
  };
  return config.mode === 'remote'
    ? createKeyStore({
        ...common,
        jwksUrl: config.jwksUrl,
        ...(config.algorithms ? { algorithms: config.algorithms } : {}),
      })
    : createKeyStore({ ...common, localKeyFile: config.localKeyFile });
}

/**
 * The viewer of a request: null when it carries no Authorization header; the verified token's viewer
 * otherwise. A header that is not a valid bearer token (malformed, expired, wrongly signed, another
 * issuer or audience, claims that make no viewer) throws AuthenticationError, whose message is the
 * same whatever the reason: the gateway answers 401 and logs nothing of the token. With a `directory`,
 * a token whose user is unknown, disabled or not of the claimed role and organisation is refused too.
 */
export type Authenticate = (req: IncomingMessage) => Promise<Viewer | null>;

export function authenticator(store: KeyStore | undefined, directory?: DirectoryCheck): Authenticate {
  return async (req) => {
    const header = req.headers.authorization;
    if (header === undefined) return null;
    const token = bearerToken(header);
    if (!token || !store) throw new AuthenticationError(new Error('no bearer token'));
    const viewer = await verifyToken(store, token);
    // A signature proves who issued the token, not that its user may still sign in (directory.ts).
    if (directory && !(await directory(viewer))) throw new AuthenticationError(new Error('not in the directory'));
    return viewer;
  };
}
