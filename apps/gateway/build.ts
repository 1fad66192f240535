/**
 * The production build of the gateway (`npm run build`): esbuild bundles the gateway and the workspace
 * packages it imports (TypeScript source, as the workspaces export it) into dist/, so production runs plain
 * `node dist/main.js` with no tsx at run time. npm packages stay external (installed beside it).
 *
 * Code that finds files beside its source (migrations, DfE's data, the repository root) does so from
 * `import.meta.url`; in a bundle that would be dist/main.js, so each module's `import.meta.url` is rewritten
 * to its source file's URL, relative to the bundle: dist/ may move with the repository, not apart from it.
 *
 * Entries: dist/main.js (the server), dist/import.js (the import command), dist/read-worker.js (the
 * upload reader's worker threads; reader.ts picks it when bundled).
 */
import { readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
// `tsx build.ts [outdir]`: dist/ by default; the outdir must be inside the repository (npm packages resolve from it).
const dist = process.argv[2] ? resolve(process.argv[2]) : join(here, 'dist');

/** Workspace packages (@continuity/*) and relative imports are bundled; every other package stays external. */
const externalPackages: Plugin = {
  name: 'continuity:external-packages',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('@continuity/') || args.path.startsWith('node:')) return undefined;
      return { path: args.path, external: true };
    });
  },
};

/** `import.meta.url` of each source module, as a URL relative to the bundle (see above). */
const sourceUrls: Plugin = {
  name: 'continuity:source-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (!source.includes('import.meta.url')) return { contents: source, loader: 'ts' };
      const fromDist = relative(dist, args.path).split('\\').join('/');
      const url = `new URL(${JSON.stringify(fromDist)}, import.meta.url).href`;
      return { contents: source.replaceAll('import.meta.url', url), loader: 'ts' };
    });
  },
};

const result = await build({
  entryPoints: {
    main: join(here, 'src/main.ts'),
    import: join(here, 'src/returns/import-main.ts'),
    'read-worker': join(here, '../../packages/returns/src/import/read-worker.ts'),
  },
  outdir: dist,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  // The bundle's own URL, for the reader to find dist/read-worker.js (reader.ts).
  banner: { js: 'const __CONTINUITY_BUNDLE_URL__ = import.meta.url;' },
  plugins: [externalPackages, sourceUrls],
  logLevel: 'warning',
  metafile: true,
});
const bytes = Object.values(result.metafile.outputs).reduce((sum, o) => sum + o.bytes, 0);
console.log(`gateway built into ${relative(process.cwd(), dist) || 'dist'} (${Math.round(bytes / 1024)} kB)`);
