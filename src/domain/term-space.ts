// Papers as TF-IDF vectors over the terms of a pool of papers (the newest
// ones): sublinear term frequency, inverse document frequency in the pool,
// unit length. Candidates are indexed by term so that one paper's cosine
// similarity to all of them costs only the postings of its own terms.
import { TERM_BUCKETS, type TermCounts } from './paper-terms.ts';
import { addTerm, placeOf, termTable, type TermTable } from './term-table.ts';

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
  /** The terms the candidates have, each at its place: a small window's index is small. */
  terms: TermTable;
  /** Postings of the term at place i: docs and weights from starts[i] to starts[i + 1]. */
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
  // The pool's document frequencies are counted (exactly, below 2^24 papers) in the array that then holds their logarithms.
  const idf = new Float32Array(TERM_BUCKETS);
  const seen: number[] = [];
  for (const { terms } of pool) for (let k = 0; k < terms.length; k++) if (idf[terms[k]!]!++ === 0) seen.push(terms[k]!);
  const common = Math.max(COMMON_FLOOR, COMMON_SHARE * pool.length);
  for (const term of seen) {
    const count = idf[term]!;
    idf[term] = count <= common ? Math.log(pool.length / count) : 0;
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

/** Per bucket, scratch for indexVectors: zero between calls. */
let scratch: Int32Array | null = null;

export function indexVectors(vectors: readonly SparseVector[]): CandidateIndex {
  // Postings counted by bucket, then each bucket numbered by its place among the terms.
  const place = (scratch ??= new Int32Array(TERM_BUCKETS));
  const found: number[] = [];
  try {
    for (const vector of vectors) for (const term of vector.terms) if (place[term]!++ === 0) found.push(term);
    const terms = termTable(found.length);
    const starts = new Int32Array(found.length + 1);
    for (const term of found) {
      const at = addTerm(terms, term);
      starts[at + 1] = starts[at]! + place[term]!;
      place[term] = at;
    }
    const fill = starts.slice(0, found.length);
    const docs = new Int32Array(starts[found.length]!);
    const weights = new Float32Array(docs.length);
    vectors.forEach((vector, doc) => {
      for (let k = 0; k < vector.terms.length; k++) {
        const at = fill[place[vector.terms[k]!]!]!++;
        docs[at] = doc;
        weights[at] = vector.weights[k]!;
      }
    });
    return { size: vectors.length, terms, starts, docs, weights };
  } finally {
    for (const term of found) place[term] = 0;
  }
}

/**
 * Adds the vector's cosine similarity to each candidate into `into` (zero before), and lists
 * the candidates it reaches in `touched`; returns how many.
 */
export function similarities(index: CandidateIndex, vector: SparseVector, into: Float32Array, touched: Int32Array): number {
  let reached = 0;
  const { starts, docs, weights } = index;
  for (let k = 0; k < vector.terms.length; k++) {
    const place = placeOf(index.terms, vector.terms[k]!);
    if (place < 0) continue;
    const weight = vector.weights[k]!;
    const end = starts[place + 1]!;
    for (let at = starts[place]!; at < end; at++) {
      const doc = docs[at]!;
      if (into[doc] === 0) touched[reached++] = doc;
      into[doc]! += weight * weights[at]!;
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
