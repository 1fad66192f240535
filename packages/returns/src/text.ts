import { fileIssue, type Issue } from './issues';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Bytes to text. Returns are UTF-8 (ASCII is a subset); anything else is refused with a message saying how to
 * fix it, rather than guessed at, because a wrong guess silently corrupts codes and postcodes.
 */
export function decodeText(name: string, bytes: Uint8Array): { text: string } | { issue: Issue } {
  if (bytes.length === 0) return { issue: fileIssue(name, 'FILE-EMPTY', 'The file is empty.') };
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return {
      issue: fileIssue(
        name,
        'FILE-ENCODING',
        'The file is saved as UTF-16 (Excel "Unicode text"). Save it again as "CSV UTF-8" and upload that.',
      ),
    };
  }
  let text: string;
  try {
    // The default (ignoreBOM: false) strips a UTF-8 byte order mark, which Excel adds.
    text = utf8.decode(bytes);
  } catch {
    return {
      issue: fileIssue(
        name,
        'FILE-ENCODING',
        'The file is not UTF-8 text (it may be Windows-1252 or a spreadsheet). Save it as "CSV UTF-8" (or XML ' +
          'in UTF-8) and upload it again.',
      ),
    };
  }
  if (text.trim() === '') return { issue: fileIssue(name, 'FILE-EMPTY', 'The file has no content.') };
  if (text.includes('\u0000')) {
    return { issue: fileIssue(name, 'FILE-ENCODING', 'The file contains binary data; it is not a CSV or XML file.') };
  }
  return { text };
}
