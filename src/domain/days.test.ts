import { describe, expect, it } from 'vitest';
import { ageInWords, checkedDay, isDay, nextDay, shiftDay } from './days.ts';

describe('calendar days', () => {
  it('are real dates from 0001-01-01 to 9999-12-31', async () => {
    for (const day of ['2026-08-20', '0001-01-01', '9999-12-31', '2024-02-29']) expect(isDay(day), day).toBe(true);
    for (const day of ['0000-12-31', '2025-02-29', '10000-01-01', '+010000-01-01', '2026-8-20', '2026-08-20T00:00'])
      expect(isDay(day), day).toBe(false);
    expect(() => checkedDay('0000-01-01')).toThrow('is not a date like 2026-08-20 (from 0001-01-01 to 9999-12-31)');
  });

  it('have a next day that sorts after every time of the day, even the last one', async () => {
    expect(nextDay('2026-08-20')).toBe('2026-08-21');
    expect(nextDay('2024-12-31')).toBe('2025-01-01');
    const last = nextDay('9999-12-31');
    expect(last > '9999-12-31T23:59:59.999Z').toBe(true);
    expect(last > '2026-08-20T00:00:00.000Z').toBe(true);
  });

  it('move by days within the calendar, and say how long ago a time was', async () => {
    expect([shiftDay('2026-08-21', -7), shiftDay('2026-12-28', 7), shiftDay('9999-12-30', 7), shiftDay('0001-01-03', -7)]).toEqual([
      '2026-08-14',
      '2027-01-04',
      null,
      null,
    ]);
    const now = Date.parse('2026-11-30T21:00:00Z');
    const ages = [
      '2026-11-30T01:00:00Z',
      '2026-11-29T23:00:00Z',
      '2026-11-20T00:00:00Z',
      '2026-08-20T00:00:00Z',
      '2024-06-01T00:00:00Z',
      '2026-12-01T00:00:00Z',
    ].map((time) => ageInWords(time, now));
    expect(ages).toEqual(['today', 'yesterday', '10 days ago', '3 months ago', '2 years ago', 'today']);
  });
});
