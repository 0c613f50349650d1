import path from 'node:path';
import { defineConfig } from 'vitest/config';

// The Worker's tests: run by worker/tools/run-tests.sh under Node 22 (miniflare needs it), apart
// from the main suite. miniflare lives in worker/tools, outside the root package.
const here = import.meta.dirname;

export default defineConfig({
  root: path.resolve(here, '..'),
  resolve: {
    alias: { miniflare: path.join(here, 'tools/node_modules/miniflare/dist/src/index.js') },
  },
  test: {
    include: ['worker/src/**/*.test.ts', 'worker/test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    globalSetup: ['./worker/test/global-setup.ts'],
    reporters: ['default'],
  },
});
