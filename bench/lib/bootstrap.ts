// 95 % bootstrap intervals of a mean over readers (percentile method): the
// readers are drawn again with replacement, the same draws for every method,
// so that the interval of a difference between two methods is paired.

export interface Interval {
  mean: number;
  low: number;
  high: number;
}

const RESAMPLES = 2000;

/** The same resamples of n items every time (a fixed seed). */
export function resamples(n: number, seed = 1): Int32Array[] {
  let state = seed >>> 0 || 1;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
  return Array.from({ length: RESAMPLES }, () => Int32Array.from({ length: n }, () => Math.floor(next() * n)));
}

export function bootstrapMean(values: readonly number[], draws: readonly Int32Array[]): Interval {
  const means = draws.map((draw) => draw.reduce((sum, i) => sum + values[i]!, 0) / draw.length).sort((a, b) => a - b);
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  const round = (value: number) => +value.toFixed(4);
  return {
    mean: round(mean),
    low: round(means[Math.floor(0.025 * means.length)]!),
    high: round(means[Math.ceil(0.975 * means.length) - 1]!),
  };
}

/** The interval of the mean of a − b, reader by reader. */
export function bootstrapDifference(a: readonly number[], b: readonly number[], draws: readonly Int32Array[]): Interval {
  return bootstrapMean(
    a.map((value, i) => value - b[i]!),
    draws,
  );
}
