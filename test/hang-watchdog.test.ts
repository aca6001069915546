// The suite's own safety net (test/hang-watchdog.ts): a test file stuck in a synchronous
// loop, which no test timeout can stop, is reported with where it is and ended, and the
// run goes on with the other files.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const VITEST = join(import.meta.dirname, '..', 'node_modules', 'vitest', 'vitest.mjs');
const CONFIG = join(import.meta.dirname, 'fixtures', 'stuck', 'vitest.config.ts');

it('reports a test stuck in a loop with the line it is at, ends it, and runs the other files', async () => {
  // This run's own Vitest variables would make the inner run a worker of this one.
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST')));
  const run = await promisify(execFile)(process.execPath, [VITEST, 'run', '--config', CONFIG], {
    env: { ...env, HANG_TEST_STUCK_MS: '2000', NO_COLOR: '1' },
    timeout: 60_000,
  }).then(
    () => null,
    (error: { code?: number; stdout: string; stderr: string }) => error,
  );
  expect(run?.code).toBe(1);
  const output = `${run!.stdout}${run!.stderr}`;
  expect(output).toMatch(
    /loops\.fixture\.ts › loops forever ran no callback for 2 s: stuck in JavaScript, at\n {2}loopForever \S+loops\.fixture\.ts:\d+/,
  );
  expect(output).toMatch(/✓ passes\.fixture\.ts \(1 test\)/);
});
