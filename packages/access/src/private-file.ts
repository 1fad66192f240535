/**
 * A file only the server's user may read (a signing key, a pseudonym secret): the one place that
 * reads it, or creates it at first start, so every such file gets the same modes and the same care
 * when several processes start together.
 */
import { randomUUID } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** What a first start writes: the value to use, and the file's text that `parse` turns back into it. */
export interface CreatedPrivateFile<T> {
  value: T;
  text: string;
}

/**
 * Reads `path` through `parse`, or creates it (mode 0600, directory 0700) with what `create` gives.
 * The new text is written to a temporary file and hard-linked into place: link fails if the file
 * appeared meanwhile, so two processes starting together both end up with the one file's value,
 * never a half-written file. `parse` must not quote the text in its errors: it is a secret.
 */
export async function loadOrCreatePrivateFile<T>(
  path: string,
  parse: (text: string) => T,
  create: () => CreatedPrivateFile<T> | Promise<CreatedPrivateFile<T>>,
): Promise<T> {
  const existing = await readIfExists(path);
  if (existing !== undefined) return parse(existing);

  const created = await create();
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = `${path}.${randomUUID()}.tmp`;
  await writeFile(temporary, created.text, { mode: 0o600, flag: 'wx' });
  try {
    await link(temporary, path);
    return created.value;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    // Another process linked its file first: use that one, so both agree.
    return parse(await readFile(path, 'utf8'));
  } finally {
    await unlink(temporary);
  }
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
