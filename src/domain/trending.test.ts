import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { gainsOf, SOURCE_CAP, sourceEnds, trendingScores, TRENDING_WINDOWS, WINDOW_HOURS, type Gain } from './trending.ts';

const HOUR = 3_600_000;
const AS_OF = Date.parse('2026-08-21T12:00:00Z');
const scoreOf = (gains: Gain[], window: 'day' | 'week' | 'month', id = 'p') =>
  trendingScores(gains, window, AS_OF).find((s) => s.paperId === id)?.score ?? 0;

const gainArb = fc.record({
  paperId: fc.constantFrom('a', 'b', 'p'),
  kind: fc.constantFrom('votes', 'upvotes', 'github_stars', 'comments'),
  at: fc.integer({ min: AS_OF - 40 * 24 * HOUR, max: AS_OF }),
  amount: fc.integer({ min: 1, max: 500 }),
});
const windowArb = fc.constantFrom(...TRENDING_WINDOWS);

describe('trending score', () => {
  it('counts the gains of running totals, not the totals', async () => {
    const observations = [
      { paperId: 'p', source: 'hf', kind: 'upvotes', at: 1, total: 5 },
      { paperId: 'p', source: 'hf', kind: 'upvotes', at: 2, total: 12 },
      { paperId: 'p', source: 'hf', kind: 'upvotes', at: 3, total: 10 },
      { paperId: 'p', source: 'other', kind: 'upvotes', at: 4, total: 3 },
      { paperId: 'q', source: 'hf', kind: 'upvotes', at: 1, total: 3 },
    ];
    expect(gainsOf(observations).map((gain) => [gain.paperId, gain.amount])).toEqual([
      ['p', 5],
      ['p', 7],
      ['p', 3],
      ['q', 3],
    ]);
  });

  it('halves a gain every half-life, caps each kind and needs minimum evidence', async () => {
    expect(scoreOf([{ paperId: 'p', kind: 'upvotes', at: AS_OF, amount: 10 }], 'day')).toBe(10);
    expect(scoreOf([{ paperId: 'p', kind: 'upvotes', at: AS_OF - 6 * HOUR, amount: 10 }], 'day')).toBeCloseTo(5);
    expect(scoreOf([{ paperId: 'p', kind: 'github_stars', at: AS_OF, amount: 100_000 }], 'day')).toBe(SOURCE_CAP);
    const huggingFace = [
      { paperId: 'p', kind: 'upvotes', at: AS_OF, amount: 90 },
      { paperId: 'p', kind: 'comments', at: AS_OF, amount: 40 },
    ];
    expect(scoreOf(huggingFace, 'day')).toBe(SOURCE_CAP);
    expect(scoreOf([...huggingFace, { paperId: 'p', kind: 'votes', at: AS_OF, amount: 7 }], 'day')).toBe(SOURCE_CAP + 7);
    expect(scoreOf([{ paperId: 'p', kind: 'upvotes', at: AS_OF, amount: 1 }], 'day')).toBe(0);
  });

  it('never lowers a score for a new vote', async () => {
    fc.assert(
      fc.property(fc.array(gainArb, { maxLength: 30 }), gainArb, windowArb, (gains, extra, window) => {
        const vote = { ...extra, kind: 'votes' };
        expect(scoreOf([...gains, vote], window, vote.paperId)).toBeGreaterThanOrEqual(scoreOf(gains, window, vote.paperId));
      }),
    );
  });

  it('never counts an older signal more than a newer equal one', async () => {
    fc.assert(
      fc.property(gainArb, fc.integer({ min: 1, max: 40 * 24 * HOUR }), windowArb, (gain, age, window) => {
        const older = { ...gain, at: gain.at - age };
        expect(scoreOf([older], window, gain.paperId)).toBeLessThanOrEqual(scoreOf([gain], window, gain.paperId));
      }),
    );
  });

  it('never lets signals outside the window count', async () => {
    fc.assert(
      fc.property(fc.array(gainArb, { maxLength: 30 }), windowArb, (gains, window) => {
        const from = AS_OF - WINDOW_HOURS[window] * HOUR;
        const inside = gains.filter((gain) => gain.at > from && gain.at <= AS_OF);
        const outside = gains.filter((gain) => !inside.includes(gain)).map((gain) => ({ ...gain, at: gain.at - 50 * 24 * HOUR }));
        const future = inside.map((gain) => ({ ...gain, at: AS_OF + HOUR }));
        expect(trendingScores([...inside, ...outside, ...future], window, AS_OF)).toEqual(trendingScores(inside, window, AS_OF));
      }),
    );
  });

  it('measures each source from its own latest data: a fresh vote moves no other window', async () => {
    const upstream = fc.record({
      paperId: fc.constantFrom('a', 'b', 'p'),
      kind: fc.constantFrom('upvotes', 'github_stars', 'comments'),
      at: fc.integer({ min: AS_OF - 40 * 24 * HOUR, max: AS_OF }),
      amount: fc.integer({ min: 1, max: 500 }),
    });
    fc.assert(
      fc.property(
        fc.array(upstream, { maxLength: 30 }),
        fc.array(fc.integer({ min: 0, max: 200 * 24 * HOUR }), { maxLength: 5 }),
        windowArb,
        (gains, laterBy, window) => {
          const now = AS_OF + 200 * 24 * HOUR;
          // Votes on papers no upstream signal names, cast any time up to now.
          const votes = laterBy.map((by) => ({ paperId: 'v', kind: 'votes', at: now - by, amount: 1 }));
          const alone = trendingScores(gains, window, sourceEnds(gains, now));
          const withVotes = trendingScores([...gains, ...votes], window, sourceEnds([...gains, ...votes], now)).filter(
            (score) => score.paperId !== 'v',
          );
          expect(withVotes).toEqual(alone);
          // Months-old upstream data still ranks as it did when it was fresh.
          expect(alone).toEqual(trendingScores(gains, window, sourceEnds(gains, AS_OF)));
        },
      ),
    );
    expect([
      ...sourceEnds(
        [
          { paperId: 'p', kind: 'upvotes', at: 5, amount: 1 },
          { paperId: 'p', kind: 'votes', at: 9, amount: 1 },
          { paperId: 'p', kind: 'votes', at: 20, amount: 1 },
        ],
        10,
      ),
    ]).toEqual([
      ['Hugging Face', 5],
      ['this hub', 9],
    ]);
  });
});
