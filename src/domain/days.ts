// Calendar days as "YYYY-MM-DD" strings (UTC), as URLs and listings use them.
import { AppError } from '../errors.ts';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

/** Whether `day` is a real date written like 2026-08-20. */
export function isDay(day: string): boolean {
  const time = DAY.test(day) ? Date.parse(`${day}T00:00:00Z`) : NaN;
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === day;
}

/** `day` itself when it is a real date like 2026-08-20; an "invalid" error otherwise. */
export function checkedDay(day: string): string {
  if (!isDay(day)) throw new AppError('invalid', `"${day}" is not a date like 2026-08-20`);
  return day;
}

export function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
}

export function dayOf(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}
