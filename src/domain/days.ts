// Calendar days as "YYYY-MM-DD" strings (UTC), as URLs and listings use them.
import { AppError } from '../errors.ts';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

/** After every time of the last day of the calendar (9999-12-31), as stored times sort. */
const AFTER_THE_CALENDAR = '9999-12-31~';

/** Whether `day` is a real date written like 2026-08-20, from 0001-01-01 to 9999-12-31. */
export function isDay(day: string): boolean {
  const time = DAY.test(day) && !day.startsWith('0000') ? Date.parse(`${day}T00:00:00Z`) : NaN;
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === day;
}

/** `day` itself when it is a real date like 2026-08-20; an "invalid" error otherwise. */
export function checkedDay(day: string): string {
  if (!isDay(day)) throw new AppError('invalid', `"${day.slice(0, 40)}" is not a date like 2026-08-20 (from 0001-01-01 to 9999-12-31)`);
  return day;
}

/** The start of the day after `day`, as stored times compare with it; past the calendar's end, a bound after every time. */
export function nextDay(day: string): string {
  const next = new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString();
  return DAY.test(next.slice(0, 10)) ? next.slice(0, 10) : AFTER_THE_CALENDAR;
}

export function dayOf(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

/** `day` moved by a number of days, or null past either end of the calendar. */
export function shiftDay(day: string, days: number): string | null {
  const shifted = new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
  return isDay(shifted) ? shifted : null;
}

/** How long ago `time` was, in the words a reader uses: today, yesterday, 5 days ago, 3 months ago, 2 years ago. */
export function ageInWords(time: string, now: number): string {
  const days = Math.floor((Date.parse(dayOf(now)) - Date.parse(time.slice(0, 10))) / DAY_MS);
  if (days <= 0) return 'today';
  if (days === 1) return 'yesterday';
  if (days < 60) return `${days} days ago`;
  if (days < 730) return `${Math.floor(days / 30.44)} months ago`;
  return `${Math.floor(days / 365.25)} years ago`;
}
