import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromBits, keptSets, toBits } from './kept-sets.ts';

/** A set of `size` documents `step` apart, and how many times it was read. */
function reading(size: number, step = 1) {
  const counter = { reads: 0, read: () => (counter.reads++, Int32Array.from({ length: size }, (_unused, index) => index * step)) };
  return counter;
}

describe('kept sets', () => {
  it('serves a set while its source is the same object, and reads it again once the source changes', () => {
    const kept = keptSets(1024);
    const set = reading(10);
    const lists = [{}];
    const first = kept('cs.CV', lists, set.read);
    expect(kept('cs.CV', lists, set.read)).toBe(first);
    expect(set.reads).toBe(1);
    const again = kept('cs.CV', [{}], set.read);
    expect(set.reads).toBe(2);
    expect(again).not.toBe(first);
    expect([...again]).toEqual([...first]);
  });

  it('keeps the most recently used sets within its bytes, and none larger than them', () => {
    const kept = keptSets(100);
    const source = {};
    // Sparse sets (bits would take more bytes than their seqs): let go when the bytes fill.
    const sets = { a: reading(10, 100), b: reading(10, 100), c: reading(10, 100), huge: reading(30, 100) };
    kept('a', source, sets.a.read);
    kept('b', source, sets.b.read);
    kept('a', source, sets.a.read);
    // 40 bytes each: c leaves room for a, used last, and pushes b out.
    kept('c', source, sets.c.read);
    kept('a', source, sets.a.read);
    kept('b', source, sets.b.read);
    expect([sets.a.reads, sets.b.reads, sets.c.reads]).toEqual([1, 2, 1]);
    // Too large to keep: read each time, and nothing else is pushed out for it.
    kept('huge', source, sets.huge.read);
    kept('huge', source, sets.huge.read);
    expect(sets.huge.reads).toBe(2);
    kept('b', source, sets.b.read);
    expect(sets.b.reads).toBe(2);
  });

  it('keeps dense sets as bits once its bytes fill, before letting any set go, and serves their seqs unchanged', () => {
    // 400 bytes: a dense set of 100 documents in 0..99 is 400 bytes as seqs and 16 as bits.
    const kept = keptSets(400);
    const source = {};
    const dense = reading(100);
    const sparse = { reads: 0, read: () => (sparse.reads++, Int32Array.from([5, 900, 4000])) };
    const first = kept('dense', source, dense.read);
    kept('sparse', source, sparse.read);
    // Over by 12 bytes: the dense set, the oldest, turns to bits; the sparse one stays.
    expect([...kept('dense', source, dense.read)]).toEqual([...first]);
    kept('sparse', source, sparse.read);
    expect([dense.reads, sparse.reads]).toEqual([1, 1]);
    // Larger than the bytes as seqs, small as bits: kept as bits at once.
    const wide = reading(1000);
    const read = kept('wide', source, wide.read);
    expect([...kept('wide', source, wide.read)]).toEqual([...read]);
    expect(wide.reads).toBe(1);
  });

  it('keeps a set used again as seqs, the oldest dense set turned to bits for it', () => {
    const kept = keptSets(500);
    const source = {};
    const [a, b] = [reading(100), reading(100)];
    kept('a', source, a.read);
    kept('b', source, b.read);
    // 800 bytes: a, the oldest, became bits; used again, it is seqs again and b bits.
    const again = kept('a', source, a.read);
    expect(kept('a', source, a.read)).toBe(again);
    expect([...kept('b', source, b.read)]).toEqual([...again]);
    expect([a.reads, b.reads]).toEqual([1, 1]);
  });

  it('gives back the seqs it kept as bits, in order', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 5000 }), { maxLength: 300 }), (values) => {
        const seqs = Int32Array.from(values.sort((a, b) => a - b));
        expect([...fromBits(toBits(seqs))]).toEqual([...seqs]);
      }),
    );
  });
});
