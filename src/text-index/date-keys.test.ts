import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dateKey, dateRange, NO_DATE, seqsInRange } from './date-keys.ts';

/** A date of a query (after:/before:): a four-digit year. */
const queryDate = fc
  .date({ min: new Date('0000-01-01'), max: new Date('9999-12-31'), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));
/** A paper's date as stored: an ISO time of any year a Date holds (+275760-… and -000001-… among them). */
const storedDate = fc.date({ noInvalidDate: true }).map((date) => date.toISOString());

describe('date keys', () => {
  it('order stored dates against a query date exactly as SQL compares their text', () => {
    fc.assert(
      fc.property(storedDate, queryDate, (stored, query) => {
        expect(dateKey(stored) >= dateKey(query)).toBe(stored >= query);
        expect(dateKey(stored) < dateKey(query)).toBe(stored < query);
      }),
      { numRuns: 5000 },
    );
    expect(dateKey('2025-01-31T23:59:59.999Z')).toBe(20250131);
    expect(dateKey('+275760-09-13T00:00:00.000Z')).toBeLessThan(dateKey('0000-01-01'));
    expect(dateKey(null)).toBe(NO_DATE);
  });

  it('finds the documents in a range, either end open, and never one without a date', () => {
    const stored = [
      '2024-02-29T10:00:00.000Z',
      null,
      '2024-03-01T00:00:00.000Z',
      '-000001-01-01T00:00:00.000Z',
      '2025-01-01T00:00:00.000Z',
    ];
    const keys = Int32Array.from(stored, dateKey);
    const inRange = (after: string | null, before: string | null) => [...seqsInRange(keys, dateRange(after, before))];
    expect(inRange('2024-03-01', null)).toEqual([2, 4]);
    expect(inRange(null, '2024-03-01')).toEqual([0, 3]);
    expect(inRange('2024-02-29', '2025-01-01')).toEqual([0, 2]);
    expect(inRange('2026-01-01', null)).toEqual([]);
    expect(inRange(null, null)).toEqual([0, 2, 3, 4]);
  });
});
