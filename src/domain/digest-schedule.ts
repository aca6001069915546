// When a reader's digest is due: at their hour in their IANA time zone, on
// arXiv's announcement days (daily) or on one weekday (weekly). Local times
// are turned into instants through Intl, so daylight-saving changes hold: an
// hour that does not exist that day (spring forward) comes at the next hour
// that does; an hour that happens twice (fall back) comes the first time.
import { noAnnouncementReason } from './arxiv-calendar.ts';
import { shiftDay } from './days.ts';

export type Frequency = 'daily' | 'weekly' | 'paused';
export const FREQUENCIES: readonly Frequency[] = ['daily', 'weekly', 'paused'];

export interface Schedule {
  frequency: Frequency;
  /** 0 Sunday … 6 Saturday, for weekly digests. */
  weekday: number;
  hour: number;
  timeZone: string;
}

export interface Edition {
  /** The reader's local date the digest is for (YYYY-MM-DD). */
  edition: string;
  /** When it became due. */
  dueAt: number;
}

/** How far back a digest after downtime reaches: one digest for what was missed, at most this many days. */
export const LONGEST_LOOKBACK_DAYS = 14;
const HOUR_MS = 3_600_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The IANA time zone `zone` names, as the runtime spells it (europe/berlin → Europe/Berlin); null when unknown. */
export function canonicalTimeZone(zone: string): string | null {
  if (!zone || zone.length > 64) return null;
  try {
    return formatterFor(zone).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** The wall-clock time in `timeZone` at `time`, as milliseconds of a UTC calendar (for arithmetic). */
function wallClock(time: number, timeZone: string): number {
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(time)
      .map((part) => [part.type, part.value]),
  );
  return Date.UTC(+parts.year!, +parts.month! - 1, +parts.day!, +parts.hour!, +parts.minute!, +parts.second!);
}

/** The local date (YYYY-MM-DD) in `timeZone` at `time`. */
export function localDay(time: number, timeZone: string): string {
  return new Date(wallClock(time, timeZone)).toISOString().slice(0, 10);
}

/**
 * The first instant at which the clock in `timeZone` reads `hour`:00 on `day`, or, when that
 * hour is skipped (spring forward), the instant the clock jumps past it.
 */
export function instantOf(day: string, hour: number, timeZone: string): number {
  const wanted = Date.parse(`${day}T00:00:00Z`) + hour * HOUR_MS;
  // Offsets are whole minutes and change at most twice a day: try the offsets around `wanted`.
  const offsets = new Set([-HOUR_MS * 12, 0, HOUR_MS * 12].map((shift) => wallClock(wanted + shift, timeZone) - (wanted + shift)));
  const exact = [...offsets].map((offset) => wanted - offset).filter((time) => wallClock(time, timeZone) === wanted);
  if (exact.length) return Math.min(...exact);
  // Skipped: the clock never shows `wanted`; the earliest instant showing a later time is when it jumps.
  return Math.min(...[...offsets].map((offset) => wanted - offset).filter((time) => wallClock(time, timeZone) > wanted));
}

/** Whether a reader on `schedule` gets a digest on local `day`. */
export function isDigestDay(schedule: Schedule, day: string): boolean {
  if (schedule.frequency === 'paused') return false;
  if (schedule.frequency === 'weekly') return new Date(`${day}T00:00:00Z`).getUTCDay() === schedule.weekday;
  return noAnnouncementReason(day) === null;
}

/** The reader's latest edition due at or before `now`, looking back at most two weeks; null when none. */
export function latestEdition(schedule: Schedule, now: number): Edition | null {
  const today = localDay(now, schedule.timeZone);
  for (let back = 0; back <= LONGEST_LOOKBACK_DAYS; back++) {
    const day = shiftDay(today, -back);
    if (day === null || !isDigestDay(schedule, day)) continue;
    const dueAt = instantOf(day, schedule.hour, schedule.timeZone);
    if (dueAt <= now) return { edition: day, dueAt };
  }
  return null;
}

/** The reader's next edition due after `now` (for "your next digest comes …"), looking ahead two weeks. */
export function nextEdition(schedule: Schedule, now: number): Edition | null {
  const today = localDay(now, schedule.timeZone);
  for (let ahead = 0; ahead <= LONGEST_LOOKBACK_DAYS; ahead++) {
    const day = shiftDay(today, ahead);
    if (day === null || !isDigestDay(schedule, day)) continue;
    const dueAt = instantOf(day, schedule.hour, schedule.timeZone);
    if (dueAt > now) return { edition: day, dueAt };
  }
  return null;
}

/**
 * The first paper day a digest covers. New papers are those dated from a few days before the
 * edition (papers are dated by submission, announced a day or more later, and sometimes
 * imported late: a paper already sent is never sent again), back to the previous digest after
 * downtime, and never more than two weeks.
 */
export function coveredSince(frequency: Frequency, edition: string, previousEdition: string | null): string {
  const usual = shiftDay(edition, frequency === 'weekly' ? -7 : -3) ?? edition;
  const earliest = shiftDay(edition, -LONGEST_LOOKBACK_DAYS) ?? edition;
  const since = previousEdition && previousEdition < usual ? previousEdition : usual;
  return since < earliest ? earliest : since;
}
