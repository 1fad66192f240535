import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readFile, readdir } from 'node:fs/promises';
import { extname, join, relative, sep } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/**
 * The dashboard's built files (`vite build` -> apps/dashboard/dist), served by the gateway in production
 * so the app and its API share one origin (no CORS, the same paths as the dev proxy).
 *
 * - Every file is read and compressed (brotli and gzip) once at start: the build is a few hundred kB, and a
 *   request then costs a map look-up, no disk and no CPU.
 * - Vite fingerprints everything under /assets/, so those are cached for a year, `immutable`; index.html
 *   (which names the current fingerprints) is `no-cache`, revalidated by its ETag.
 * - A page load (GET asking for HTML) of any other path gets index.html: the app routes in the browser.
 */
export interface StaticSite {
  /** Answers the request if it is for the site; false to let the caller route it. */
  serve(req: IncomingMessage, res: ServerResponse): boolean;
  files: number;
}

interface Entry {
  type: string;
  etag: string;
  cache: string;
  raw: Buffer;
  br: Buffer | null;
  gzip: Buffer | null;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.svg', '.txt', '.map', '.ico']);

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

function entryOf(path: string, raw: Buffer, immutable: boolean): Entry {
  const ext = extname(path).toLowerCase();
  const compress = COMPRESSIBLE.has(ext) && raw.length > 1024;
  const br = compress ? brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }) : null;
  const gzip = compress ? gzipSync(raw, { level: 9 }) : null;
  return {
    type: TYPES[ext] ?? 'application/octet-stream',
    etag: `"${createHash('sha256').update(raw).digest('base64url').slice(0, 27)}"`,
    cache: immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    raw,
    br: br && br.length < raw.length ? br : null,
    gzip: gzip && gzip.length < raw.length ? gzip : null,
  };
}

/** Loads the built site in `dir` (which must hold index.html). */
export async function loadStaticSite(dir: string): Promise<StaticSite> {
  const site = new Map<string, Entry>();
  for (const path of await filesUnder(dir)) {
    const urlPath = `/${relative(dir, path).split(sep).join('/')}`;
    site.set(urlPath, entryOf(path, await readFile(path), urlPath.startsWith('/assets/')));
  }
  const index = site.get('/index.html');
  if (!index) throw new Error(`${dir} holds no index.html: build the dashboard first (npm run build)`);

  return {
    files: site.size,
    serve(req, res) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return false;
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://gateway').pathname);
      let entry = site.get(path);
      if (!entry) {
        const pageLoad = (req.headers.accept ?? '').includes('text/html');
        if (!pageLoad || path.startsWith('/assets/')) return false;
        entry = index;
      }
      const headers: Record<string, string> = {
        'content-type': entry.type,
        'cache-control': entry.cache,
        etag: entry.etag,
        vary: 'accept-encoding',
        'x-content-type-options': 'nosniff',
      };
      if (req.headers['if-none-match'] === entry.etag) {
        res.writeHead(304, headers).end();
        return true;
      }
      const accepts = String(req.headers['accept-encoding'] ?? '');
      let body = entry.raw;
      if (entry.br && /\bbr\b/.test(accepts)) {
        body = entry.br;
        headers['content-encoding'] = 'br';
      } else if (entry.gzip && /\bgzip\b/.test(accepts)) {
        body = entry.gzip;
        headers['content-encoding'] = 'gzip';
      }
      headers['content-length'] = String(body.length);
      res.writeHead(200, headers);
      res.end(req.method === 'HEAD' ? undefined : body);
      return true;
    },
  };
}
