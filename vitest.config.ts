// Test runner settings: tests sit next to the code and in test/.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Timeouts only catch hangs: on two cores shared with other work, a test of 25 imports (each
    // starting worker threads) took 20 s quiet and over 30 s loaded.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // TEST_DATABASE=postgres: the same tests on a PostgreSQL server (test/global-setup.ts).
    globalSetup: ['test/global-setup.ts'],
    // A test file stuck where no timeout reaches (a synchronous loop) is reported and ended: the run goes on.
    // A failing property shrinks for a minute at most, then is reported (test/shrink-limit.ts).
    setupFiles: ['test/hang-watchdog.ts', 'test/shrink-limit.ts'],
    // On CI a dot a test and the failures in full: the log of three runs of the suite stays a few
    // kilobytes (a CI run stopped printing near 64 KB of log, a pipe's buffer); each test's time is in the JSON file.
    reporters: [process.env.CI ? 'dot' : 'default', ['json', { outputFile: 'node_modules/.vitest-results.json' }]],
  },
});
