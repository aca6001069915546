import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { distinct, forwardSearch, intersect, membership, mergeSorted } from './seq-sets.ts';

const sortedLists = fc.array(fc.uniqueArray(fc.integer({ min: 0, max: 5000 }), { maxLength: 300 }), { maxLength: 12 });
const sorted = (values: number[]) => Int32Array.from(values).sort();

describe('sets of seqs', () => {
  it('merges sorted lists into one sorted list of all their seqs', () => {
    fc.assert(
      fc.property(sortedLists, (lists) => {
        expect(Array.from(mergeSorted(lists.map(sorted)))).toEqual(Array.from(sorted(lists.flat())));
      }),
    );
  });

  it('drops the repeats of a merged list, keeping each seq once and in order', () => {
    fc.assert(
      fc.property(sortedLists, (lists) => {
        expect(Array.from(distinct(mergeSorted(lists.map(sorted))))).toEqual([...new Set(lists.flat())].sort((a, b) => a - b));
      }),
    );
  });

  it('intersects two sorted lists, and marks a byte for each member', () => {
    fc.assert(
      fc.property(sortedLists, (lists) => {
        const [a = [], b = []] = lists;
        const common = intersect(sorted(a), sorted(b));
        expect(Array.from(common)).toEqual(Array.from(sorted(a.filter((seq) => b.includes(seq)))));
        const member = membership(sorted(a));
        for (let seq = 0; seq <= 5000; seq += 7) expect(member[seq] === 1).toBe(a.includes(seq));
      }),
    );
  });

  it('finds the least value at least each of rising targets, walking forwards', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 5000 }), { maxLength: 300 }),
        fc.array(fc.integer({ min: 0, max: 5100 })),
        (values, targets) => {
          const list = sorted(values);
          const atLeast = forwardSearch(list);
          for (const target of targets.sort((a, b) => a - b))
            expect(atLeast(target)).toBe(list.find((value) => value >= target) ?? Infinity);
        },
      ),
    );
  });
});
