import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { catalogue } from '@continuity/indicators';
import { repoRoot } from './env';

/** Every file under `dir` except tests, sorted so the hash does not depend on directory order. */
function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && !/\.test\.tsx?$/.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/**
 * A hash of what `loadAll` would write: the catalogue, the published package's data files and its
 * loader code. Same hash, same rows, so start-up can skip the ~4 s reload. Hashing the ~15 MB of
 * CSVs takes tens of milliseconds.
 */
export function publishedFingerprint(packageDir = join(repoRoot, 'packages/published')): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify(catalogue));
  for (const file of [...files(join(packageDir, 'src')), ...files(join(packageDir, 'data'))]) {
    hash.update(relative(packageDir, file));
    hash.update('\0');
    hash.update(readFileSync(file));
  }
  return hash.digest('hex');
}
