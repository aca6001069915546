import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bestByMaxScore, type PostingScorer, type ScoredDocument, type WeightedList } from './max-score.ts';
import { FIELDS } from './postings.ts';

const DOCUMENTS = 60;

/** Every posting scored, summed list by list in the order given: what MaxScore must equal. */
function scoreEveryPosting(lists: WeightedList[], scorer: PostingScorer): ScoredDocument[] {
  const sums = new Map<number, number>();
  const [w0, w1, w2] = scorer.fieldWeights;
  for (const list of lists)
    list.seqs.forEach((seq, index) => {
      if (!list.clean && scorer.segmentOf[seq] !== list.segment) return;
      const c = index * FIELDS;
      const f = w0 * list.counts[c]! + w1 * list.counts[c + 1]! + w2 * list.counts[c + 2]!;
      const score = (list.weight * f) / (f + scorer.base + scorer.perWord * scorer.lengthOf[seq]!);
      sums.set(seq, sums.has(seq) ? sums.get(seq)! + score : score);
    });
  return [...sums].map(([seq, score]) => ({ seq, score })).sort((a, b) => b.score - a.score || a.seq - b.seq);
}

/** Lists of a few terms over a few segments; a document's postings in a segment other than its own are stale. */
const queries = fc
  .record({
    segmentOf: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: DOCUMENTS, maxLength: DOCUMENTS }),
    lengths: fc.array(fc.integer({ min: 1, max: 400 }), { minLength: DOCUMENTS, maxLength: DOCUMENTS }),
    terms: fc.array(
      fc.record({
        weight: fc.double({ min: 1e-6, max: 20, noNaN: true }),
        lists: fc.array(
          fc.record({
            segment: fc.integer({ min: 1, max: 3 }),
            seqs: fc.uniqueArray(fc.integer({ min: 0, max: DOCUMENTS - 1 }), { maxLength: DOCUMENTS }),
            counts: fc.array(fc.integer({ min: 0, max: 6 }), { minLength: DOCUMENTS * FIELDS, maxLength: DOCUMENTS * FIELDS }),
          }),
          { maxLength: 3 },
        ),
      }),
      { minLength: 1, maxLength: 4 },
    ),
    count: fc.integer({ min: 1, max: 25 }),
    cut: fc.integer({ min: 0, max: 30 }),
    modulus: fc.integer({ min: 1, max: 4 }),
  })
  .map(({ segmentOf, lengths, terms, count, cut, modulus }) => {
    const scorer: PostingScorer = {
      segmentOf: Int32Array.from(segmentOf),
      lengthOf: Uint32Array.from(lengths),
      fieldWeights: [2.5, 1, 1],
      base: 1.2 * 0.25,
      perWord: (1.2 * 0.75) / 120,
    };
    const lists: WeightedList[] = terms.flatMap((term) =>
      term.lists.map(({ segment, seqs, counts }) => {
        const sorted = Uint32Array.from(seqs.sort((a, b) => a - b));
        // At least one counted word per posting, as in an index.
        const listCounts = Uint8Array.from(counts.slice(0, sorted.length * FIELDS), (count, at) => (at % FIELDS === 1 ? count + 1 : count));
        const most = [0, 1, 2].map((field) => Math.max(0, ...listCounts.filter((_count, at) => at % FIELDS === field)));
        const f = 2.5 * most[0]! + most[1]! + most[2]!;
        return {
          seqs: sorted,
          counts: listCounts,
          segment,
          clean: sorted.every((seq) => segmentOf[seq] === segment),
          weight: term.weight,
          bound: (term.weight * f) / (f + scorer.base),
        };
      }),
    );
    return { lists, scorer, count, cut, modulus };
  });

describe('MaxScore', () => {
  it('finds the same documents, scores and order as scoring every posting, page after page, with a filter', () => {
    fc.assert(
      fc.property(queries, ({ lists, scorer, count, cut, modulus }) => {
        const accept = (seq: number) => seq % modulus === 0;
        const all = scoreEveryPosting(lists, scorer).filter((document) => accept(document.seq));
        expect(bestByMaxScore(lists, scorer, count, null, accept)).toEqual(all.slice(0, count));
        // The next page, after a document of the list.
        const after = all[Math.min(cut, all.length - 1)];
        if (after) expect(bestByMaxScore(lists, scorer, count, after, accept)).toEqual(all.slice(all.indexOf(after) + 1).slice(0, count));
      }),
      { numRuns: 300 },
    );
  });

  it('breaks a tie between segments by the lower seq, whichever segment is ranked first', () => {
    const scorer: PostingScorer = {
      segmentOf: Int32Array.from([0, 0, 2, 0, 0, 1]),
      lengthOf: Uint32Array.from([0, 0, 100, 0, 0, 100]),
      fieldWeights: [1, 1, 1],
      base: 0.3,
      perWord: 0.01,
    };
    const list = (segment: number, seq: number): WeightedList => ({
      seqs: Uint32Array.from([seq]),
      counts: Uint8Array.from([1, 2, 0]),
      segment,
      clean: true,
      weight: 2,
      bound: 2,
    });
    const lists = [list(1, 5), list(2, 2)];
    const [first] = bestByMaxScore(lists, scorer, 1, null);
    expect(first!.seq).toBe(2);
    expect(bestByMaxScore(lists, scorer, 2, null).map((document) => document.seq)).toEqual([2, 5]);
    expect(bestByMaxScore(lists, scorer, 1, first!).map((document) => document.seq)).toEqual([5]);
  });

  it('finds nothing in empty lists', () => {
    const scorer: PostingScorer = {
      segmentOf: new Int32Array(1),
      lengthOf: new Uint32Array(1),
      fieldWeights: [1, 1, 1],
      base: 0.3,
      perWord: 0.01,
    };
    expect(bestByMaxScore([], scorer, 10, null)).toEqual([]);
  });
});
