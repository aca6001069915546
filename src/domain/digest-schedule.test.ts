import { describe, expect, it } from 'vitest';
import { coveredSince, instantOf, isDigestDay, latestEdition, localDay, nextEdition, type Schedule } from './digest-schedule.ts';

const at = (iso: string) => Date.parse(iso);
const daily = (timeZone: string, hour = 7): Schedule => ({ frequency: 'daily', weekday: 1, hour, timeZone });

describe('local hours as instants across daylight-saving changes', () => {
  it.each([
    // New York springs forward on 2026-03-08 at 02:00 EST (07:00 UTC): 02:00 never shows, 03:00 EDT comes instead.
    ['America/New_York', '2026-03-07', 7, '2026-03-07T12:00:00.000Z'],
    ['America/New_York', '2026-03-08', 2, '2026-03-08T07:00:00.000Z'],
    ['America/New_York', '2026-03-08', 7, '2026-03-08T11:00:00.000Z'],
    // …and falls back on 2026-11-01: 01:00 happens twice, the digest comes the first time.
    ['America/New_York', '2026-11-01', 1, '2026-11-01T05:00:00.000Z'],
    ['America/New_York', '2026-10-31', 7, '2026-10-31T11:00:00.000Z'],
    ['America/New_York', '2026-11-01', 7, '2026-11-01T12:00:00.000Z'],
    // Berlin springs forward on 2026-03-29 at 02:00 CET (01:00 UTC) and falls back on 2026-10-25 at 03:00 CEST.
    ['Europe/Berlin', '2026-03-28', 7, '2026-03-28T06:00:00.000Z'],
    ['Europe/Berlin', '2026-03-29', 2, '2026-03-29T01:00:00.000Z'],
    ['Europe/Berlin', '2026-03-29', 7, '2026-03-29T05:00:00.000Z'],
    ['Europe/Berlin', '2026-10-25', 2, '2026-10-25T00:00:00.000Z'],
    ['Europe/Berlin', '2026-10-25', 7, '2026-10-25T06:00:00.000Z'],
    ['Asia/Kolkata', '2026-06-01', 7, '2026-06-01T01:30:00.000Z'],
    ['UTC', '2026-06-01', 0, '2026-06-01T00:00:00.000Z'],
  ])('%s %s at %i:00 is %s', (zone, day, hour, expected) => {
    expect(new Date(instantOf(day, hour, zone)).toISOString()).toBe(expected);
  });

  it('reads the local date of an instant in a zone', async () => {
    expect(localDay(at('2026-03-09T03:30:00Z'), 'America/New_York')).toBe('2026-03-08');
    expect(localDay(at('2026-03-09T03:30:00Z'), 'Asia/Tokyo')).toBe('2026-03-09');
  });
});

describe('when a digest is due', () => {
  it('comes on arXiv announcement days for daily readers, at their hour', async () => {
    // Monday 2026-03-09, 07:30 EDT: today's digest is due; at 06:59 it is still Sunday's (after the clocks changed).
    expect(latestEdition(daily('America/New_York'), at('2026-03-09T11:30:00Z'))).toEqual({
      edition: '2026-03-09',
      dueAt: at('2026-03-09T11:00:00Z'),
    });
    expect(latestEdition(daily('America/New_York'), at('2026-03-09T10:59:00Z'))?.edition).toBe('2026-03-08');
    // Friday and Saturday have no announcement: on Saturday the latest digest is Thursday's.
    expect(latestEdition(daily('Europe/Berlin'), at('2026-03-14T12:00:00Z'))?.edition).toBe('2026-03-12');
    expect(isDigestDay(daily('UTC'), '2026-12-25')).toBe(false);
    expect(nextEdition(daily('Europe/Berlin'), at('2026-03-13T12:00:00Z'))).toEqual({
      edition: '2026-03-15',
      dueAt: at('2026-03-15T06:00:00Z'),
    });
  });

  it('comes once a week on the chosen weekday, and never when paused', async () => {
    const weekly: Schedule = { frequency: 'weekly', weekday: 5, hour: 18, timeZone: 'Europe/Berlin' };
    expect(latestEdition(weekly, at('2026-03-20T16:59:00Z'))?.edition).toBe('2026-03-13');
    expect(latestEdition(weekly, at('2026-03-20T17:00:00Z'))?.edition).toBe('2026-03-20');
    expect(latestEdition({ ...weekly, frequency: 'paused' }, at('2026-03-20T17:00:00Z'))).toBeNull();
  });

  it('covers a few days back, back to the last digest after downtime, and never more than two weeks', async () => {
    expect(coveredSince('daily', '2026-03-12', '2026-03-11')).toBe('2026-03-09');
    expect(coveredSince('daily', '2026-03-12', null)).toBe('2026-03-09');
    expect(coveredSince('weekly', '2026-03-20', '2026-03-13')).toBe('2026-03-13');
    expect(coveredSince('daily', '2026-03-12', '2026-03-03')).toBe('2026-03-03');
    expect(coveredSince('daily', '2026-03-31', '2026-01-02')).toBe('2026-03-17');
  });
});
