// A linear SVM as LIBLINEAR trains one (scikit-learn's LinearSVC calls it):
// L2-regularized, hinge or squared hinge loss, solved in the dual by
// coordinate descent with shrinking (Hsieh et al. 2008, LIBLINEAR's
// solve_l2r_l1l2_svc), with a bias feature of 1 and a cost per class.

/** Rows of a sparse matrix: row r holds columns indices[rowStart[r]..rowStart[r+1]) with their values. */
export interface SparseRows {
  rowStart: Int32Array;
  indices: Int32Array;
  values: Float32Array;
  columns: number;
}

export interface SvmOptions {
  /** Cost of a misclassified positive and negative example (C times the class weight). */
  costPositive: number;
  costNegative: number;
  loss: 'hinge' | 'squared_hinge';
  /** Stop when the projected gradient spans less than this (scikit-learn's tol). */
  tolerance: number;
  maxIterations: number;
  /** Seeds the order examples are visited in. */
  seed?: number;
}

export interface LinearModel {
  weights: Float64Array;
  bias: number;
  iterations: number;
}

/** Balanced class weights as scikit-learn computes them: n / (2 · examples of the class). */
export function balancedCosts(labels: ArrayLike<number>, c: number): { costPositive: number; costNegative: number } {
  let positives = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i]! > 0) positives++;
  const negatives = labels.length - positives;
  return { costPositive: (c * labels.length) / (2 * positives), costNegative: (c * labels.length) / (2 * negatives) };
}

function seededRandom(seed: number): (n: number) => number {
  let state = seed >>> 0 || 1;
  return (n) => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) % n;
  };
}

/** Trains on rows labelled +1 (positive) or -1. */
export function trainLinearSvm(x: SparseRows, labels: Int8Array, options: SvmOptions): LinearModel {
  const n = labels.length;
  const { rowStart, indices, values } = x;
  const weights = new Float64Array(x.columns);
  let bias = 0;
  const alpha = new Float64Array(n);
  const upper = new Float64Array(n);
  const diagonal = new Float64Array(n);
  const qd = new Float64Array(n);
  const index = new Int32Array(n);
  const squared = options.loss === 'squared_hinge';
  for (let i = 0; i < n; i++) {
    const cost = labels[i]! > 0 ? options.costPositive : options.costNegative;
    upper[i] = squared ? Infinity : cost;
    diagonal[i] = squared ? 0.5 / cost : 0;
    let norm = 1; // the bias feature
    for (let k = rowStart[i]!; k < rowStart[i + 1]!; k++) norm += values[k]! * values[k]!;
    qd[i] = diagonal[i]! + norm;
    index[i] = i;
  }
  const random = seededRandom(options.seed ?? 1);
  let active = n;
  let pgMaxOld = Infinity;
  let pgMinOld = -Infinity;
  let iteration = 0;
  while (iteration < options.maxIterations) {
    let pgMaxNew = -Infinity;
    let pgMinNew = Infinity;
    for (let s = 0; s < active; s++) {
      const j = s + random(active - s);
      const swap = index[s]!;
      index[s] = index[j]!;
      index[j] = swap;
    }
    for (let s = 0; s < active; s++) {
      const i = index[s]!;
      const y = labels[i]!;
      let margin = bias;
      for (let k = rowStart[i]!; k < rowStart[i + 1]!; k++) margin += weights[indices[k]!]! * values[k]!;
      const gradient = y * margin - 1 + alpha[i]! * diagonal[i]!;
      let projected = 0;
      if (alpha[i] === 0) {
        if (gradient > pgMaxOld) {
          active--;
          index[s] = index[active]!;
          index[active] = i;
          s--;
          continue;
        }
        if (gradient < 0) projected = gradient;
      } else if (alpha[i] === upper[i]) {
        if (gradient < pgMinOld) {
          active--;
          index[s] = index[active]!;
          index[active] = i;
          s--;
          continue;
        }
        if (gradient > 0) projected = gradient;
      } else projected = gradient;
      if (projected > pgMaxNew) pgMaxNew = projected;
      if (projected < pgMinNew) pgMinNew = projected;
      if (Math.abs(projected) > 1e-12) {
        const old = alpha[i]!;
        alpha[i] = Math.min(Math.max(old - gradient / qd[i]!, 0), upper[i]!);
        const step = (alpha[i]! - old) * y;
        for (let k = rowStart[i]!; k < rowStart[i + 1]!; k++) weights[indices[k]!]! += step * values[k]!;
        bias += step;
      }
    }
    iteration++;
    if (pgMaxNew - pgMinNew <= options.tolerance) {
      if (active === n) break;
      // Converged on the shrunk set: check every example once more.
      active = n;
      pgMaxOld = Infinity;
      pgMinOld = -Infinity;
      continue;
    }
    pgMaxOld = pgMaxNew <= 0 ? Infinity : pgMaxNew;
    pgMinOld = pgMinNew >= 0 ? -Infinity : pgMinNew;
  }
  return { weights, bias, iterations: iteration };
}

/** w · x + b for one row. */
export function decisionValue(model: LinearModel, x: SparseRows, row: number): number {
  let value = model.bias;
  for (let k = x.rowStart[row]!; k < x.rowStart[row + 1]!; k++) value += model.weights[x.indices[k]!]! * x.values[k]!;
  return value;
}
