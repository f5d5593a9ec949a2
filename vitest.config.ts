import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'runtime/**/*.test.ts', 'nodes/**/*.test.ts', 'ml/**/*.test.ts', 'deploy/**/*.test.ts', 'editor/**/*.test.ts'],
    exclude: ['tests/browser/**', 'node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
})
