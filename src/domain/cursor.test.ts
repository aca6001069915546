import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { encodeCursor, keysetCursors, keysetTrailOf, TRAIL_PAGES } from './cursor.ts';

describe('keyset cursors', () => {
  it('lead forward and back again through any number of pages', async () => {
    const list = 'search:newest';
    const ends = Array.from({ length: 40 }, (_, page) => ({ key: `2026-01-${page}`, seq: page }));
    let at: ReturnType<typeof keysetTrailOf> | null = null;
    const cursors: (string | null)[] = [null];
    for (const end of ends.slice(0, 35)) {
      const { nextCursor } = keysetCursors(list, at, end);
      cursors.push(nextCursor);
      at = keysetTrailOf(nextCursor!, list);
    }
    // From page 35 back: each "previous" is the cursor that led to the page before, up to the pages a trail keeps.
    let back = keysetCursors(list, at, null).previousCursor;
    for (let page = 34; page > 35 - TRAIL_PAGES; page--) {
      expect(keysetTrailOf(back!, list).position).toEqual(keysetTrailOf(cursors[page]!, list).position);
      back = keysetCursors(list, keysetTrailOf(back!, list), null).previousCursor;
    }
    expect(keysetCursors(list, keysetTrailOf(cursors[1]!, list), null).previousCursor).toBeNull();
  });

  it('refuses any other text as a cursor, plainly', async () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.json().map((json) => Buffer.from(json).toString('base64url')),
        ),
        (text) => {
          try {
            keysetTrailOf(text, 'search:newest');
          } catch (error) {
            expect((error as Error).message).toMatch(/^cursor: the cursor is not valid for this search list/);
          }
        },
      ),
    );
    const forged = encodeCursor('search:newest', { key: 1, seq: 2 }).replace(/.$/, '');
    expect(() => keysetTrailOf(`${forged}x`, 'search:relevance')).toThrow(/not valid/);
  });
});
