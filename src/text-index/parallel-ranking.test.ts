import { describe, expect, it } from 'vitest';
import { bestByMaxScore } from './max-score.ts';
import { weightedList, type PostingScorer } from './ranking-inputs.ts';
import { bestInParallel, countedInParallel, liveCounting, rankedInParallel, startRankingThread } from './parallel-ranking.ts';
import { PostingList, FIELDS } from './postings.ts';
import { encodePostings } from './postings-encoding.ts';
import { sharedJoin } from './bytes.ts';
import type { SegmentPostings } from './reader.ts';

const DOCUMENTS = 3000;
const SEGMENTS = 4;

/** Two terms' lists over four segments (a document's postings in the segment it is not placed in are stale), in shared memory. */
function query() {
  const segmentOf = new Int32Array(DOCUMENTS).map((_unused, seq) => 1 + (seq % SEGMENTS));
  const scorer: PostingScorer = {
    segmentOf,
    lengthOf: new Uint32Array(DOCUMENTS).map((_unused, seq) => 20 + ((seq * 7) % 90)),
    fieldWeights: [2.5, 1, 1],
    base: 1.2 * 0.25,
    perWord: (1.2 * 0.75) / 60,
    averageLength: 60,
  };
  const lists = [3, 5].flatMap((every, term) =>
    Array.from({ length: SEGMENTS }, (_unused, index) => {
      const segment = index + 1;
      const seqs = Uint32Array.from({ length: DOCUMENTS }, (_unused, seq) => seq).filter(
        (seq) => seq % every === 0 && seq % 11 !== segment,
      );
      const counts = Uint8Array.from({ length: seqs.length * FIELDS }, (_unused, at) => 1 + ((at * 5 + term) % 4));
      const list = new PostingList(sharedJoin([encodePostings(seqs, counts, seqs.length)]));
      return weightedList({ list, segment, clean: false }, 1 + term, scorer);
    }),
  );
  return { lists, scorer };
}

describe('ranking on two threads', () => {
  it('finds what one thread finds, and leaves the worker to one search at a time', async () => {
    expect(await startRankingThread()).toBe(true);
    const { lists, scorer } = query();
    const alone = bestByMaxScore(lists, scorer, 30);
    expect(alone.length).toBe(30);
    const before = rankedInParallel();
    // Started together: the second finds the worker busy with the first, and is ranked here alone.
    const [first, second] = await Promise.all([bestInParallel(lists, scorer, 30, {}, 0), bestInParallel(lists, scorer, 30, {}, 0)]);
    expect(first).toEqual(alone);
    expect(second).toEqual(alone);
    expect(rankedInParallel() - before).toBe(1);
    const after = { seq: alone[9]!.seq, score: alone[9]!.score };
    expect(await bestInParallel(lists, scorer, 30, { after }, 0)).toEqual(bestByMaxScore(lists, scorer, 30, { after }));
    expect(rankedInParallel() - before).toBe(2);
    // Below the postings it takes, or narrowed to some documents, a search stays here.
    const among = Int32Array.from({ length: 500 }, (_unused, index) => index * 6);
    expect(await bestInParallel(lists, scorer, 30, { among }, 0)).toEqual(bestByMaxScore(lists, scorer, 30, { among }));
    expect(await bestInParallel(lists, scorer, 30, {}, Infinity)).toEqual(alone);
    expect(rankedInParallel() - before).toBe(2);
  });

  it('counts the documents of each list still placed in its segment, term by term on both threads, as one thread does', async () => {
    expect(await startRankingThread()).toBe(true);
    const { lists, scorer } = query();
    const expected = (postings: SegmentPostings[]) =>
      postings.map(({ list, segment, clean }) => (clean ? list.documents : list.placedIn(scorer.segmentOf, segment)));
    const fresh = (): SegmentPostings[] => lists.map(({ list, segment }) => ({ list, segment, clean: segment === 1 }));
    const shared = fresh();
    const before = countedInParallel();
    const counting = liveCounting(scorer.segmentOf, 0);
    // Each term's lists as they are read: the worker counts the first term's while the second is read.
    counting.add(shared.slice(0, SEGMENTS));
    await new Promise((resolve) => setTimeout(resolve, 50));
    counting.add(shared.slice(SEGMENTS));
    await counting.finish();
    expect(shared.map(({ live }) => live)).toEqual(expected(shared));
    // Its dirty lists, all three of the first term's at least, were counted there; a clean one is not counted.
    expect(countedInParallel() - before).toBeGreaterThanOrEqual(SEGMENTS - 1);
    // Stale postings were there to leave out.
    expect(shared.some(({ list, live }) => live! < list.documents)).toBe(true);
    // Below the postings worth sending, every list is counted here.
    const alone = fresh();
    const here = liveCounting(scorer.segmentOf, Infinity);
    here.add(alone);
    await here.finish();
    expect(alone.map(({ live }) => live)).toEqual(expected(alone));
    // Lists counted once are not counted again.
    alone[1]!.live = -1;
    const again = liveCounting(scorer.segmentOf, 0);
    again.add(alone);
    await again.finish();
    expect(alone[1]!.live).toBe(-1);
  });
});
