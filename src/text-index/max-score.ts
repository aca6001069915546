// The best documents by BM25 without scoring every posting: MaxScore (Turtle
// and Flood, 1995), document at a time. Each list (a term's postings in one
// segment) has a bound no document of it can score above (but in the last
// digit: a bound and a score are reckoned differently). Once the top
// `count` hold `count` documents, the lists whose bounds together cannot lift a
// document past the worst of them only add to documents found in the others,
// read by seeking. Exact: the same documents, scores and order as scoring
// every posting, since a document's contributions are summed in the order of
// the lists given (as term-at-a-time scoring adds them), and the lists of other
// segments add nothing to it (x + 0 is x).
import { FIELDS } from './postings.ts';
import { PostingCursor } from './posting-cursor.ts';
import { forwardSearch, isRefused, type Refused } from './seq-sets.ts';
import { BestDocuments, ranksBefore, type ScoredDocument } from './best-documents.ts';
import { BOUND_MARGIN, type Narrowing, type PostingScorer, type SharedRanking, type WeightedList } from './ranking-inputs.ts';

export type { ScoredDocument } from './best-documents.ts';

/** A region's bound reads at most this many blocks' bounds of a list only sought; past them, the list's own. */
const REGION_BLOCKS = 16;
/** Seeking a document in the lists costs about as much as reading this many postings. */
const SEEK_COST = 8;

/** The lists of each segment, oldest segment (mostly the largest) first, each group in the order given. */
function bySegment(lists: WeightedList[]): WeightedList[][] {
  const groups = new Map<number, WeightedList[]>();
  for (const list of lists) {
    if (list.list.documents === 0) continue;
    const group = groups.get(list.segment);
    if (group) group.push(list);
    else groups.set(list.segment, [list]);
  }
  return [...groups].sort(([a], [b]) => a - b).map(([, group]) => group);
}

/** What ranking a query's segments shares: the scorer, the best so far, where the page starts and which documents may rank. */
interface Search {
  scorer: PostingScorer;
  best: BestDocuments;
  after: ScoredDocument | null;
  refused: Refused | null;
  /** The only documents that may rank by segment, when few beside the postings: each sought in the lists. */
  among: Map<number, Int32Array> | null;
  /** The only documents that may rank, when many: the lists are read skipping from one of them to the next. */
  allowed: Int32Array | null;
  /** The least score another thread's best documents need, when one ranks the query's other segments. */
  floor: Float64Array | null;
}

/**
 * Up to `count` documents that rank, best first, with positive scores.
 *
 * A document counts only in its own segment (a posting of it elsewhere is stale), so each
 * segment's lists are ranked on their own into the same best `count`: a document is sought
 * in its segment's lists only, and that segment's bounds prune it. Documents allowed `among`
 * few beside the lists' postings (a rare category, an author) are each sought in the lists;
 * many (a category, a date range: mostly runs of seqs), and the lists are read skipping from
 * one allowed document to the next, the blocks between them undecoded.
 */
export function bestByMaxScore(
  lists: WeightedList[],
  scorer: PostingScorer,
  count: number,
  narrowing: Narrowing = {},
  shared: SharedRanking | null = null,
): ScoredDocument[] {
  if (count <= 0) return [];
  const { after = null, among = null, refused = null } = narrowing;
  const postings = lists.reduce((sum, list) => sum + list.list.documents, 0);
  const seekAmong = among !== null && among.length * SEEK_COST <= postings;
  const search: Search = {
    scorer,
    best: new BestDocuments(count),
    after,
    refused,
    among: seekAmong ? bySegmentPlaced(among, scorer.segmentOf) : null,
    allowed: seekAmong ? null : among,
    floor: shared?.floor ?? null,
  };
  const groups = bySegment(lists);
  let taken = 0;
  for (
    let at = shared ? Atomics.add(shared.taken, 0, 1) : taken++;
    at < groups.length;
    at = shared ? Atomics.add(shared.taken, 0, 1) : taken++
  ) {
    rankSegment(groups[at]!, search);
    // Racing writes may leave the other thread's smaller floor: a lower floor prunes less, never wrongly.
    if (shared && search.best.threshold > shared.floor[0]!) shared.floor[0] = search.best.threshold;
  }
  return search.best.sorted();
}

