// A failing property stops shrinking once its time is up (test/shrink-limit.ts) and still fails,
// with the case it had and its seed: the watchdog no longer ends a file mid-shrink with nothing shown.
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { shrinkingFor } from './shrink-limit.ts';

/** Fails on every array of 40 numbers or more: shrinking has much to do. */
const alwaysFails = fc.property(fc.array(fc.integer(), { minLength: 40 }), (values) => values.length < 40);
const alwaysFailsLater = fc.asyncProperty(fc.array(fc.integer(), { minLength: 40 }), async (values) => values.length < 40);

it('shrinks a failing property as usual while there is time', () => {
  const details = fc.check(alwaysFails, { seed: 7, plugins: [shrinkingFor(60_000)] });
  expect(details.failed).toBe(true);
  expect(details.numShrinks).toBeGreaterThan(0);
  expect(details.counterexample![0]).toHaveLength(40);
});

it('stops shrinking once the time is up and fails with the case found first, sync or async', async () => {
  for (const details of [
    fc.check(alwaysFails, { seed: 7, plugins: [shrinkingFor(0)] }),
    await fc.check(alwaysFailsLater, { seed: 7, plugins: [shrinkingFor(0)] }),
  ]) {
    expect(details.failed).toBe(true);
    expect(details.interrupted).toBe(true);
    expect(details.numShrinks).toBe(0);
    expect(details.counterexample![0].length).toBeGreaterThanOrEqual(40);
  }
  expect(() => fc.assert(alwaysFails, { seed: 7, plugins: [shrinkingFor(0)] })).toThrow(/Property failed .*\n\{ seed: 7,/);
});

it('leaves a passing property alone', () => {
  const details = fc.check(
    fc.property(fc.integer(), (value) => Number.isInteger(value)),
    { plugins: [shrinkingFor(0)] },
  );
  expect(details.failed).toBe(false);
  expect(details.interrupted).toBe(false);
  expect(details.numRuns).toBe(100);
});
