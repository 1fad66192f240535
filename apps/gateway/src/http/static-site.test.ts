import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadStaticSite } from './static-site';

describe('the dashboard served by the gateway', () => {
  const dir = mkdtempSync(join(tmpdir(), 'continuity-site-'));
  const script = `console.log(${JSON.stringify('x'.repeat(4000))});`;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    mkdirSync(join(dir, 'assets'));
    writeFileSync(
      join(dir, 'index.html'),
      '<!doctype html><title>continuity</title><script src="/assets/app-abc123.js"></script>',
    );
    writeFileSync(join(dir, 'assets/app-abc123.js'), script);
    const site = await loadStaticSite(dir);
    expect(site.files).toBe(2);
    server = createServer((req, res) => {
      if (!site.serve(req, res)) res.writeHead(404).end('not the site');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves fingerprinted assets compressed and cached for a year, index.html revalidated', async () => {
    const asset = await fetch(`${base}/assets/app-abc123.js`, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    // fetch decodes brotli itself: the text is the file, and it came compressed.
    expect(asset.headers.get('content-encoding')).toBe('br');
    expect(await asset.text()).toBe(script);
    const index = await fetch(`${base}/index.html`);
    expect(index.headers.get('cache-control')).toBe('no-cache');
  });

  it('sends the brotli bytes themselves, smaller than the file', async () => {
    const { request } = await import('node:http');
    const body = await new Promise<Buffer>((resolve, reject) => {
      request(`${base}/assets/app-abc123.js`, { headers: { 'accept-encoding': 'br' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve(Buffer.concat(chunks)));
      })
        .on('error', reject)
        .end();
    });
    expect(body.length).toBeLessThan(script.length / 10);
    expect(brotliDecompressSync(body).toString()).toBe(script);
  });

  it('answers 304 to a matching ETag', async () => {
    const first = await fetch(`${base}/index.html`);
    const again = await fetch(`${base}/index.html`, { headers: { 'if-none-match': first.headers.get('etag')! } });
    expect(again.status).toBe(304);
  });

  it('gives index.html to a page load of an app route, and leaves API requests and missing assets alone', async () => {
    const page = await fetch(`${base}/returns`, { headers: { accept: 'text/html,application/xhtml+xml' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>continuity</title>');
    expect((await fetch(`${base}/returns`, { headers: { accept: 'application/json' } })).status).toBe(404);
    expect((await fetch(`${base}/assets/gone.js`, { headers: { accept: 'text/html' } })).status).toBe(404);
    expect((await fetch(`${base}/index.html`, { method: 'POST' })).status).toBe(404);
  });

  it('refuses a folder without index.html', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'continuity-site-empty-'));
    await expect(loadStaticSite(empty)).rejects.toThrow(/index.html/);
    rmSync(empty, { recursive: true, force: true });
  });
});
