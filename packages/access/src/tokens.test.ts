import { createServer, type Server } from 'node:http';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignJWT, base64url, errors, exportJWK, generateKeyPair, type CryptoKey } from 'jose';
import { ZodError } from 'zod';
import { createKeyStore, type KeyStore, type LocalKeyConfig } from './key-store';
import { AuthenticationError, bearerToken, signToken, verifyToken } from './tokens';
import { demoUsers } from './demo-users';
import type { Viewer } from './viewer';

const T0 = new Date('2025-06-01T09:00:00Z');
const at = (seconds: number) => () => new Date(T0.getTime() + seconds * 1000);
const kent: Viewer = { userId: 'u1', name: 'Kent user', role: 'council', organisation: { kind: 'council', id: '886' } };

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'continuity-access-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

let files = 0;
const config = (over: Partial<LocalKeyConfig> = {}): LocalKeyConfig => ({
  localKeyFile: join(dir, `key-${files}.json`),
  issuer: 'https://continuity.test',
  audience: 'continuity-api',
  clock: at(0),
  ...over,
});
const freshConfig = (over: Partial<LocalKeyConfig> = {}) => {
  files++;
  return config(over);
};

/** Expects the one generic error, and returns its cause for a closer look. */
async function rejected(promise: Promise<unknown>): Promise<unknown> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AuthenticationError);
  expect((error as Error).message).toBe('Authentication failed');
  return (error as Error).cause;
}

/** A token signed with the store's own key but with claims of our choosing. */
function rawToken(store: KeyStore, claims: Record<string, unknown>, exp: number | null = 3600): Promise<string> {
  const jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', kid: store.signing!.kid })
    .setIssuer(store.issuer)
    .setAudience(store.audience)
    .setIssuedAt(T0);
  if (exp !== null) jwt.setExpirationTime(Math.floor(T0.getTime() / 1000) + exp);
  return jwt.sign(store.signing!.key);
}

describe('local key store and tokens', () => {
  it('signs and verifies a viewer, and every demo user', async () => {
    const store = await createKeyStore(freshConfig());
    expect(await verifyToken(store, await signToken(store, kent, { expiresIn: 3600 }))).toEqual(kent);
    for (const { viewer } of demoUsers) {
      expect(await verifyToken(store, await signToken(store, viewer, { expiresIn: 60 }))).toEqual(viewer);
    }
  });

  it('rejects an expired token, allowing 30 seconds of clock skew', async () => {
    const c = freshConfig();
    const token = await signToken(await createKeyStore(c), kent, { expiresIn: 3600 });
    const late = await createKeyStore({ ...c, clock: at(3600 + 29) });
    expect(await verifyToken(late, token)).toEqual(kent);
    const later = await createKeyStore({ ...c, clock: at(3600 + 31) });
    expect(await rejected(verifyToken(later, token))).toBeInstanceOf(errors.JWTExpired);
  });

  it('rejects a token signed by another key, with its own kid or with ours', async () => {
    const ours = await createKeyStore(freshConfig());
    const theirs = await createKeyStore(freshConfig());
    await rejected(verifyToken(ours, await signToken(theirs, kent, { expiresIn: 60 })));
    const forged = await new SignJWT({ role: 'admin', org_kind: 'department', org_id: 'dfe' })
      .setProtectedHeader({ alg: 'ES256', kid: ours.signing!.kid })
      .setSubject('intruder')
      .setIssuer(ours.issuer)
      .setAudience(ours.audience)
      .setExpirationTime(Math.floor(T0.getTime() / 1000) + 60)
      .sign(theirs.signing!.key);
    expect(await rejected(verifyToken(ours, forged))).toBeInstanceOf(errors.JWSSignatureVerificationFailed);
  });

  it('rejects the wrong audience and the wrong issuer', async () => {
    const c = freshConfig();
    const store = await createKeyStore(c);
    const token = await signToken(store, kent, { expiresIn: 60 });
    const otherAudience = await createKeyStore({ ...c, audience: 'another-api' });
    const otherIssuer = await createKeyStore({ ...c, issuer: 'https://elsewhere.test' });
    expect(await rejected(verifyToken(otherAudience, token))).toBeInstanceOf(errors.JWTClaimValidationFailed);
    expect(await rejected(verifyToken(otherIssuer, token))).toBeInstanceOf(errors.JWTClaimValidationFailed);
  });

  it('rejects missing or inconsistent claims', async () => {
    const store = await createKeyStore(freshConfig());
    const claims = { sub: 'u1', role: 'council', org_kind: 'council', org_id: '886' };
    const { role: _role, ...noRole } = claims;
    expect(await rejected(verifyToken(store, await rawToken(store, noRole)))).toBeInstanceOf(ZodError);
    const { sub: _sub, ...noSubject } = claims;
    await rejected(verifyToken(store, await rawToken(store, noSubject)));
    await rejected(verifyToken(store, await rawToken(store, { ...claims, org_kind: 'practice', org_id: 'swp-kent' })));
    await rejected(verifyToken(store, await rawToken(store, { ...claims, org_id: 'Kent' })));
    await rejected(verifyToken(store, await rawToken(store, { ...claims, role: 'superuser' })));
    // A token without exp would never expire.
    await rejected(verifyToken(store, await rawToken(store, claims, null)));
    expect(await verifyToken(store, await rawToken(store, claims))).toMatchObject({ userId: 'u1', name: 'u1' });
  });

  it('rejects alg none, another algorithm, a tampered payload and junk', async () => {
    const store = await createKeyStore(freshConfig());
    const token = await signToken(store, kent, { expiresIn: 60 });
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const claims = JSON.parse(new TextDecoder().decode(base64url.decode(payload))) as Record<string, unknown>;

    const none = base64url.encode(JSON.stringify({ alg: 'none', typ: 'JWT' }));
    await rejected(verifyToken(store, `${none}.${payload}.`));

    const promoted = base64url.encode(
      JSON.stringify({ ...claims, role: 'admin', org_kind: 'department', org_id: 'dfe' }),
    );
    expect(await rejected(verifyToken(store, `${header}.${promoted}.${signature}`))).toBeInstanceOf(
      errors.JWSSignatureVerificationFailed,
    );

    const hs256 = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', kid: store.signing!.kid })
      .sign(new TextEncoder().encode('a-shared-secret-of-thirty-two-b!'));
    await rejected(verifyToken(store, hs256));

    await rejected(verifyToken(store, ''));
    await rejected(verifyToken(store, 'not.a.token'));
    await rejected(verifyToken(store, 'x'.repeat(10_000)));
  });

  it('refuses a lifetime that is not a positive number of seconds', async () => {
    const store = await createKeyStore(freshConfig());
    await expect(signToken(store, kent, { expiresIn: 0 })).rejects.toThrow(RangeError);
    await expect(signToken(store, kent, { expiresIn: 1.5 })).rejects.toThrow(RangeError);
  });
});

