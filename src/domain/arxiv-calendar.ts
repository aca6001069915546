// arXiv's announcement calendar: new papers are announced Sunday to Thursday
// evenings (US Eastern), so no new papers are dated Friday or Saturday, nor on
// the US holidays arXiv observes. Used to say why a day has no papers.

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Whether `day` is a Friday or Saturday, when arXiv announces nothing. */
export function isArxivWeekend(day: string): boolean {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday === 5 || weekday === 6;
}

/** Why arXiv announced nothing on `day` (YYYY-MM-DD), or null when it normally announces. */
export function noAnnouncementReason(day: string): string | null {
  const date = new Date(`${day}T00:00:00Z`);
  const weekday = date.getUTCDay();
  if (isArxivWeekend(day)) return `arXiv does not announce new papers on ${WEEKDAYS[weekday]}s`;
  const holiday = usHoliday(date);
  return holiday ? `arXiv makes no announcement on ${holiday}, a US holiday` : null;
}

/** The US holidays arXiv's schedule skips, when `date` is one of them. */
export function usHoliday(date: Date): string | null {
  const [year, month, day] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
  const fixed: Record<string, string> = {
    '1-1': "New Year's Day",
    '6-19': 'Juneteenth',
    '7-4': 'Independence Day',
    '12-25': 'Christmas Day',
  };
  if (fixed[`${month}-${day}`]) return fixed[`${month}-${day}`]!;
  if (month === 5 && sameDay(date, lastWeekday(year, 5, 1))) return 'Memorial Day';
  if (month === 9 && sameDay(date, nthWeekday(year, 9, 1, 1))) return 'Labor Day';
  if (month === 11 && sameDay(date, nthWeekday(year, 11, 4, 4))) return 'Thanksgiving';
  return null;
}

function nthWeekday(year: number, month: number, weekday: number, n: number): Date {
  const first = new Date(Date.UTC(year, month - 1, 1));
  return new Date(Date.UTC(year, month - 1, 1 + ((weekday - first.getUTCDay() + 7) % 7) + 7 * (n - 1)));
}

function lastWeekday(year: number, month: number, weekday: number): Date {
  const last = new Date(Date.UTC(year, month, 0));
  return new Date(Date.UTC(year, month - 1, last.getUTCDate() - ((last.getUTCDay() - weekday + 7) % 7)));
}

function sameDay(a: Date, b: Date): boolean {
  return a.getTime() === b.getTime();
}
