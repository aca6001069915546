// The best documents by BM25 without scoring every posting: MaxScore (Turtle
// and Flood, 1995), document at a time. Each list (a term's postings in one
// segment) has a bound no document of it can score above. Once the top
// `count` hold `count` documents, the lists whose bounds together cannot lift a
// document past the worst of them only add to documents found in the others,
// read by seeking. Exact: the same documents, scores and order as scoring
// every posting, since a document's contributions are summed in the order of
// the lists given (as term-at-a-time scoring adds them), and the lists of other
// segments add nothing to it (x + 0 is x).
import { FIELDS } from './postings.ts';

/** One term's postings in one segment, with the term's weight (idf × (k1 + 1) × √times) and the most a document of it can score. */
export interface WeightedList {
  seqs: Uint32Array;
  counts: Uint8Array;
  segment: number;
  clean: boolean;
  weight: number;
  bound: number;
}

export interface ScoredDocument {
  seq: number;
  score: number;
}

/** How one posting scores: BM25's term frequency part, with the field weights and document lengths. */
export interface PostingScorer {
  segmentOf: Int32Array;
  lengthOf: Uint32Array;
  fieldWeights: readonly [number, number, number];
  /** k1 × (1 − b), and k1 × b / average length. */
  base: number;
  perWord: number;
}

/** Bounds and sums grow by this share before pruning, so that rounding never prunes a document that should rank. */
const BOUND_MARGIN = 1 + 1e-9;

/** Ranks before: higher score first (scores here are positive), then lower seq. */
function ranksBefore(score: number, seq: number, other: ScoredDocument): boolean {
  return score > other.score || (score === other.score && seq < other.seq);
}

/** The best `count`, kept in a heap whose root is the worst of them. */
class Best {
  readonly items: ScoredDocument[] = [];
  constructor(private readonly count: number) {}

  get full(): boolean {
    return this.items.length === this.count;
  }

  /** No document scoring at most this gets in once full (one of equal score gets in only by a lower seq). */
  get threshold(): number {
    return this.full ? this.items[0]!.score : -Infinity;
  }

  /** Whether a document would get in. */
  admits(seq: number, score: number): boolean {
    return !this.full || ranksBefore(score, seq, this.items[0]!);
  }

  add(seq: number, score: number): void {
    const heap = this.items;
    if (!this.full) {
      heap.push({ seq, score });
      for (let at = heap.length - 1; at > 0 && this.worse(at, (at - 1) >> 1); at = (at - 1) >> 1) this.swap(at, (at - 1) >> 1);
      return;
    }
    heap[0] = { seq, score };
    for (let at = 0; ;) {
      let worst = at;
      for (let child = 2 * at + 1; child <= 2 * at + 2; child++) if (child < heap.length && this.worse(child, worst)) worst = child;
      if (worst === at) return;
      this.swap(at, worst);
      at = worst;
    }
  }

  sorted(): ScoredDocument[] {
    return [...this.items].sort((a, b) => (ranksBefore(a.score, a.seq, b) ? -1 : 1));
  }

  private worse(a: number, b: number): boolean {
    const heap = this.items;
    return ranksBefore(heap[b]!.score, heap[b]!.seq, heap[a]!);
  }

  private swap(a: number, b: number): void {
    const heap = this.items;
    [heap[a], heap[b]] = [heap[b]!, heap[a]!];
  }
}

/** The first position at or after `from` whose seq is at least `target` (galloping, then binary search). */
function seek(seqs: Uint32Array, from: number, target: number): number {
  if (from >= seqs.length || seqs[from]! >= target) return from;
  let low = from;
  let step = 1;
  let high = from + 1;
  while (high < seqs.length && seqs[high]! < target) {
    low = high;
    step *= 2;
    high = from + step;
  }
  high = Math.min(high, seqs.length);
  while (low + 1 < high) {
    const middle = (low + high) >> 1;
    if (seqs[middle]! < target) low = middle;
    else high = middle;
  }
  return high;
}

/** The lists of each segment, each group in the order given. */
function bySegment(lists: WeightedList[]): WeightedList[][] {
  const groups = new Map<number, WeightedList[]>();
  for (const list of lists) {
    if (list.seqs.length === 0) continue;
    const group = groups.get(list.segment);
    if (group) group.push(list);
    else groups.set(list.segment, [list]);
  }
  return [...groups.values()];
}

