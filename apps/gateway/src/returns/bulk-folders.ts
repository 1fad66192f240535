import { readdirSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import type { BulkReturn, ImportFile, ReturnKind } from '@continuity/returns';

/**
 * The folder layout `npm run import -- --bulk <folder>` reads: one folder per return, named
 * `<kind>-<council>[-<practice>]-<year>`, holding that return's files, e.g.
 *
 *   national-2025/ssda903-886-2025/     header.csv, episodes.csv, ...  (Kent's 903, year to 31 March 2025)
 *   national-2025/csww-886-2025/        census.xml                     (Kent's census at 30 September 2025)
 *   national-2025/ssda903-886-swp-kent-2025/ ...                       (a practice's 903 to Kent)
 *
 * A name that does not fit refuses the whole run before anything is imported, so a typo cannot import
 * half a country.
 */
const NAME = /^(ssda903|csww)-(\d{3})(?:-([a-z0-9][a-z0-9-]*?))?-(\d{4})$/;

export interface FolderReturn extends BulkReturn {
  folder: string;
}

function filesIn(folder: string): ImportFile[] {
  return readdirSync(folder)
    .filter((n) => !n.startsWith('.') && statSync(join(folder, n)).isFile())
    .sort()
    .map((n) => {
      const bytes = readFileSync(join(folder, n));
      return { name: n, bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length) };
    });
}

/** The returns below the given folders, sorted by year, council, practice, kind; or the problems found. */
export function returnsInFolders(
  paths: readonly string[],
  cwd: string,
): { returns: FolderReturn[]; problems: string[] } {
  const returns: FolderReturn[] = [];
  const problems: string[] = [];
  for (const p of paths) {
    const root = isAbsolute(p) ? p : resolve(cwd, p);
    const stat = statSync(root, { throwIfNoEntry: false });
    if (!stat?.isDirectory()) {
      problems.push(`${p}: not a folder`);
      continue;
    }
    for (const name of readdirSync(root).sort()) {
      const folder = join(root, name);
      if (name.startsWith('.') || !statSync(folder).isDirectory()) continue;
      const m = NAME.exec(name);
      if (!m) {
        problems.push(
          `${join(p, name)}: not a return folder name; use <kind>-<council>[-<practice>]-<year>, e.g. ssda903-886-2025`,
        );
        continue;
      }
      if (!readdirSync(folder).some((n) => !n.startsWith('.') && statSync(join(folder, n)).isFile())) {
        problems.push(`${join(p, name)}: no files`);
        continue;
      }
      returns.push({
        folder: join(p, name),
        kind: m[1] as ReturnKind,
        councilCode: m[2]!,
        practiceId: m[3] ?? null,
        collectionYear: Number(m[4]),
        // Read when its turn comes: one return's bytes in memory per import in flight.
        files: () => filesIn(folder),
      });
    }
  }
  if (problems.length === 0 && returns.length === 0) problems.push('no return folders found');
  const order = (r: FolderReturn) => `${r.collectionYear}|${r.councilCode}|${r.practiceId ?? ''}|${r.kind}`;
  returns.sort((a, b) => order(a).localeCompare(order(b)));
  return { returns, problems };
}
