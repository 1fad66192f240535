import { defineConfig } from 'vitest/config';

// One vitest setup for every workspace. graphql must resolve to one module realm
// (Vite would pick index.mjs while Apollo and Pothos load index.js).
export default defineConfig({
  resolve: { alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }] },
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Two cores: database suites boot an engine per file, so cap parallel files.
    maxWorkers: 2,
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts'],
    // The JSON report lets `npm test` close on one "N passed, N failed" line for the whole repo.
    reporters: ['default', ['json', { outputFile: '.vitest/report.json' }]],
  },
});
