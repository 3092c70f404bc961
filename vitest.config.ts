import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    reporters: ['default', './test/closing-line-reporter.ts'],
    projects: [
      {
        test: {
          name: 'server',
          // the browser tests run after these: together they would starve the 2-core machines
          sequence: { groupOrder: 0 },
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          environment: 'node',
          pool: 'forks',
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        // The web app in a real browser: built once per run, one file at a time (each
        // starts a server and a chromium on a 2-core machine).
        test: {
          name: 'web',
          sequence: { groupOrder: 1 },
          include: ['web/**/*.test.ts'],
          environment: 'node',
          pool: 'forks',
          globalSetup: ['web/e2e/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 90_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