/** The documents of `among` by the segment each is placed in, each group in order (one pass, not one a segment). */
function bySegmentPlaced(among: Int32Array, segmentOf: Int32Array): Map<number, Int32Array> {
  const groups = new Map<number, number[]>();
  for (const seq of among) {
    const group = groups.get(segmentOf[seq]!);
    if (group) group.push(seq);
    else groups.set(segmentOf[seq]!, [seq]);
  }
  return new Map([...groups].map(([segment, seqs]) => [segment, Int32Array.from(seqs)]));
}

/** MaxScore over one segment's lists, adding the documents that rank to `search.best`. */
function rankSegment(lists: WeightedList[], search: Search): void {
  const { scorer, best, after, refused, floor } = search;
  const { segmentOf, lengthOf, base, perWord } = scorer;
  const [weight0, weight1, weight2] = scorer.fieldWeights;
  const segment = lists[0]!.segment;
  // A posting counts only while its document is placed in the segment: checked once a document, unless every list is clean.
  const placedOnly = lists.some((list) => !list.clean);
  // Lists by bound, least first; a document's contributions are still summed in the order given (`atOfSlot`).
  const order = lists.map((list, slot) => ({ list, slot })).sort((a, b) => a.list.bound - b.list.bound);
  const size = order.length;
  const cursors = order.map(({ list }) => new PostingCursor(list.list));
  const weight = Float64Array.from(order, ({ list }) => list.weight);
  // upTo[at]: the most lists 0 … at can add together.
  const upTo = new Float64Array(size);
  order.forEach(({ list }, at) => (upTo[at] = (at ? upTo[at - 1]! : 0) + list.bound * BOUND_MARGIN));
  // A document's part in each list, by position in `order`: written for every list it is scored or sought in.
  const partAt = new Float64Array(size);
  // The position in `order` of each list given, in the order given.
  const atOfSlot = new Int32Array(size);
  order.forEach(({ slot }, at) => (atOfSlot[slot] = at));
  // Documents allowed in this segment, each sought in every list (all lists are then non-essential).
  const candidates = search.among ? (search.among.get(segment) ?? new Int32Array(0)) : null;
  // The least allowed document from a seq on, when many are allowed.
  const allowedFrom = search.allowed ? forwardSearch(search.allowed) : null;
  let next = 0;
  let threshold = floor ? Math.max(best.threshold, floor[0]!) : best.threshold;
  // Lists from `essential` on are read posting by posting; those before it only sought.
  let essential = candidates ? size : 0;
  while (essential < size && upTo[essential]! <= threshold) essential++;

  /** The most a document in `block` of list `at` can score. */
  const blockBound = (at: number, block: number): number => {
    const { list } = order[at]!;
    const { blockMaxima, impacts } = list.list;
    const b = block * FIELDS;
    const f = weight0 * blockMaxima[b]! + weight1 * blockMaxima[b + 1]! + weight2 * blockMaxima[b + 2]!;
    const part = f / (f + base);
    return list.weight * (impacts ? Math.min(part, list.impactScale * impacts[block]!) : part);
  };

  // The region up to the first end of the essential lists' current blocks (each list's documents there are in
  // its current block), and the most a document in it can score (with the lists only sought, by their blocks
  // there: "detection enhances" read 30 % fewer postings at 2.7 million papers); computed again once past it.
  const region = { end: -1, essential: -1, bound: 0 };
  const measureRegion = (start: number, essential: number): void => {
    region.bound = 0;
    region.end = Infinity;
    region.essential = essential;
    for (let at = essential; at < size; at++) {
      const cursor = cursors[at]!;
      if (cursor.seq === Infinity) continue;
      region.bound += blockBound(at, cursor.block);
      region.end = Math.min(region.end, cursor.blockEnd);
    }
    for (let at = 0; at < essential; at++) region.bound += mostWithin(at, start, region.end);
  };

  /**
   * The most a document from `start` to `end` can score in list `at` (one only sought): the bound of its
   * blocks there, unread, or of the whole list when they are many.
   */
  const mostWithin = (at: number, start: number, end: number): number => {
    const cursor = cursors[at]!;
    cursor.skipTo(start);
    if (cursor.seq === Infinity) return 0;
    const { lastSeqs, blocks } = order[at]!.list.list;
    let most = 0;
    for (let block = cursor.block; block < blocks; block++) {
      if (block - cursor.block === REGION_BLOCKS) return order[at]!.list.bound;
      most = Math.max(most, blockBound(at, block));
      if (lastSeqs[block]! >= end) break;
    }
    return most;
  };

  // Whether an essential list may be on a block not yet read (its seq then only the least it may be): at first, and once skipped.
  let unsettled = true;
  /**
   * The least seq the essential lists (from `essential`) hold from here on (of the allowed documents, when given), their
   * blocks that cannot lift a document past `threshold` skipped unread (block-max MaxScore); Infinity when none is left.
   * `least` is their least seq when the caller knows it (NaN otherwise). The essential lists and the threshold are
   * passed rather than shared with the ranking loop, whose variables then stay its own.
   */
  const nextCandidate = (least: number, essential: number, threshold: number): number => {
    for (let seq = least; ; seq = NaN) {
      if (Number.isNaN(seq)) {
        seq = Infinity;
        for (let at = essential; at < size; at++) if (cursors[at]!.seq < seq) seq = cursors[at]!.seq;
      }
      if (seq === Infinity) return seq;
      const allowed = allowedFrom ? allowedFrom(seq) : seq;
      if (allowed !== seq) {
        for (let at = essential; at < size; at++) cursors[at]!.skipTo(allowed);
        unsettled = true;
        continue;
      }
      if (threshold > -Infinity) {
        if (seq > region.end || essential !== region.essential) measureRegion(seq, essential);
        if (region.bound * BOUND_MARGIN <= threshold) {
          for (let at = essential; at < size; at++) cursors[at]!.skipTo(region.end + 1);
          region.end = -1;
          unsettled = true;
          continue;
        }
      }
      if (!unsettled) return seq;
      let settled = false;
      unsettled = false;
      for (let at = essential; at < size; at++) {
        const cursor = cursors[at]!;
        if (cursor.exact) continue;
        if (cursor.seq === seq) {
          cursor.settle();
          settled = true;
        } else unsettled = true;
      }
      if (!settled) return seq;
    }
  };

  // The least seq of the essential lists, found while the last document was scored; NaN when to be found again.
  let least = NaN;
  for (;;) {
    const seq = candidates ? (next < candidates.length ? candidates[next++]! : Infinity) : nextCandidate(least, essential, threshold);
    if (seq === Infinity) break;
    least = NaN;
    if (placedOnly && segmentOf[seq] !== segment) {
      for (let at = essential; at < size; at++) if (cursors[at]!.seq === seq) cursors[at]!.next();
      continue;
    }
    const length = lengthOf[seq]!;
    // A posting's score is written out in both loops below: a shared closure made this loop 5 to 10 % slower at 2.7 million papers.
    let partial = 0;
    let held = false;
    let following = Infinity;
    for (let at = essential; at < size; at++) {
      const cursor = cursors[at]!;
      if (cursor.seq !== seq) {
        partAt[at] = 0;
        if (cursor.seq < following) following = cursor.seq;
        continue;
      }
      const f = cursor.weighed(weight0, weight1, weight2);
      const score = (weight[at]! * f) / (f + base + perWord * length);
      partAt[at] = score;
      partial += score;
      held = true;
      cursor.next();
      if (cursor.seq < following) following = cursor.seq;
    }
    least = following;
    // The lists only sought, most promising first, until what is left of them cannot lift the document into the best.
    let pruned = false;
    for (let at = essential - 1; at >= 0; at--) {
      if ((partial + upTo[at]!) * BOUND_MARGIN <= threshold) {
        pruned = true;
        break;
      }
      const cursor = cursors[at]!;
      partAt[at] = 0;
      cursor.skipTo(seq);
      if (cursor.seq !== seq) continue;
      // Its block not yet read: its bound may spare reading it.
      if (!cursor.exact && (partial + blockBound(at, cursor.block) + (at ? upTo[at - 1]! : 0)) * BOUND_MARGIN <= threshold) {
        pruned = true;
        break;
      }
      cursor.settle();
      if (cursor.seq !== seq) continue;
      const f = cursor.weighed(weight0, weight1, weight2);
      const score = (weight[at]! * f) / (f + base + perWord * length);
      partAt[at] = score;
      partial += score;
      held = true;
    }
    if (pruned || !held) continue;
    // The exact score: the parts in the order of the lists given (each written above, the document not pruned).
    let score = 0;
    for (let index = 0; index < size; index++) score += partAt[atOfSlot[index]!]!;
    if (!best.admits(seq, score)) continue;
    if ((after && !ranksBefore(after.score, after.seq, { score, seq })) || (refused && isRefused(refused, seq))) continue;
    best.add(seq, score);
    threshold = floor ? Math.max(best.threshold, floor[0]!) : best.threshold;
    while (essential < size && upTo[essential]! <= threshold) {
      essential++;
      least = NaN;
    }
  }
}
