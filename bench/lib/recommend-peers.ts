// The peers of the recommendation benchmark, on the same readers and
// candidates: arxiv-sanity-lite's method (TF-IDF of word uni- and bigrams, a
// linear SVM per reader trained on every paper, the reader's as positives),
// a centroid (Rocchio: the mean of the reader's TF-IDF vectors, candidates by
// cosine), and newest first.
import { fitTransform } from './sklearn-tfidf.ts';
import { balancedCosts, decisionValue, trainLinearSvm, type SparseRows } from './linear-svm.ts';
import type { ListedPaper } from './recommend-readers.ts';

export const PEER_SETTINGS = {
  arxiv_sanity_svm:
    "arxiv-sanity-lite's compute.py and serve.py with the issue's settings: scikit-learn TfidfVectorizer (strip_accents unicode, lowercase, token_pattern \\b[a-zA-Z_][a-zA-Z0-9_]+\\b, English stop words, ngram_range (1, 2), max_features 10,000, min_df 5, max_df 0.5, sublinear_tf, smooth idf, l2) fit on the title and abstract of every paper up to the candidate month; per reader LinearSVC(loss hinge, class_weight balanced, C 0.01, tol 1e-6, max_iter 10,000) trained on all of them, the reader's history as positives; candidates by decision value. The solver is LIBLINEAR's dual coordinate descent (what LinearSVC runs), ported.",
  centroid:
    'Rocchio with positives only: the mean of the unit TF-IDF vectors (the same features as the SVM) of the reader history; candidates by cosine.',
  newest: 'Candidates newest first (arXiv id descending within the month).',
};

const TFIDF = { maxFeatures: 10_000, minDf: 5, maxDf: 0.5 };
const SVM = { loss: 'hinge' as const, c: 0.01, tolerance: 1e-6, maxIterations: 10_000 };

export interface PeerRankers {
  features: { rows: number; columns: number; fitMs: number };
  svm(history: readonly string[]): { ranked: string[]; iterations: number };
  centroid(history: readonly string[]): string[];
  newest(): string[];
}

/** `corpus`: every paper the hub holds when recommending; `candidates`: the ids to rank, a subset. */
export function createPeers(corpus: readonly ListedPaper[], candidates: readonly string[]): PeerRankers {
  const started = performance.now();
  const { rows } = fitTransform(
    corpus.map((paper) => `${paper.title} ${paper.abstract}`),
    TFIDF,
  );
  const fitMs = performance.now() - started;
  const rowOf = new Map(corpus.map((paper, row) => [paper.id, row]));
  const candidateRows = candidates.map((id) => rowOf.get(id)!);
  const byScore = (scores: number[]) =>
    candidates
      .map((id, i) => ({ id, score: scores[i]! }))
      .sort((a, b) => b.score - a.score || (a.id < b.id ? 1 : -1))
      .map((entry) => entry.id);

  return {
    features: { rows: rows.rowStart.length - 1, columns: rows.columns, fitMs },
    svm(history) {
      const labels = new Int8Array(corpus.length).fill(-1);
      for (const id of history) labels[rowOf.get(id)!] = 1;
      const model = trainLinearSvm(rows, labels, { ...balancedCosts(labels, SVM.c), ...SVM });
      return { ranked: byScore(candidateRows.map((row) => decisionValue(model, rows, row))), iterations: model.iterations };
    },
    centroid(history) {
      const centroid = new Float64Array(rows.columns);
      for (const id of history) addRow(centroid, rows, rowOf.get(id)!);
      return byScore(candidateRows.map((row) => dotRow(centroid, rows, row)));
    },
    newest: () => [...candidates].sort((a, b) => (a < b ? 1 : -1)),
  };
}

function addRow(into: Float64Array, rows: SparseRows, row: number): void {
  for (let k = rows.rowStart[row]!; k < rows.rowStart[row + 1]!; k++) into[rows.indices[k]!]! += rows.values[k]!;
}

/** The centroid's length does not change the order, so it is left unnormalised. */
function dotRow(vector: Float64Array, rows: SparseRows, row: number): number {
  let sum = 0;
  for (let k = rows.rowStart[row]!; k < rows.rowStart[row + 1]!; k++) sum += vector[rows.indices[k]!]! * rows.values[k]!;
  return sum;
}
