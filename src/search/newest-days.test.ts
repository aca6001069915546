import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newestDays } from './newest-days.ts';
import { dateKey } from '../text-index/date-keys.ts';

/** Papers by seq: a date's text (a few days, several times a day) or none ('' in the newest-first order). */
const papers = fc.array(
  fc.option(
    fc
      .record({ day: fc.integer({ min: 1, max: 4 }), hour: fc.integer({ min: 10, max: 13 }) })
      .map(({ day, hour }) => `2025-01-0${day}T${hour}:00:00Z`),
  ),
  { minLength: 1, maxLength: 60 },
);

describe('newest days', () => {
  it('keeps every paper the exact newest-first order puts next after any position', () => {
    fc.assert(
      fc.property(papers, fc.nat(), fc.integer({ min: 1, max: 8 }), fc.boolean(), (dates, cut, count, fromStart) => {
        const keyOf = (seq: number) => dates[seq] ?? '';
        const keys = Int32Array.from(dates, (date) => dateKey(date));
        // SQL's order: the date's text, newest first, then the later seq.
        const exact = (seqs: number[]) => [...seqs].sort((a, b) => (keyOf(a) === keyOf(b) ? b - a : keyOf(a) < keyOf(b) ? 1 : -1));
        const everyPaper = exact(dates.map((_date, seq) => seq));
        const at = cut % everyPaper.length;
        const position = fromStart ? null : { key: keyOf(everyPaper[at]!), seq: everyPaper[at]! };
        const expected = everyPaper.slice(fromStart ? 0 : at + 1).slice(0, count);
        const picked = newestDays(
          dates.map((_date, seq) => seq),
          keys,
          position,
          count,
        );
        const after = exact(picked).filter((seq) => !position || everyPaper.indexOf(seq) > at);
        expect(after.slice(0, count)).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('reads only the newest days that hold the page', () => {
    const dates = ['2025-01-01', '2025-01-03', '2025-01-02', '2025-01-03', '2025-01-01'];
    const keys = Int32Array.from(dates, (date) => dateKey(date));
    expect(newestDays([0, 1, 2, 3, 4], keys, null, 1).sort()).toEqual([1, 3]);
    expect(newestDays([0, 1, 2, 3, 4], keys, null, 3).sort()).toEqual([1, 2, 3]);
  });
});
