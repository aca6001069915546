import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SEGMENT_DOCUMENTS, tierOf } from './writer.ts';

describe('merge tiers', () => {
  it('put ten segments of a tier, merged, in the next tier even when some of their documents went stale', () => {
    expect(tierOf(SEGMENT_DOCUMENTS)).toBe(4);
    expect(tierOf(999_000)).toBe(6);
    fc.assert(
      fc.property(
        fc.integer({ min: 4, max: 6 }),
        fc.array(fc.double({ min: 0.5, max: 1, noNaN: true }), { minLength: 10, maxLength: 10 }),
        (tier, kept) => {
          const segments = kept.map((share) => Math.round(10 ** tier * share));
          expect(segments.every((live) => tierOf(live) === tier)).toBe(true);
          expect(tierOf(segments.reduce((sum, live) => sum + live, 0))).toBe(tier + 1);
        },
      ),
    );
  });
});
