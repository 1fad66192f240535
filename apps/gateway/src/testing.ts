/**
 * Helpers for the gateway's HTTP tests: a local key store in a temporary folder, tokens for the
 * schema's test viewers, and a server over a seeded database.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKeyStore, signToken, type KeyStore, type Viewer } from '@continuity/access';

export const TEST_ISSUER = 'continuity-test';
export const TEST_AUDIENCE = 'continuity-api-test';

export interface TestKeys {
  store: KeyStore;
  /** The folder holding the key file, and the file (more stores can be made on the same key). */
  dir: string;
  keyFile: string;
  token(viewer: Viewer, expiresIn?: number): Promise<string>;
  /** Removes the key folder. */
  dispose(): void;
}

export async function testKeys(options: { clock?: () => Date; issuer?: string; audience?: string } = {}): Promise<TestKeys> {
  const dir = mkdtempSync(join(tmpdir(), 'continuity-gateway-keys-'));
  const store = await createKeyStore({
    localKeyFile: join(dir, 'key.json'),
    issuer: options.issuer ?? TEST_ISSUER,
    audience: options.audience ?? TEST_AUDIENCE,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  return {
    store,
    dir,
    keyFile: join(dir, 'key.json'),
    token: (viewer, expiresIn = 600) => signToken(store, viewer, { expiresIn }),
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** POSTs a GraphQL document as the dashboard does. */
export async function post(
  url: string,
  source: string,
  options: { token?: string | undefined; variables?: Record<string, unknown>; headers?: Record<string, string> } = {},
) {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: JSON.stringify({ query: source, variables: options.variables }),
  });
  const body = (await response.json()) as { data?: any; errors?: any[] };
  return { status: response.status, headers: response.headers, ...body };
}
