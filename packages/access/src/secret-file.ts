/**
 * A server secret kept in a file (the practice pseudonym key): read it, or generate one at first
 * start. Like the local signing key (key-store.ts) it is a development default under .data/, which
 * .gitignore keeps out of commits; production passes the secret in configuration (PSEUDONYM_SECRET)
 * or mounts the file, and every gateway copy must share it.
 */
import { randomBytes } from 'node:crypto';
import { loadOrCreatePrivateFile } from './private-file';

/** Relative to the repository root, beside the PGlite data and the development signing key. */
export const DEFAULT_PSEUDONYM_SECRET_FILE = '.data/pseudonym-secret';
/** The least a secret may hold; generated ones hold 32 bytes. */
export const MIN_SECRET_BYTES = 16;
const GENERATED_BYTES = 32;

/**
 * Reads the secret in `path` (one line of base64url), or creates the file with 32 random bytes
 * (see loadOrCreatePrivateFile for modes and concurrent first starts). Returns the secret's bytes.
 */
export async function loadOrCreateSecretFile(path: string): Promise<Uint8Array> {
  return loadOrCreatePrivateFile(
    path,
    (text) => parseSecret(path, text),
    () => {
      const secret = randomBytes(GENERATED_BYTES);
      return { value: new Uint8Array(secret), text: `${secret.toString('base64url')}\n` };
    },
  );
}

function parseSecret(path: string, text: string): Uint8Array {
  const trimmed = text.trim();
  // The content is never quoted in the error: it is the secret.
  if (!/^[A-Za-z0-9_-]+$/.test(trimmed)) throw new Error(`${path} does not hold a base64url secret`);
  const bytes = Buffer.from(trimmed, 'base64url');
  if (bytes.byteLength < MIN_SECRET_BYTES) throw new Error(`${path} holds fewer than ${MIN_SECRET_BYTES} bytes`);
  return new Uint8Array(bytes);
}
