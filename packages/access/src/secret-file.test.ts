import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOrCreateSecretFile } from './secret-file';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'continuity-secret-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('secret file', () => {
  it('creates 32 random bytes once, private to the owner, and reads them back', async () => {
    const path = join(dir, 'nested', 'pseudonym-secret');
    const first = await loadOrCreateSecretFile(path);
    expect(first.byteLength).toBe(32);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await loadOrCreateSecretFile(path)).toEqual(first);
    expect((await readFile(path, 'utf8')).trim()).toBe(Buffer.from(first).toString('base64url'));
  });

  it('gives two processes starting together the same secret', async () => {
    const path = join(dir, 'race');
    const [a, b] = await Promise.all([loadOrCreateSecretFile(path), loadOrCreateSecretFile(path)]);
    expect(a).toEqual(b);
  });

  it('refuses a file that is not a long enough base64url secret, without quoting it', async () => {
    const short = join(dir, 'short');
    await writeFile(short, 'abc\n');
    await expect(loadOrCreateSecretFile(short)).rejects.toThrow(/fewer than 16 bytes/);
    const odd = join(dir, 'odd');
    await writeFile(odd, 'not base64 at all!');
    const error = await loadOrCreateSecretFile(odd).catch((e: Error) => e);
    expect(String(error)).not.toContain('not base64 at all');
  });
});
