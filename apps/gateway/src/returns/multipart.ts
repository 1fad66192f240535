import type { IncomingMessage } from 'node:http';
import busboy from 'busboy';
import { HttpError } from '../http/body';

export interface UploadLimits {
  /** Largest single file, in bytes (default 200 MB). */
  maxFileBytes: number;
  /** Most files in one upload (default 20: a 903 return is at most 12 CSV files). */
  maxFiles: number;
  /** Most bytes of all the files of one upload together (default 500 MB): every byte is held in memory. */
  maxTotalBytes: number;
}

export const MB = 1024 * 1024;
/** Read from RETURNS_MAX_FILE_MB, RETURNS_MAX_FILES and RETURNS_MAX_TOTAL_MB by env.ts. */
export const DEFAULT_UPLOAD_LIMITS: UploadLimits = { maxFileBytes: 200 * MB, maxFiles: 20, maxTotalBytes: 500 * MB };

interface UploadedPart {
  /** The form field the file came in (any name; `files` by convention). */
  field: string;
  name: string;
  bytes: Uint8Array;
}

export interface Upload {
  fields: Record<string, string>;
  files: UploadedPart[];
}

const MAX_FIELDS = 20;
const MAX_FIELD_BYTES = 1024;
const MAX_BOUNDARY = 70;

/**
 * Reads a multipart/form-data body into its text fields and files (each held in memory: the import hashes,
 * parses and keeps every byte). Over a limit -> HttpError 413; not multipart or malformed -> 415 / 400.
 */
export function readMultipart(req: IncomingMessage, limits: UploadLimits): Promise<Upload> {
  const type = req.headers['content-type'] ?? '';
  if (!/^multipart\/form-data\b/i.test(type)) {
    req.resume();
    return Promise.reject(new HttpError(415, 'Send the return as multipart/form-data (fields and files).'));
  }
  // RFC 2046 allows boundaries of 1 to 70 characters (browsers, curl and fetch send 30 to 60): a longer one
  // only makes the parser search every chunk for a needle of up to Node's whole header size.
  const boundary = /;\s*boundary=(?:"([^"]*)"|([^;\s]*))/i.exec(type);
  if (boundary && (boundary[1] ?? boundary[2] ?? '').length > MAX_BOUNDARY) {
    // Drained, so the client reads this answer rather than a reset connection.
    req.resume();
    return Promise.reject(new HttpError(400, `The multipart boundary is longer than ${MAX_BOUNDARY} characters.`));
  }
  return new Promise<Upload>((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        // File names as browsers and fetch send them (UTF-8), not latin1.
        defParamCharset: 'utf8',
        limits: {
          fileSize: limits.maxFileBytes,
          files: limits.maxFiles,
          fields: MAX_FIELDS,
          fieldSize: MAX_FIELD_BYTES,
          parts: limits.maxFiles + MAX_FIELDS,
        },
      });
    } catch {
      reject(new HttpError(400, 'The multipart body has no boundary.'));
      return;
    }
    const fields: Record<string, string> = {};
    const files: UploadedPart[] = [];
    let total = 0;
    let failed = false;
    const fail = (error: HttpError) => {
      if (failed) return;
      failed = true;
      req.unpipe(parser);
      // Drain what the client is still sending, so it reads our answer instead of a reset connection.
      req.resume();
      reject(error);
    };
    parser.on('field', (name, value, info) => {
      if (info.valueTruncated) return fail(new HttpError(413, `The field ${name} is too long.`));
      fields[name] = value;
    });
    parser.on('file', (field, stream, info) => {
      const chunks: Buffer[] = [];
      // busboy emits 'error' on the file stream itself when the body ends inside a part ("Unexpected end
      // of form"); a stream error with no listener is thrown outside the request and stops the process.
      stream.on('error', () => fail(new HttpError(400, 'The multipart body ended inside a file.')));
      stream.on('data', (chunk: Buffer) => {
        if (failed) return;
        total += chunk.length;
        if (total > limits.maxTotalBytes) {
          stream.resume();
          return fail(new HttpError(413, `The files together are larger than the ${limits.maxTotalBytes} byte limit.`));
        }
        chunks.push(chunk);
      });
      stream.on('limit', () => {
        stream.resume();
        fail(
          new HttpError(
            413,
            `The file ${info.filename ?? field} is larger than the ${limits.maxFileBytes} byte limit.`,
          ),
        );
      });
      stream.on('end', () => {
        if (failed) return;
        // A form's empty file input sends a part with no name and no bytes: not a file.
        if (!info.filename && chunks.length === 0) return;
        const bytes = Buffer.concat(chunks);
        files.push({
          field,
          name: info.filename || field,
          bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length),
        });
      });
    });
    parser.on('filesLimit', () =>
      fail(new HttpError(413, `At most ${limits.maxFiles} files may be uploaded at once.`)),
    );
    parser.on('fieldsLimit', () => fail(new HttpError(413, `At most ${MAX_FIELDS} fields may be sent.`)));
    parser.on('partsLimit', () => fail(new HttpError(413, 'Too many parts in the multipart body.')));
    parser.on('error', () => fail(new HttpError(400, 'The multipart body is malformed.')));
    parser.on('close', () => {
      if (!failed) resolve({ fields, files });
    });
    req.on('error', () => fail(new HttpError(400, 'The upload was interrupted.')));
    req.pipe(parser);
  });
}
