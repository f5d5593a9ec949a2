import { defineConfig } from 'vitest/config'

/** Browser end-to-end tests: the built app in Debian's Chromium, one file at a time. */
export default defineConfig({
  test: {
    include: ['tests/browser/**/*.e2e.ts', 'deploy/**/*.e2e.ts', 'tests/reliability/**/*.e2e.ts'],
    globalSetup: ['tests/browser/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
  },
})
