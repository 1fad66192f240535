/**
 * Where token keys come from: a real identity provider's JWKS URL, or a local ES256 key pair kept in a
 * JSON file (JWK), generated at first start. The local file is a development default, never committed;
 * several gateway copies must share it (a mounted secret) or use an identity provider instead.
 */
import {
  calculateJwkThumbprint,
  createLocalJWKSet,
  createRemoteJWKSet,
  exportJWK,
  generateKeyPair,
  importJWK,
  type CryptoKey,
  type JWK,
  type JWTVerifyGetKey,
} from 'jose';
import { z } from 'zod';
import { loadOrCreatePrivateFile } from './private-file';

export const LOCAL_ALGORITHM = 'ES256';
/** A development default for the local key file: under .data/, which .gitignore keeps out of commits. */
export const DEFAULT_LOCAL_KEY_FILE = '.data/keys/dev-jwt-es256.json';
/** Asymmetric only: an HMAC algorithm here would let a public key be used as a shared secret. */
export const DEFAULT_REMOTE_ALGORITHMS = ['RS256', 'PS256', 'ES256', 'EdDSA'] as const;
export const DEFAULT_CLOCK_TOLERANCE_SECONDS = 30;

interface CommonConfig {
  issuer: string;
  audience: string;
  /** Allowed clock skew between issuer and gateway, in seconds. Default 30. */
  clockToleranceSeconds?: number;
  /** The time now; tests fix it. Default: the system clock. */
  clock?: () => Date;
}

export interface RemoteKeyConfig extends CommonConfig {
  jwksUrl: string;
  algorithms?: readonly string[];
}

export interface LocalKeyConfig extends CommonConfig {
  localKeyFile: string;
}

export type KeyStoreConfig = RemoteKeyConfig | LocalKeyConfig;

export interface KeyStore {
  readonly mode: 'remote' | 'local';
  readonly issuer: string;
  readonly audience: string;
  readonly algorithms: readonly string[];
  readonly clockToleranceSeconds: number;
  readonly clock: () => Date;
  readonly verificationKeys: JWTVerifyGetKey;
  /** Local mode only. */
  readonly signing?: { key: CryptoKey; kid: string };
  /** Local mode: the public key set, for a /.well-known/jwks.json route. Remote mode: empty. */
  readonly publicJwks: { keys: JWK[] };
}

export async function createKeyStore(config: KeyStoreConfig): Promise<KeyStore> {
  if (!config.issuer || !config.audience) throw new Error('token issuer and audience are required');
  const common = {
    issuer: config.issuer,
    audience: config.audience,
    clockToleranceSeconds: config.clockToleranceSeconds ?? DEFAULT_CLOCK_TOLERANCE_SECONDS,
    clock: config.clock ?? (() => new Date()),
  };
  if ('jwksUrl' in config) {
    return {
      ...common,
      mode: 'remote',
      algorithms: config.algorithms ?? DEFAULT_REMOTE_ALGORITHMS,
      verificationKeys: createRemoteJWKSet(jwksUrl(config.jwksUrl)),
      publicJwks: { keys: [] },
    };
  }
  const privateJwk = await loadOrCreateKeyFile(config.localKeyFile);
  const { d: _d, ...publicJwk } = privateJwk;
  return {
    ...common,
    mode: 'local',
    algorithms: [LOCAL_ALGORITHM],
    verificationKeys: createLocalJWKSet({ keys: [publicJwk] }),
    signing: { key: (await importJWK(privateJwk, LOCAL_ALGORITHM)) as CryptoKey, kid: privateJwk.kid },
    publicJwks: { keys: [publicJwk] },
  };
}

/** Keys are fetched over HTTPS only; plain HTTP is allowed for loopback (tests, a local provider). */
function jwksUrl(raw: string): URL {
  const url = new URL(raw);
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new Error(`JWKS URL must use https: ${url.origin}`);
  }
  return url;
}

const privateKeyFile = z.object({
  kty: z.literal('EC'),
  crv: z.literal('P-256'),
  x: z.string().min(1),
  y: z.string().min(1),
  d: z.string().min(1),
  kid: z.string().min(1),
  alg: z.literal(LOCAL_ALGORITHM),
  use: z.literal('sig'),
});
type PrivateKeyFile = z.infer<typeof privateKeyFile>;

/**
 * Reads the key file, or generates a key and creates it (see loadOrCreatePrivateFile for modes and
 * two processes starting together: both end up with the one key).
 */
async function loadOrCreateKeyFile(path: string): Promise<PrivateKeyFile> {
  return loadOrCreatePrivateFile(
    path,
    (text) => parseKeyFile(path, text),
    async () => {
      const { privateKey } = await generateKeyPair(LOCAL_ALGORITHM, { extractable: true });
      const jwk = await exportJWK(privateKey);
      const kid = await calculateJwkThumbprint(jwk);
      const created = privateKeyFile.parse({ ...jwk, kid, alg: LOCAL_ALGORITHM, use: 'sig' });
      return { value: created, text: JSON.stringify(created, null, 2) + '\n' };
    },
  );
}

function parseKeyFile(path: string, text: string): PrivateKeyFile {
  // Neither the parse error nor zod's issues are passed on: they could quote key material into logs.
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const parsed = privateKeyFile.safeParse(json);
  if (!parsed.success) throw new Error(`${path} is not an ES256 private JWK`);
  return parsed.data;
}
