import { describe, expect, it } from 'vitest';
import { fuseRanks } from './rank-fusion.ts';

describe('fuseRanks', () => {
  it('puts items ranked well by both lists first, keeping every item once', async () => {
    expect(
      fuseRanks([
        ['a', 'b', 'c'],
        ['b', 'd'],
      ]),
    ).toEqual(['b', 'a', 'd', 'c']);
  });

  it('keeps a single list as it is', async () => {
    expect(fuseRanks([[3, 1, 2], []])).toEqual([3, 1, 2]);
  });
});