describe('local key file', () => {
  it('is generated once with mode 0600 and reused', async () => {
    const c = freshConfig({ localKeyFile: join(dir, 'nested', 'secrets', 'jwt.json') });
    const first = await createKeyStore(c);
    const text = await readFile(c.localKeyFile, 'utf8');
    expect((await stat(c.localKeyFile)).mode & 0o777).toBe(0o600);
    expect((await stat(join(dir, 'nested', 'secrets'))).mode & 0o777).toBe(0o700);
    expect(JSON.parse(text)).toMatchObject({
      kty: 'EC',
      crv: 'P-256',
      alg: 'ES256',
      use: 'sig',
      kid: first.signing!.kid,
    });

    const second = await createKeyStore(c);
    expect(second.signing!.kid).toBe(first.signing!.kid);
    expect(await readFile(c.localKeyFile, 'utf8')).toBe(text);
    // A token from before a restart still verifies.
    expect(await verifyToken(second, await signToken(first, kent, { expiresIn: 60 }))).toEqual(kent);
    expect(second.publicJwks.keys[0]).not.toHaveProperty('d');
  });

  it('gives one key to processes starting together', async () => {
    const c = freshConfig();
    const stores = await Promise.all([createKeyStore(c), createKeyStore(c), createKeyStore(c)]);
    expect(new Set(stores.map((s) => s.signing!.kid)).size).toBe(1);
  });

  it('refuses a file that is not an ES256 private key, without quoting it', async () => {
    const c = freshConfig();
    await writeFile(c.localKeyFile, '{"kty":"oct","k":"c2VjcmV0LWtleS1tYXRlcmlhbA"}');
    const error = (await createKeyStore(c).catch((e: unknown) => e)) as Error;
    expect(error.message).toMatch(/is not an ES256 private JWK/);
    expect(error.message).not.toMatch(/c2VjcmV0/);
    await writeFile(c.localKeyFile, 'secret-key-material not json');
    expect(((await createKeyStore(c).catch((e: unknown) => e)) as Error).message).not.toMatch(/secret-key/);
  });
});

describe('remote JWKS', () => {
  let server: Server;
  let jwksUrl: string;
  let privateKey: CryptoKey;

  beforeAll(async () => {
    const pair = await generateKeyPair('ES256');
    privateKey = pair.privateKey;
    const jwks = JSON.stringify({
      keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'idp-1', alg: 'ES256', use: 'sig' }],
    });
    server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(jwks);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  const remote = () =>
    createKeyStore({ jwksUrl, issuer: 'https://idp.test', audience: 'continuity-api', clock: at(0) });

  it("verifies a token signed by the identity provider's key", async () => {
    const store = await remote();
    const token = await new SignJWT({ name: 'Kent user', role: 'council', org_kind: 'council', org_id: '886' })
      .setProtectedHeader({ alg: 'ES256', kid: 'idp-1' })
      .setSubject('u1')
      .setIssuer('https://idp.test')
      .setAudience('continuity-api')
      .setExpirationTime(Math.floor(T0.getTime() / 1000) + 60)
      .sign(privateKey);
    expect(await verifyToken(store, token)).toEqual(kent);
    const local = await createKeyStore(freshConfig({ issuer: 'https://idp.test' }));
    await rejected(verifyToken(store, await signToken(local, kent, { expiresIn: 60 })));
  });

  it('does not sign, and fetches keys over https only (except loopback)', async () => {
    await expect(signToken(await remote(), kent, { expiresIn: 60 })).rejects.toThrow(/local key/);
    await expect(
      createKeyStore({ jwksUrl: 'http://idp.example.org/jwks.json', issuer: 'i', audience: 'a' }),
    ).rejects.toThrow(/https/);
  });
});

describe('bearerToken', () => {
  it('reads the token from an Authorization header', () => {
    expect(bearerToken('Bearer abc.def.ghi')).toBe('abc.def.ghi');
    expect(bearerToken('bearer  abc.def.ghi')).toBe('abc.def.ghi');
    expect(bearerToken('Basic dXNlcjpwYXNz')).toBeUndefined();
    expect(bearerToken('Bearer ')).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
  });
});
