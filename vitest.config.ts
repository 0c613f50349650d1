import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'src/**/*.test.ts',
      'src/**/*.test.tsx',
      'test/**/*.test.ts',
      'test/**/*.test.tsx',
      'web/src/**/*.test.ts',
    ],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    globalSetup: ['./test/support/global-setup.ts'],
    reporters: ['default'],
    // Tests drive the terminal UI as a user's terminal would; Ink treats CI=true (set by
    // .ci/run) as a log and draws only its last frame.
    env: { CI: 'false' },
  },
});
