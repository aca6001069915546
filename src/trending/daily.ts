// Daily papers: the papers published (or, undated, first seen) on one day,
// most voted first, with the nearest days that have papers on either side for
// walking back and forth, and arXiv's calendar to explain a quiet day.
import { checkedDay, dayOf, shiftDay } from '../domain/days.ts';
import { isArxivWeekend, noAnnouncementReason } from '../domain/arxiv-calendar.ts';
import type { Listings, PaperCard } from '../db/listings.ts';
import { offsetOf, offsetPage, type OffsetPage } from '../domain/cursor.ts';

export interface DailyPage extends OffsetPage {
  day: string;
  /** Why a day without papers has none, when arXiv's calendar says (weekend, holiday). */
  quietReason: string | null;
  previousDay: string | null;
  nextDay: string | null;
  total: number;
  papers: PaperCard[];
}

export function createDaily(deps: { listings: Listings; now?: () => number }) {
  const now = deps.now ?? Date.now;

  /** The papers of `day`, or of the latest day with papers when no day is given; a page from `cursor`. */
  async function dailyPapers(day: string | null, limit: number, cursor: string | null = null): Promise<DailyPage> {
    const today = dayOf(now());
    const chosen = day === null ? ((await deps.listings.latestDayAtOrBefore(today)) ?? today) : checkedDay(day);
    const list = `daily:${chosen}`;
    const offset = offsetOf(cursor, list);
    const total = await deps.listings.countDay(chosen);
    const previousDay = await deps.listings.dayBefore(chosen);
    const nextDay = await deps.listings.dayAfter(chosen);
    return {
      day: chosen,
      quietReason: total ? null : await quietReason(chosen, previousDay, nextDay),
      previousDay,
      nextDay,
      total,
      papers: await deps.listings.cards(await deps.listings.dayPaperIds(chosen, limit, offset)),
      ...offsetPage(list, offset, limit, total),
    };
  }

  /**
   * Why a day between others has no papers, when that is known and true: outside the days
   * imported, that they are not imported; arXiv's calendar only where this hub's papers follow
   * it (no papers on the same weekday in the weeks around: some sources date papers every day).
   */
  async function quietReason(day: string, previousDay: string | null, nextDay: string | null): Promise<string | null> {
    if (!previousDay && !nextDay) return 'no papers are imported here yet';
    if (!nextDay) return `not imported yet (the newest papers here are of ${previousDay})`;
    if (!previousDay) return `not imported (the oldest papers here are of ${nextDay})`;
    if (isArxivWeekend(day) && (await sameWeekdayHasPapers(day))) return null;
    return noAnnouncementReason(day);
  }

  async function sameWeekdayHasPapers(day: string): Promise<boolean> {
    for (const days of [-14, -7, 7, 14]) {
      const other = shiftDay(day, days);
      if (other !== null && (await deps.listings.countDay(other)) > 0) return true;
    }
    return false;
  }

  /** The latest day with papers (up to today) and how many it has; null when no paper is dated. */
  async function latestDay(): Promise<{ day: string; total: number } | null> {
    const day = await deps.listings.latestDayAtOrBefore(dayOf(now()));
    return day ? { day, total: await deps.listings.countDay(day) } : null;
  }

  return { dailyPapers, latestDay };
}

export type Daily = ReturnType<typeof createDaily>;
