import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { IncomingMessage } from 'node:http';
import { defineConfig, type Plugin, type ProxyOptions } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The dashboard's Vite set-up.
 *
 * - Port 5173 (DASHBOARD_PORT overrides), strictPort so a clash fails loudly instead of moving port.
 * - `/graphql`, `/auth`, `/returns` and `/.well-known` are proxied to the gateway (GATEWAY_URL, default
 *   http://127.0.0.1:4000), in dev and preview. `/returns` is also a page of the dashboard: a browser
 *   asking for HTML (a page load) gets the app, everything else (the upload, its history) the gateway.
 * - GOV.UK Frontend's compiled CSS refers to its fonts and images as `/assets/fonts/...` and
 *   `/assets/images/...`; an alias points those at the installed package, so Vite serves them in dev
 *   and fingerprints and emits them in the build (no copies in the repo).
 * - React is one vendor chunk; recharts and its dependencies another, loaded only when a chart is shown.
 */

const require = createRequire(import.meta.url);
const govukAssets = join(dirname(require.resolve('govuk-frontend/package.json')), 'dist/govuk/assets');

const port = Number(process.env.DASHBOARD_PORT ?? 5173);
const gateway = process.env.GATEWAY_URL ?? 'http://127.0.0.1:4000';
/** A page load (the browser asks for HTML) of a path the app also routes is served the app, not proxied. */
const pageLoad = (req: IncomingMessage): string | undefined =>
  req.method === 'GET' && (req.headers.accept ?? '').includes('text/html') ? '/index.html' : undefined;

const proxy: Record<string, ProxyOptions> = {
  '/graphql': { target: gateway, changeOrigin: true },
  '/auth': { target: gateway, changeOrigin: true },
  '/returns': { target: gateway, changeOrigin: true, bypass: pageLoad },
  '/.well-known': { target: gateway, changeOrigin: true },
};

/** recharts and the packages only it uses. */
const chartPackages =
  /[\\/]node_modules[\\/](recharts|victory-vendor|d3-[a-z-]+|internmap|@reduxjs[\\/]toolkit|react-redux|redux|redux-thunk|immer|reselect|es-toolkit|decimal\.js-light|eventemitter3|tiny-invariant|clsx|use-sync-external-store)[\\/]/;

/**
 * GOV.UK Frontend's compiled CSS keeps old-IE hacks (`@media screen\0 ...`, `(min-width:0\0)`) that
 * lightningcss cannot parse. Modern browsers ignore those rules, so drop them before Vite reads the file.
 */
function govukCssWithoutIeHacks(): Plugin {
  const ieHackRule = /@media[^{}]*\\0[^{}]*\{(?:[^{}]*\{[^{}]*\})*[^{}]*\}/g;
  return {
    name: 'continuity:govuk-css-without-ie-hacks',
    enforce: 'pre',
    transform(code, id) {
      if (!id.split('?')[0]?.endsWith('govuk-frontend.min.css')) return null;
      return { code: code.replace(ieHackRule, ''), map: null };
    },
  };
}

export default defineConfig({
  plugins: [govukCssWithoutIeHacks(), react()],
  resolve: {
    alias: [{ find: /^\/assets\/(fonts|images)\//, replacement: `${govukAssets}/$1/` }],
  },
  server: { host: '127.0.0.1', port, strictPort: true, proxy },
  preview: { host: '127.0.0.1', port, strictPort: true, proxy },
  build: {
    target: 'es2022',
    rolldownOptions: {
      output: {
        codeSplitting: {
          // React first: otherwise the recharts group pulls React (its dependency) in with it,
          // and the first page would have to load the whole chart chunk.
          groups: [
            { name: 'react', test: /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 20 },
            { name: 'recharts', test: chartPackages, priority: 10 },
          ],
        },
      },
    },
  },
});
