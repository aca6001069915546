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
  function dailyPapers(day: string | null, limit: number, cursor: string | null = null): DailyPage {
    const today = dayOf(now());
    const chosen = day === null ? (deps.listings.latestDayAtOrBefore(today) ?? today) : checkedDay(day);
    const list = `daily:${chosen}`;
    const offset = offsetOf(cursor, list);
    const total = deps.listings.countDay(chosen);
    const previousDay = deps.listings.dayBefore(chosen);
    const nextDay = deps.listings.dayAfter(chosen);
    return {
      day: chosen,
      quietReason: total ? null : quietReason(chosen, previousDay, nextDay),
      previousDay,
      nextDay,
      total,
      papers: deps.listings.cards(deps.listings.dayPaperIds(chosen, limit, offset)),
      ...offsetPage(list, offset, limit, total),
    };
  }

  /**
   * Why a day between others has no papers, when that is known and true: outside the days
   * imported, that they are not imported; arXiv's calendar only where this hub's papers follow
   * it (no papers on the same weekday in the weeks around: some sources date papers every day).
   */
  function quietReason(day: string, previousDay: string | null, nextDay: string | null): string | null {
    if (!previousDay && !nextDay) return 'no papers are imported here yet';
    if (!nextDay) return `not imported yet (the newest papers here are of ${previousDay})`;
    if (!previousDay) return `not imported (the oldest papers here are of ${nextDay})`;
    if (isArxivWeekend(day) && sameWeekdayHasPapers(day)) return null;
    return noAnnouncementReason(day);
  }

  function sameWeekdayHasPapers(day: string): boolean {
    return [-14, -7, 7, 14].some((days) => {
      const other = shiftDay(day, days);
      return other !== null && deps.listings.countDay(other) > 0;
    });
  }

  /** The latest day with papers (up to today) and how many it has; null when no paper is dated. */
  function latestDay(): { day: string; total: number } | null {
    const day = deps.listings.latestDayAtOrBefore(dayOf(now()));
    return day ? { day, total: deps.listings.countDay(day) } : null;
  }

  return { dailyPapers, latestDay };
}

export type Daily = ReturnType<typeof createDaily>;
