/**
 * A server secret kept in a file (the practice pseudonym key): read it, or generate one at first
 * start. Like the local signing key (key-store.ts) it is a development default under .data/, which
 * .gitignore keeps out of commits; production passes the secret in configuration (PSEUDONYM_SECRET)
 * or mounts the file, and every gateway copy must share it.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Relative to the repository root, beside the PGlite data and the development signing key. */
export const DEFAULT_PSEUDONYM_SECRET_FILE = '.data/pseudonym-secret';
/** The least a secret may hold; generated ones hold 32 bytes. */
export const MIN_SECRET_BYTES = 16;
const GENERATED_BYTES = 32;

/**
 * Reads the secret in `path` (one line of base64url), or creates the file (mode 0600, directory
 * 0700) with 32 random bytes. Created through a temporary file hard-linked into place, so two
 * processes starting together end up with the one secret. Returns the secret's bytes.
 */
export async function loadOrCreateSecretFile(path: string): Promise<Uint8Array> {
  const existing = await readSecretFile(path);
  if (existing) return existing;
  const secret = randomBytes(GENERATED_BYTES);
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = `${path}.${randomUUID()}.tmp`;
  await writeFile(temporary, `${secret.toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  try {
    await link(temporary, path);
    return new Uint8Array(secret);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return (await readSecretFile(path))!;
  } finally {
    await unlink(temporary);
  }
}

async function readSecretFile(path: string): Promise<Uint8Array | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const trimmed = text.trim();
  // The content is never quoted in the error: it is the secret.
  if (!/^[A-Za-z0-9_-]+$/.test(trimmed)) throw new Error(`${path} does not hold a base64url secret`);
  const bytes = Buffer.from(trimmed, 'base64url');
  if (bytes.byteLength < MIN_SECRET_BYTES) throw new Error(`${path} holds fewer than ${MIN_SECRET_BYTES} bytes`);
  return new Uint8Array(bytes);
}
