import { describe, expect, it } from 'vitest';
import { keptSets } from './kept-sets.ts';

/** A set of `size` documents, and how many times it was read. */
function reading(size: number) {
  const counter = { reads: 0, read: () => (counter.reads++, Int32Array.from({ length: size }, (_unused, seq) => seq)) };
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
    const sets = { a: reading(10), b: reading(10), c: reading(10), huge: reading(30) };
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
});
