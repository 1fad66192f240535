import { defineConfig } from 'vitest/config';
import shared from '../../vitest.shared.ts';

/**
 * Browser tests: the stack as `npm start` runs it (the gateway's own start code on a fresh PGlite
 * directory, the dashboard's Vite dev server in-process), driven by Debian's chromium through
 * playwright-core, with axe-core on every page. e2e/global-setup.ts starts and stops the stack once;
 * test files run one after another (one browser at a time on two cores).
 * Without /usr/bin/chromium every test is skipped with a message (CI installs it: .ci/run, e2e.enabled).
 */
// Not mergeConfig: it would concatenate the shared reporters, and this run must not overwrite the
// unit tests' .vitest/report.json.
export default defineConfig({
  ...shared,
  test: {
    ...shared.test,
    environment: 'node',
    // SCREENSHOTS=1 (npm run screenshots) runs only the screenshot script, against the same stack.
    include: process.env.SCREENSHOTS === '1' ? ['e2e/screenshots.ts'] : ['e2e/**/*.e2e.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 60_000,
    hookTimeout: 180_000,
    reporters: ['default', ['json', { outputFile: '.vitest/report-e2e.json' }]],
  },
});
