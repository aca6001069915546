// What ranking a query takes (max-score.ts ranks it): each term's list in a
// segment with the term's weight and the most a document of it can score, how
// a posting scores, which documents may rank, and what two threads ranking
// the same query share. Plain data: a worker thread may rank.
import type { PostingList } from './postings.ts';
import type { Refused } from './seq-sets.ts';
import { impactScale } from './impacts.ts';
import type { ScoredDocument } from './best-documents.ts';

/** One term's postings in one segment, with the term's weight (idf × (k1 + 1) × √times) and the most a document of it can score. */
export interface WeightedList {
  list: PostingList;
  segment: number;
  clean: boolean;
  weight: number;
  bound: number;
  /** What an impact byte of the list is worth as a bound, before the weight (impacts.ts); Infinity when its impacts cannot bound. */
  impactScale: number;
}

/** How one posting scores: BM25's term frequency part, with the field weights and document lengths. */
export interface PostingScorer {
  segmentOf: Int32Array;
  lengthOf: Uint32Array;
  fieldWeights: readonly [number, number, number];
  /** k1 × (1 − b), and k1 × b / average length. */
  base: number;
  perWord: number;
  averageLength: number;
}

/** A term's list in a segment with the term's weight, and what bounds its documents' scores. */
export function weightedList(
  postings: Pick<WeightedList, 'list' | 'segment' | 'clean'>,
  weight: number,
  scorer: PostingScorer,
): WeightedList {
  const { maxima, impactModel, maxImpact } = postings.list;
  const [weight0, weight1, weight2] = scorer.fieldWeights;
  const most = weight0 * maxima[0]! + weight1 * maxima[1]! + weight2 * maxima[2]!;
  const scale = impactModel ? impactScale(impactModel, scorer.fieldWeights, scorer.averageLength) : Infinity;
  const byCounts = most > 0 ? most / (most + scorer.base) : 0;
  // A list without impacts (scale Infinity, maxImpact 0) is bounded by its counts alone.
  const part = impactModel ? Math.min(byCounts, scale * maxImpact) : byCounts;
  return { ...postings, weight, bound: weight * part, impactScale: scale };
}

/**
 * Bounds and sums grow by this share before pruning, so that rounding never prunes a document that should rank
 * (a score can pass its list's bound in the last digit: 250/255 of a weight, reckoned two ways).
 */
export const BOUND_MARGIN = 1 + 1e-9;

/**
 * What two threads ranking the same query share (parallel-ranking.ts), in shared memory: how many of its
 * segments have been taken (each thread takes the next left, so neither waits on the other), and the
 * least score either thread's best documents need, which prunes for both: the best of all the
 * segments are at least as good as either thread's.
 */
export interface SharedRanking {
  taken: Int32Array;
  floor: Float64Array;
}

export function sharedRanking(): SharedRanking {
  const memory = new SharedArrayBuffer(16);
  const floor = new Float64Array(memory, 0, 1);
  floor[0] = -Infinity;
  return { taken: new Int32Array(memory, 8, 1), floor };
}

/**
 * Which documents may rank: those after `after` (a document and its positive score), not `refused`,
 * and, when given, among `among` (seqs in increasing order). Data, not functions: a worker thread may rank.
 */
export interface Narrowing {
  after?: ScoredDocument | null;
  refused?: Refused | null;
  among?: Int32Array | null;
}
