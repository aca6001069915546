// A property that fails is shrunk to a smaller failing case, and shrinking large inputs (lists of
// hundreds of postings) can run for minutes: long enough for the hang watchdog to end the file
// with no counterexample shown. Once a property has failed, shrinking goes on for a while at most;
// then it stops and the property fails with the smallest case found so far, and its seed.
import fc from 'fast-check';

/** How long a failing property may shrink before it is reported (the watchdog ends a file after three minutes). */
export const SHRINK_MS = 60_000;

/** Interrupts the runs (the shrinking ones) once `ms` have passed since the property first failed. */
export function shrinkingFor<Ts>(ms: number): fc.Plugin<Ts> {
  return () => {
    let deadline = Infinity;
    const noted = <T>(out: T): T => {
      if (out !== null && !fc.PreconditionFailure.isFailure(out) && deadline === Infinity) deadline = performance.now() + ms;
      return out;
    };
    return {
      decorateRun: (nestedRun) => (value) => {
        if (performance.now() >= deadline) return new fc.PreconditionFailure(true);
        const out = nestedRun(value);
        return out instanceof Promise ? out.then(noted) : noted(out);
      },
    };
  };
}

fc.installGlobalPlugin(shrinkingFor(SHRINK_MS));