/** What ranking a query's segments shares: the scorer, the best so far, where the page starts and which documents may rank. */
interface Search {
  scorer: PostingScorer;
  best: Best;
  after: ScoredDocument | null;
  accept?: (seq: number) => boolean;
}

/**
 * Up to `count` documents that rank after `after` (a document and its positive score) and that
 * `accept` admits, best first, with positive scores.
 *
 * A document counts only in its own segment (a posting of it elsewhere is stale), so each
 * segment's lists are ranked on their own into the same best `count`: a document is sought
 * in its segment's lists only, and that segment's bounds prune it.
 */
export function bestByMaxScore(
  lists: WeightedList[],
  scorer: PostingScorer,
  count: number,
  after: ScoredDocument | null,
  accept?: (seq: number) => boolean,
): ScoredDocument[] {
  const search: Search = { scorer, best: new Best(count), after, accept };
  for (const group of bySegment(lists)) rankSegment(group, search);
  return search.best.sorted();
}

/** MaxScore over one segment's lists, adding the documents that rank to `search.best`. */
function rankSegment(lists: WeightedList[], search: Search): void {
  const { scorer, best, after, accept } = search;
  const { segmentOf, lengthOf, base, perWord } = scorer;
  const [weight0, weight1, weight2] = scorer.fieldWeights;
  // Lists by bound, least first; a document's contributions are still summed in the order given.
  const order = lists.map((list, index) => ({ list, index })).sort((a, b) => a.list.bound - b.list.bound);
  const size = order.length;
  const upTo = new Float64Array(size);
  order.forEach(({ list }, at) => (upTo[at] = (at ? upTo[at - 1]! : 0) + list.bound * BOUND_MARGIN));
  const positions = new Int32Array(size);
  const parts = new Float64Array(size);
  let essential = 0;
  while (essential < size && upTo[essential]! <= best.threshold) essential++;

  // The document being scored: its score so far and whether it has a live posting.
  const scoring = { partial: 0, live: false };

  /** Adds the posting at `position` of list `at` to the document being scored, unless it is stale. */
  const contribute = (at: number, position: number, seq: number): void => {
    const { list, index } = order[at]!;
    if (!list.clean && segmentOf[seq] !== list.segment) return;
    const counts = list.counts;
    const c = position * FIELDS;
    const f = weight0 * counts[c]! + weight1 * counts[c + 1]! + weight2 * counts[c + 2]!;
    const score = (list.weight * f) / (f + base + perWord * lengthOf[seq]!);
    parts[index] = score;
    scoring.partial += score;
    scoring.live = true;
  };

  for (;;) {
    let seq = Infinity;
    for (let at = essential; at < size; at++) {
      const position = positions[at]!;
      const seqs = order[at]!.list.seqs;
      if (position < seqs.length && seqs[position]! < seq) seq = seqs[position]!;
    }
    if (seq === Infinity) break;
    scoring.partial = 0;
    scoring.live = false;
    for (let at = essential; at < size; at++) {
      const position = positions[at]!;
      const seqs = order[at]!.list.seqs;
      if (position < seqs.length && seqs[position] === seq) {
        contribute(at, position, seq);
        positions[at] = position + 1;
      }
    }
    const threshold = best.threshold;
    let pruned = false;
    for (let at = essential - 1; at >= 0; at--) {
      if ((scoring.partial + upTo[at]!) * BOUND_MARGIN <= threshold) {
        pruned = true;
        break;
      }
      const seqs = order[at]!.list.seqs;
      const position = (positions[at] = seek(seqs, positions[at]!, seq));
      if (position < seqs.length && seqs[position] === seq) contribute(at, position, seq);
    }
    // The exact score: the parts in the order of the lists given.
    let score = 0;
    for (let index = 0; index < size; index++) {
      score += parts[index]!;
      parts[index] = 0;
    }
    if (pruned || !scoring.live || !best.admits(seq, score)) continue;
    if ((after && !ranksBefore(after.score, after.seq, { score, seq })) || (accept && !accept(seq))) continue;
    best.add(seq, score);
    while (essential < size && upTo[essential]! <= best.threshold) essential++;
  }
}
