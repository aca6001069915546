// The recommendation benchmark's peer (arxiv-sanity-lite's method) checked on
// small cases whose answers are known: the linear SVM solver (LIBLINEAR's dual
// coordinate descent, ported) and scikit-learn's TF-IDF features.
import { describe, expect, it } from 'vitest';
import { balancedCosts, decisionValue, trainLinearSvm, type SparseRows, type SvmOptions } from '../bench/lib/linear-svm.ts';
import { analyze, fitTransform } from '../bench/lib/sklearn-tfidf.ts';

function rowsOf(dense: number[][]): SparseRows {
  const rowStart = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (const row of dense) {
    row.forEach((value, column) => {
      if (value !== 0) {
        indices.push(column);
        values.push(value);
      }
    });
    rowStart.push(indices.length);
  }
  return {
    rowStart: Int32Array.from(rowStart),
    indices: Int32Array.from(indices),
    values: Float32Array.from(values),
    columns: dense[0]!.length,
  };
}

const options = (cost: number, loss: SvmOptions['loss'] = 'hinge'): SvmOptions => ({
  costPositive: cost,
  costNegative: cost,
  loss,
  tolerance: 1e-8,
  maxIterations: 10_000,
});

describe('the linear SVM', () => {
  const x = rowsOf([[1], [-1]]);
  const y = Int8Array.from([1, -1]);

  it('finds the maximum margin of two points: w = 1, b = 0', async () => {
    const model = trainLinearSvm(x, y, options(100));
    expect(model.weights[0]).toBeCloseTo(1, 6);
    expect(model.bias).toBeCloseTo(0, 6);
    expect(decisionValue(model, x, 0)).toBeCloseTo(1, 6);
  });

  it('with a small cost, stops at the bound: w = 2C (hinge loss)', async () => {
    const model = trainLinearSvm(x, y, options(0.1));
    expect(model.weights[0]).toBeCloseTo(0.2, 6);
    expect(model.bias).toBeCloseTo(0, 6);
  });

  it('with the squared hinge, w = 2 / (2 + 1/(2C))', async () => {
    const model = trainLinearSvm(x, y, options(0.25, 'squared_hinge'));
    expect(model.weights[0]).toBeCloseTo(0.5, 6);
  });

  it('weighs classes as scikit-learn does: n / (2 · class size)', async () => {
    expect(balancedCosts(Int8Array.from([1, 1, 1, -1]), 1)).toEqual({ costPositive: 4 / 6, costNegative: 2 });
  });

  it('reaches the minimum of the primal objective on random data', async () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1;
    const dense = Array.from({ length: 60 }, () => Array.from({ length: 5 }, () => (random() > 0.3 ? random() : 0)));
    const labels = Int8Array.from(dense, (row) => (row[0]! + 0.5 * row[1]! + 0.2 * random() > 0 ? 1 : -1));
    const data = rowsOf(dense);
    const costs = { ...balancedCosts(labels, 0.5) };
    const model = trainLinearSvm(data, labels, { ...options(1), ...costs });
    const objective = (weights: number[], bias: number) => {
      let loss = 0;
      dense.forEach((row, i) => {
        const value = row.reduce((sum, v, j) => sum + v * weights[j]!, bias);
        loss += (labels[i]! > 0 ? costs.costPositive : costs.costNegative) * Math.max(0, 1 - labels[i]! * value);
      });
      return 0.5 * (weights.reduce((sum, w) => sum + w * w, 0) + bias * bias) + loss;
    };
    const found = [...model.weights];
    const best = objective(found, model.bias);
    for (let j = 0; j <= found.length; j++)
      for (const step of [-1e-3, 1e-3]) {
        const weights = [...found];
        let bias = model.bias;
        if (j < found.length) weights[j]! += step;
        else bias += step;
        expect(objective(weights, bias)).toBeGreaterThanOrEqual(best - 1e-9);
      }
  });
});

describe("scikit-learn's TF-IDF as arxiv-sanity-lite sets it", () => {
  it('folds accents and case, drops stop words and one-letter tokens, then makes bigrams', async () => {
    expect(analyze('The Café of a GAN: x-vectors')).toEqual(['cafe', 'gan', 'vectors', 'cafe gan', 'gan vectors']);
  });

  it('keeps terms by min_df and max_df, weighs them by smooth idf and sublinear tf, unit length', async () => {
    const texts = ['graph graph network', 'graph network', 'graph speech', 'audio codec'];
    const { rows, vocabulary } = fitTransform(texts, { maxFeatures: 100, minDf: 2, maxDf: 0.7 });
    // "graph" is in 3 of 4 texts (over max_df); only "network" and "graph network" are in 2.
    expect([...vocabulary.keys()]).toEqual(['graph network', 'network']);
    expect(rows.rowStart[1]! - rows.rowStart[0]!).toBe(2);
    expect(rows.values[0]).toBeCloseTo(Math.SQRT1_2, 6);
    expect(rows.rowStart[4]! - rows.rowStart[3]!).toBe(0);
  });

  it('keeps the max_features most frequent terms', async () => {
    const texts = ['alpha', 'alpha', 'alpha', 'beta', 'beta', 'gamma'];
    const { vocabulary } = fitTransform(texts, { maxFeatures: 2, minDf: 1, maxDf: 1 });
    expect([...vocabulary.keys()]).toEqual(['alpha', 'beta']);
  });
});
