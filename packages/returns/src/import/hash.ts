import { createHash } from 'node:crypto';
import { isSystemFile } from '../ssda903/parse';

export type ReturnKind = 'ssda903' | 'csww';

/** The return a submission belongs to: its current data is that return's one accepted submission. */
export interface ReturnKey {
  kind: ReturnKind;
  councilCode: string;
  /** Null (or absent) for the council's own return. */
  practiceId?: string | null | undefined;
  collectionYear: number;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * The content hash of a submission: SHA-256 over the return it is for and the sorted SHA-256 of its files.
 * File names and upload order do not count (renaming a file is not a new return); the bytes and the return
 * (kind, council, practice, collection year) do. The same hash as the return's current accepted submission
 * means "unchanged".
 */
export function contentHash(key: ReturnKey, fileHashes: readonly string[]): string {
  const lines = [
    'continuity-return-v1',
    key.kind,
    key.councilCode,
    key.practiceId ?? '',
    String(key.collectionYear),
    ...[...fileHashes].sort(),
  ];
  return createHash('sha256').update(lines.join('\n')).digest('hex');
}

/** A return key as text, for audit targets, lock keys and messages: `ssda903:886:2025`, `ssda903:886/swp-kent:2025`. */
export function returnLabel(key: ReturnKey): string {
  return `${key.kind}:${key.councilCode}${key.practiceId ? `/${key.practiceId}` : ''}:${key.collectionYear}`;
}

const decoder = new TextDecoder('utf-8', { fatal: false });

/**
 * Which kind of return a set of files holds, from their content: one XML file whose root element is
 * `Message` is a workforce census (CSWW); anything else (CSV tables, or 903 XML `EXPSSDA903`) is a 903.
 * Used by the CLI when --kind is not given; the parsers still check the content properly.
 */
export function detectReturnKind(files: readonly { name: string; bytes: Uint8Array }[]): ReturnKind {
  const visible = files.filter((f) => !isSystemFile(f.name)); // a folder's .DS_Store does not make it a 903 return
  if (visible.length !== 1) return 'ssda903';
  const head = decoder.decode(visible[0]!.bytes.subarray(0, 64 * 1024));
  // The first element that is not a declaration, comment or processing instruction.
  const root = /<([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)[\s/>]/.exec(
    head.replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<![^>]*>/g, ''),
  );
  return root?.[2] === 'Message' ? 'csww' : 'ssda903';
}
