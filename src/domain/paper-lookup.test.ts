import { describe, expect, it } from 'vitest';
import { emptyLookup, paperLookup } from './paper-lookup.ts';

describe('paperLookup', () => {
  it("reads a list's papers in one batch, each paper once, and answers the rest with the absent value", () => {
    const reads: string[][] = [];
    const voted = paperLookup((ids) => {
      reads.push([...ids]);
      return new Map(ids.filter((id) => id.startsWith('yes')).map((id) => [id, true]));
    }, false);
    voted.preload(['yes-1', 'no-1', 'yes-2', 'yes-1']);
    expect([voted('yes-1'), voted('no-1'), voted('yes-2')]).toEqual([true, false, true]);
    expect(reads).toEqual([['yes-1', 'no-1', 'yes-2']]);
    expect(voted('yes-3')).toBe(true);
    voted.preload(['yes-1', 'yes-3']);
    expect(reads).toEqual([['yes-1', 'no-1', 'yes-2'], ['yes-3']]);
  });

  it('reads nothing for a viewer with nothing to look up', () => {
    const lookup = emptyLookup<string[]>([]);
    lookup.preload(['a']);
    expect(lookup('a')).toEqual([]);
  });
});
