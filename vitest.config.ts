// Test runner settings: tests sit next to the code and in test/.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    pool: 'forks',
    reporters: ['default', ['json', { outputFile: 'node_modules/.vitest-results.json' }]],
  },
});
