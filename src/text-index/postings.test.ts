import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BLOCK, decodePostings, encodePostings, FIELDS, postingsDocuments } from './postings.ts';

/** Increasing seqs (up to the largest a list may hold) with FIELDS counts each, small or large. */
const lists = fc.uniqueArray(fc.integer({ min: 0, max: 2 ** 32 - 1 }), { maxLength: 3 * BLOCK + 5 }).chain((seqs) =>
  fc.record({
    seqs: fc.constant(Uint32Array.from(seqs.sort((a, b) => a - b))),
    counts: fc.uint8Array({ minLength: seqs.length * FIELDS, maxLength: seqs.length * FIELDS }).map((counts) =>
      // Mostly the small counts of real text, which take one byte.
      counts.map((count, index) => (index % 5 === 0 ? count : count % 4)),
    ),
  }),
);

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

  it('take about two bytes a posting for the counts of real text, a third of the uncompressed layout', () => {
    const seqs = Array.from({ length: 10_000 }, (_unused, index) => 1000 + index * 3);
    const counts = seqs.flatMap((_seq, index) => [index % 7 === 0 ? 1 : 0, 1 + (index % 3), 0]);
    const stored = encodePostings(seqs, counts);
    expect(stored.length).toBeLessThan(seqs.length * 2.1);
    expect(stored.length * 3).toBeLessThan(4 + seqs.length * (4 + FIELDS));
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
