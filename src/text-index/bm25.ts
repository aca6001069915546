// BM25 over the index, the formula of SQLite FTS5's bm25() so scores match it:
// per term, idf × f(k1+1) / (f + k1(1 − b + b·|D|/avgdl)), where f sums the
// term's counts in each field times the field's weight, and |D| counts every
// word of the document. A word the query says n times counts √n times (FTS5
// would count it n times). Scores are negated, as FTS5's are: lower ranks first.
import type { IndexReader, SegmentPostings } from './reader.ts';
import { FIELDS } from './postings.ts';

/** One weight per field, in the source's field order; a missing field weighs 0. */
export type FieldWeights = readonly number[];

export interface ScoredDocument {
  seq: number;
  score: number;
}

/** Documents scored for a query: read them best first, a page at a time. */
export interface Ranking {
  size: number;
  /** Up to count documents ranked after `after` (or from the top) that `accept` admits, best first. */
  best(count: number, after?: ScoredDocument | null, accept?: (seq: number) => boolean): ScoredDocument[];
}

export interface TermPostings {
  term: string;
  /** Documents holding the term. */
  frequency: number;
  /** How often the query says it. */
  times: number;
  lists: SegmentPostings[];
}

const K1 = 1.2;
const B = 0.75;

export function createBm25(reader: IndexReader, weights: FieldWeights) {
  let sums = new Float64Array(0);
  let stamps = new Uint32Array(0);
  let stamp = 0;

  /** Each term's postings and how many documents hold it, as of now. */
  async function lookUp(terms: string[]): Promise<TermPostings[]> {
    await reader.refresh();
    const repeats = new Map<string, number>();
    for (const term of terms) repeats.set(term, (repeats.get(term) ?? 0) + 1);
    const lists = await Promise.all([...repeats.keys()].map((term) => reader.postings(term)));
    const { segmentOf } = reader.placements();
    return [...repeats].map(([term, times], index) => ({
      term,
      frequency: frequencyOf(lists[index]!, segmentOf),
      lists: lists[index]!,
      times,
    }));
  }

  function rank(terms: TermPostings[]): Ranking {
    const { segmentOf, lengthOf } = reader.placements();
    if (sums.length < segmentOf.length) {
      sums = new Float64Array(segmentOf.length);
      stamps = new Uint32Array(segmentOf.length);
    }
    stamp++;
    const documents = reader.documents();
    const lengthWeight = (K1 * B) / reader.averageLength();
    const [weight0 = 0, weight1 = 0, weight2 = 0] = weights;
    let touched: Int32Array = new Int32Array(1024);
    let size = 0;
    for (const { frequency, lists, times } of terms) {
      const idf = Math.max(Math.log((documents - frequency + 0.5) / (frequency + 0.5)), 1e-6) * (K1 + 1) * Math.sqrt(times);
      for (const { seqs, counts, segment, clean } of lists) {
        for (let index = 0, at = 0; index < seqs.length; index++, at += FIELDS) {
          const seq = seqs[index]!;
          if (!clean && segmentOf[seq] !== segment) continue;
          const f = weight0 * counts[at]! + weight1 * counts[at + 1]! + weight2 * counts[at + 2]!;
          const score = (idf * f) / (f + K1 * (1 - B) + lengthWeight * lengthOf[seq]!);
          if (stamps[seq] !== stamp) {
            stamps[seq] = stamp;
            sums[seq] = score;
            if (size === touched.length) touched = grown(touched);
            touched[size++] = seq;
          } else sums[seq] = sums[seq]! + score;
        }
      }
    }
    const seqs = touched.subarray(0, size);
    const scores = new Float64Array(size);
    for (let index = 0; index < size; index++) scores[index] = -sums[seqs[index]!]!;
    return { size, best: (count, after, accept) => pickBest(seqs, scores, count, after ?? null, accept) };
  }

  return { lookUp, rank };
}

/** Documents holding the term: every posting of a clean segment, else those of documents still placed there. */
function frequencyOf(lists: SegmentPostings[], segmentOf: Int32Array): number {
  let frequency = 0;
  for (const { seqs, segment, clean } of lists) {
    if (clean) frequency += seqs.length;
    else for (const seq of seqs) if (segmentOf[seq] === segment) frequency++;
  }
  return frequency;
}

function grown(array: Int32Array): Int32Array {
  const larger = new Int32Array(array.length * 2);
  larger.set(array);
  return larger;
}

/** Ranks before: lower score first, then lower seq (as the SQL ORDER BY score, seq). */
function before(score: number, seq: number, other: ScoredDocument): boolean {
  return score < other.score || (score === other.score && seq < other.seq);
}

/** The best `count` by a heap whose root is the worst kept: O(n log count) whatever the count. */
function pickBest(
  seqs: Int32Array,
  scores: Float64Array,
  count: number,
  after: ScoredDocument | null,
  accept?: (seq: number) => boolean,
): ScoredDocument[] {
  const heap: ScoredDocument[] = [];
  const worse = (a: number, b: number) => before(heap[b]!.score, heap[b]!.seq, heap[a]!);
  const swap = (a: number, b: number) => ([heap[a], heap[b]] = [heap[b]!, heap[a]!]);
  for (let index = 0; index < seqs.length; index++) {
    const seq = seqs[index]!;
    const score = scores[index]!;
    if (after && !before(after.score, after.seq, { score, seq })) continue;
    if (heap.length === count && !before(score, seq, heap[0]!)) continue;
    if (accept && !accept(seq)) continue;
    if (heap.length < count) {
      heap.push({ seq, score });
      for (let at = heap.length - 1; at > 0 && worse(at, (at - 1) >> 1); at = (at - 1) >> 1) swap(at, (at - 1) >> 1);
    } else {
      heap[0] = { seq, score };
      for (let at = 0; ;) {
        let worst = at;
        for (const child of [2 * at + 1, 2 * at + 2]) if (child < heap.length && worse(child, worst)) worst = child;
        if (worst === at) break;
        swap(at, worst);
        at = worst;
      }
    }
  }
  return heap.sort((a, b) => (before(a.score, a.seq, b) ? -1 : 1));
}
