import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { appendPlaced, BLOCK, decodePostings, FIELDS, PostingList, postingsDocuments } from './postings.ts';
import { encodePostings } from './postings-encoding.ts';
import { PostingCursor } from './posting-cursor.ts';

/** Increasing seqs up to `largest` with FIELDS counts each, small or large. */
const listsUpTo = (largest: number) =>
  fc.uniqueArray(fc.integer({ min: 0, max: largest }), { maxLength: 3 * BLOCK + 5, size: 'max' }).chain((seqs) =>
    fc.record({
      seqs: fc.constant(Uint32Array.from(seqs.sort((a, b) => a - b))),
      counts: fc.uint8Array({ minLength: seqs.length * FIELDS, maxLength: seqs.length * FIELDS }).map((counts) =>
        // Mostly the small counts of real text, which take one byte.
        counts.map((count, index) => (index % 5 === 0 ? count : count % 4)),
      ),
    }),
  );
/** Up to the largest seq a list may hold. */
const lists = listsUpTo(2 ** 32 - 1);

describe('compressed postings', () => {
  it('decode to what was encoded, over block edges, escapes and the largest seqs', () => {
    fc.assert(
      fc.property(lists, ({ seqs, counts }) => {
        const stored = encodePostings(seqs, counts);
        expect(postingsDocuments(stored)).toBe(seqs.length);
        const decoded = decodePostings(stored);
        expect([...decoded.seqs]).toEqual([...seqs]);
        expect([...decoded.counts]).toEqual([...counts]);
      }),
    );
  });

  it('give a merge the postings of the documents placed where it asks, after those it has', () => {
    const marks = fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 64, maxLength: 64 });
    fc.assert(
      fc.property(listsUpTo(5_000), marks, fc.nat(5), ({ seqs, counts }, marksBySeq, at) => {
        // Each document placed by its seq's mark (0, 1 or 2), as a merge places the documents of its segments.
        const placed = Uint8Array.from({ length: (seqs.at(-1) ?? 0) + 1 }, (_, seq) => marksBySeq[seq % 64]!);
        const kept = [...seqs.keys()].filter((index) => placed[seqs[index]!] === 1);
        const into = { seqs: new Uint32Array(at + seqs.length).fill(7), counts: new Uint8Array((at + seqs.length) * FIELDS).fill(7) };
        const end = appendPlaced(encodePostings(seqs, counts), placed, 1, into.seqs, into.counts, at);
        expect(end).toBe(at + kept.length);
        expect([...into.seqs.subarray(0, at)]).toEqual(Array(at).fill(7));
        expect([...into.seqs.subarray(at, end)]).toEqual(kept.map((index) => seqs[index]!));
        expect([...into.counts.subarray(at * FIELDS, end * FIELDS)]).toEqual(
          kept.flatMap((index) => [...counts.subarray(index * FIELDS, (index + 1) * FIELDS)]),
        );
      }),
    );
  });

  it('are read by a cursor that steps, seeks and skips as over the decoded list, decoding only the blocks it lands in', () => {
    const target = fc.integer({ min: 0, max: 2 ** 32 });
    const steps = fc.array(fc.tuple(fc.constantFrom('next', 'seek', 'skip'), target), { maxLength: 40 });
    fc.assert(
      fc.property(lists, steps, ({ seqs, counts }, moves) => {
        const list = new PostingList(encodePostings(seqs, counts));
        expect([...list.seqs()]).toEqual([...seqs]);
        const cursor = new PostingCursor(list);
        let position = 0;
        const expected = () => (position < seqs.length ? seqs[position]! : Infinity);
        for (const [kind, to] of moves) {
          // Each moves to the next posting, or to the first at or after `to` (never back).
          if (kind === 'next') {
            if (position < seqs.length) position++;
            cursor.next();
          } else {
            while (position < seqs.length && seqs[position]! < to) position++;
            if (kind === 'seek') cursor.seek(to);
            else cursor.skipTo(to);
          }
          // A skip that left its block knows only the least its seq may be, until it settles.
          if (!cursor.exact) {
            expect(cursor.seq).toBeLessThanOrEqual(expected());
            expect(cursor.blockEnd).toBeGreaterThanOrEqual(expected());
            cursor.settle();
          }
          expect(cursor.seq).toBe(expected());
          // Its counts (read once it is weighed), field by field.
          const fields = () => [cursor.weighed(1, 0, 0), cursor.weighed(0, 1, 0), cursor.weighed(0, 0, 1)];
          if (position < seqs.length) expect(fields()).toEqual([...counts.subarray(position * FIELDS, (position + 1) * FIELDS)]);
        }
      }),
    );
  });

  it('take about two bytes a posting for the counts of real text, a third of the uncompressed layout', () => {
    const seqs = Array.from({ length: 10_000 }, (_unused, index) => 1000 + index * 3);
    const counts = seqs.flatMap((_seq, index) => [index % 7 === 0 ? 1 : 0, 1 + (index % 3), 0]);
    const stored = encodePostings(seqs, counts);
    expect(stored.length).toBeLessThan(seqs.length * 2.1);
    expect(stored.length * 3).toBeLessThan(4 + seqs.length * (4 + FIELDS));
  });

  it('keep impacts only for lists of two blocks or more, under weights kept in tenths, and read lists written before impacts', () => {
    const seqs = Array.from({ length: BLOCK + 1 }, (_unused, index) => index);
    const counts = seqs.flatMap(() => [1, 2, 0]);
    const impacts = { model: { weights: [2.5, 1, 1], averageLength: 100 }, lengthOf: () => 100 };
    expect(new PostingList(encodePostings(seqs, counts, seqs.length, impacts)).impacts).toHaveLength(2);
    expect(new PostingList(encodePostings(seqs.slice(0, BLOCK), counts, BLOCK, impacts)).impactModel).toBeNull();
    const unkept = { ...impacts, model: { weights: [2.55, 1, 1], averageLength: 100 } };
    expect(new PostingList(encodePostings(seqs, counts, seqs.length, unkept)).impacts).toBeNull();
    // FORMAT 2: one document, seq 5, counts 1, 2 and 0.
    const before = new PostingList(Uint8Array.of(2, 1, 1, 5, 2, 1, 2, 0, 5, (1 << 6) | (2 << 2)));
    expect(before.impacts).toBeNull();
    const decoded = decodePostings(before.stored);
    expect([...decoded.seqs, ...decoded.counts]).toEqual([5, 1, 2, 0]);
  });

  it('count the documents placed in their segment as the decoded list does', () => {
    const placements = fc.uniqueArray(fc.integer({ min: 0, max: 2000 }), { maxLength: 3 * BLOCK, size: 'max' });
    fc.assert(
      fc.property(placements, fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 2001, maxLength: 2001 }), (seqs, segments) => {
        const sorted = seqs.sort((a, b) => a - b);
        const list = new PostingList(encodePostings(sorted, new Uint8Array(sorted.length * FIELDS).fill(1)));
        const segmentOf = Int32Array.from(segments);
        expect(list.placedIn(segmentOf, 2)).toBe(sorted.filter((seq) => segmentOf[seq] === 2).length);
      }),
    );
  });

  it('caps counts at 255, as the uncompressed layout did', () => {
    const decoded = decodePostings(encodePostings([5], [300, 0, 1000]));
    expect([...decoded.counts]).toEqual([255, 0, 255]);
  });

  it('refuses seqs out of order or repeated, and a list cut short or of another layout', () => {
    expect(() => encodePostings([3, 2], [0, 1, 0, 0, 1, 0])).toThrow(/increasing/);
    expect(() => encodePostings([3, 3], [0, 1, 0, 0, 1, 0])).toThrow(/increasing/);
    const stored = encodePostings([1, 2, 300], [0, 1, 0, 0, 1, 0, 2, 2, 2]);
    expect(() => decodePostings(stored.subarray(0, stored.length - 1))).toThrow(/cut short/);
    expect(() => decodePostings(Uint8Array.of(1, 0, 0, 0))).toThrow(/unknown layout/);
  });
});
