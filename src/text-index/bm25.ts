// BM25 over the index, the formula of SQLite FTS5's bm25() so scores match it:
// per term, idf × f(k1+1) / (f + k1(1 − b + b·|D|/avgdl)), where f sums the
// term's counts in each field times the field's weight, and |D| counts every
// word of the document. A word the query says n times counts √n times (FTS5
// would count it n times). Scores are negated, as FTS5's are: lower ranks first.
import type { IndexReader, SegmentPostings } from './reader.ts';
import { B, BASE, K1 } from './impacts.ts';
import type { ScoredDocument } from './max-score.ts';
import { weightedList, type Narrowing, type PostingScorer, type WeightedList } from './ranking-inputs.ts';
import { bestInParallel, liveCounting, PARALLEL_FROM } from './parallel-ranking.ts';

/** One weight per field, in the source's field order; a missing field weighs 0. */
export type FieldWeights = readonly number[];

export type { ScoredDocument } from './max-score.ts';

/** Documents scored for a query: read them best first, a page at a time. */
export interface Ranking {
  /** Up to count documents ranked after `after` (or from the top), not refused (and among `among`, when given), best first. */
  best(count: number, narrowing?: Narrowing): Promise<ScoredDocument[]>;
}

export interface TermPostings {
  term: string;
  /** Documents holding the term (counted at the first ask). */
  readonly frequency: number;
  /** Whether a document holds it: a clean segment's list says so uncounted, else lists are counted until one holds a live one. */
  readonly held: boolean;
  /** How often the query says it. */
  times: number;
  lists: SegmentPostings[];
}

/** `parallelFrom`: postings a query's lists hold from which its segments are ranked on two threads (parallel-ranking.ts). */
export function createBm25(reader: IndexReader, weights: FieldWeights, parallelFrom = PARALLEL_FROM) {
  /**
   * Each term's postings and how many documents hold it, as of now: `counted`, those are counted at once (on two
   * threads when the lists are long), else when first asked.
   */
  async function lookUp(terms: string[], { counted = false } = {}): Promise<TermPostings[]> {
    await reader.refresh();
    const repeats = new Map<string, number>();
    for (const term of terms) repeats.set(term, (repeats.get(term) ?? 0) + 1);
    const { segmentOf } = reader.placements();
    const counting = counted ? liveCounting(segmentOf, parallelFrom) : null;
    const lists = await reader.postingsOfEach([...repeats.keys()], (termLists) => counting?.add(termLists));
    await counting?.finish();
    // Else counted when asked: a filter's key term needs its documents, which count its lists as they are read.
    return [...repeats].map(([term, times], index) => ({
      term,
      get frequency() {
        return frequencyOf(lists[index]!, segmentOf);
      },
      get held() {
        return isHeld(lists[index]!, segmentOf);
      },
      lists: lists[index]!,
      times,
    }));
  }

  /** The documents holding any of the terms, best first, found by MaxScore (max-score.ts). */
  function rank(terms: TermPostings[]): Ranking {
    const { segmentOf, lengthOf } = reader.placements();
    const documents = reader.documents();
    const [weight0 = 0, weight1 = 0, weight2 = 0] = weights;
    const averageLength = reader.averageLength();
    const scorer: PostingScorer = {
      segmentOf,
      lengthOf,
      fieldWeights: [weight0, weight1, weight2],
      base: BASE,
      perWord: (K1 * B) / averageLength,
      averageLength,
    };
    const lists: WeightedList[] = terms.flatMap(({ frequency, lists: termLists, times }) => {
      const weight = Math.max(Math.log((documents - frequency + 0.5) / (frequency + 0.5)), 1e-6) * (K1 + 1) * Math.sqrt(times);
      return termLists.map((list) => weightedList(list, weight, scorer));
    });
    return {
      best: async (count, { after, ...narrowing } = {}) =>
        (
          await bestInParallel(
            lists,
            scorer,
            count,
            { ...narrowing, after: after ? { seq: after.seq, score: -after.score } : null },
            parallelFrom,
          )
        ).map(({ seq, score }) => ({ seq, score: -score })),
    };
  }

  return { lookUp, rank };
}

function isHeld(lists: SegmentPostings[], segmentOf: Int32Array): boolean {
  if (lists.some(({ clean, list }) => clean && list.documents > 0)) return true;
  return lists.some((postings) => (postings.live ??= postings.list.placedIn(segmentOf, postings.segment)) > 0);
}

/**
 * Documents holding the term: every posting of a clean segment, else those of documents still placed
 * there, counted once while the list is kept (the reader drops its lists when placements change).
 */
function frequencyOf(lists: SegmentPostings[], segmentOf: Int32Array): number {
  let frequency = 0;
  for (const postings of lists) {
    const { list, segment, clean } = postings;
    postings.live ??= clean ? list.documents : list.placedIn(segmentOf, segment);
    frequency += postings.live;
  }
  return frequency;
}
