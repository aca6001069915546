import { describe, expect, it } from 'vitest';
import { emptyLookup, paperLookup } from './paper-lookup.ts';

describe('paperLookup', () => {
  it("reads a list's papers in one batch, each paper once, and answers the rest with the absent value", async () => {
    const reads: string[][] = [];
    const voted = paperLookup(async (ids) => {
      reads.push([...ids]);
      return new Map(ids.filter((id) => id.startsWith('yes')).map((id) => [id, true]));
    }, false);
    await voted.preload(['yes-1', 'no-1', 'yes-2', 'yes-1']);
    expect([voted('yes-1'), voted('no-1'), voted('yes-2')]).toEqual([true, false, true]);
    expect(reads).toEqual([['yes-1', 'no-1', 'yes-2']]);
    await voted.preload(['yes-1', 'yes-3']);
    expect(reads).toEqual([['yes-1', 'no-1', 'yes-2'], ['yes-3']]);
    expect(voted('yes-3')).toBe(true);
  });

  it('refuses a paper that was not read first, rather than answer it wrongly', async () => {
    const voted = paperLookup(async () => new Map([['a', true]]), false);
    expect(() => voted('a')).toThrow(/before its viewer's answers were read/);
  });

  it('reads nothing for a viewer with nothing to look up', async () => {
    const lookup = emptyLookup<string[]>([]);
    await lookup.preload(['a']);
    expect(lookup('a')).toEqual([]);
  });
});
