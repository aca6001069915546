// Papers as TF-IDF vectors over the terms of a pool of papers (the newest
// ones): sublinear term frequency, inverse document frequency in the pool,
// unit length. Candidates are indexed by term so that one paper's cosine
// similarity to all of them costs only the postings of its own terms.
import { TERM_BUCKETS, type TermCounts } from './paper-terms.ts';

/** Inverse document frequency of each term bucket in the pool; 0 for a term left out. */
export interface TermSpace {
  idf: Float32Array;
}

/** Unit length; terms ascending. */
export interface SparseVector {
  terms: Int32Array;
  weights: Float32Array;
}

export interface CandidateIndex {
  size: number;
  /** Postings of term t: docs and weights from starts[t] to starts[t + 1]. */
  starts: Int32Array;
  docs: Int32Array;
  weights: Float32Array;
}

/**
 * Terms in more than this share of the pool (and more than COMMON_FLOOR papers) are left out:
 * they say almost nothing about a topic, and their postings would be most of the work. In a
 * small pool a topic's own words pass that share, and they are kept.
 */
const COMMON_SHARE = 0.1;
const COMMON_FLOOR = 50;

export function buildSpace(pool: readonly TermCounts[]): TermSpace {
  const df = new Uint32Array(TERM_BUCKETS);
  for (const { terms } of pool) for (let k = 0; k < terms.length; k++) df[terms[k]!]!++;
  const idf = new Float32Array(TERM_BUCKETS);
  const common = Math.max(COMMON_FLOOR, COMMON_SHARE * pool.length);
  for (let term = 0; term < TERM_BUCKETS; term++) {
    const count = df[term]!;
    if (count > 0 && count <= common) idf[term] = Math.log(pool.length / count);
  }
  return { idf };
}

export function vectorOf(space: TermSpace, { terms, counts }: TermCounts): SparseVector {
  const weights = new Float32Array(terms.length);
  let kept = 0;
  let norm = 0;
  for (let k = 0; k < terms.length; k++) {
    const weight = (1 + Math.log(counts[k]!)) * space.idf[terms[k]!]!;
    weights[k] = weight;
    if (weight > 0) kept++;
    norm += weight * weight;
  }
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  const vector: SparseVector = { terms: new Int32Array(kept), weights: new Float32Array(kept) };
  for (let k = 0, at = 0; k < terms.length; k++)
    if (weights[k]! > 0) {
      vector.terms[at] = terms[k]!;
      vector.weights[at++] = weights[k]! * scale;
    }
  return vector;
}

export function indexVectors(vectors: readonly SparseVector[]): CandidateIndex {
  const starts = new Int32Array(TERM_BUCKETS + 1);
  for (const vector of vectors) for (const term of vector.terms) starts[term + 1]!++;
  for (let t = 0; t < TERM_BUCKETS; t++) starts[t + 1]! += starts[t]!;
  const fill = starts.slice(0, TERM_BUCKETS);
  const docs = new Int32Array(starts[TERM_BUCKETS]!);
  const weights = new Float32Array(docs.length);
  vectors.forEach((vector, doc) => {
    for (let k = 0; k < vector.terms.length; k++) {
      const at = fill[vector.terms[k]!]!++;
      docs[at] = doc;
      weights[at] = vector.weights[k]!;
    }
  });
  return { size: vectors.length, starts, docs, weights };
}

/**
 * Adds the vector's cosine similarity to each candidate into `into` (zero before), and lists
 * the candidates it reaches in `touched`; returns how many.
 */
export function similarities(index: CandidateIndex, vector: SparseVector, into: Float32Array, touched: Int32Array): number {
  let reached = 0;
  for (let k = 0; k < vector.terms.length; k++) {
    const term = vector.terms[k]!;
    const weight = vector.weights[k]!;
    for (let at = index.starts[term]!; at < index.starts[term + 1]!; at++) {
      const doc = index.docs[at]!;
      if (into[doc] === 0) touched[reached++] = doc;
      into[doc]! += weight * index.weights[at]!;
    }
  }
  return reached;
}

/** Cosine similarity of two vectors. */
export function cosine(a: SparseVector, b: SparseVector): number {
  let sum = 0;
  for (let i = 0, j = 0; i < a.terms.length && j < b.terms.length;) {
    if (a.terms[i] === b.terms[j]) sum += a.weights[i++]! * b.weights[j++]!;
    else if (a.terms[i]! < b.terms[j]!) i++;
    else j++;
  }
  return sum;
}
