/**
 * Helpers for the gateway's HTTP tests: a local key store in a temporary folder, tokens for the
 * schema's test viewers, and a server over a seeded database.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKeyStore, organisationRecordId, signToken, type KeyStore, type Viewer } from '@continuity/access';
import type { Database } from '@continuity/db';
import { upsertDirectory } from '@continuity/schema';

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

export async function testKeys(
  options: { clock?: () => Date; issuer?: string; audience?: string } = {},
): Promise<TestKeys> {
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

/**
 * Writes the viewers (and their organisations) into the directory, as an administrator would: the
 * gateway honours a token only for a user listed there with the role and organisation it claims.
 */
export async function writeDirectory(database: Database, viewers: readonly Viewer[]): Promise<void> {
  const organisations = new Map(
    viewers.map((v) => {
      const id = organisationRecordId(v.organisation);
      const subjectId = v.organisation.kind === 'department' ? null : v.organisation.id;
      return [id, { id, kind: v.organisation.kind, name: v.organisation.id, subjectId }] as const;
    }),
  );
  await upsertDirectory(database.db, {
    organisations: [...organisations.values()],
    users: viewers.map((v) => ({
      id: v.userId,
      name: v.name,
      email: `${v.userId}@test.continuity.invalid`,
      role: v.role,
      organisationId: organisationRecordId(v.organisation),
    })),
  });
}
