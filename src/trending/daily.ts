// Daily papers: the papers published (or, undated, first seen) on one day,
// most voted first, with the nearest days that have papers on either side for
// walking back and forth, and arXiv's calendar to explain a quiet day.
import { checkedDay, dayOf } from '../domain/days.ts';
import { noAnnouncementReason } from '../domain/arxiv-calendar.ts';
import type { Listings, PaperCard } from '../db/listings.ts';

export interface DailyPage {
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

  /** The papers of `day`, or of the latest day with papers when no day is given. */
  function dailyPapers(day: string | null, limit: number, offset = 0): DailyPage {
    const today = dayOf(now());
    const chosen = day === null ? (deps.listings.latestDayAtOrBefore(today) ?? today) : checkedDay(day);
    const total = deps.listings.countDay(chosen);
    return {
      day: chosen,
      quietReason: total ? null : noAnnouncementReason(chosen),
      previousDay: deps.listings.dayBefore(chosen),
      nextDay: deps.listings.dayAfter(chosen),
      total,
      papers: deps.listings.cards(deps.listings.dayPaperIds(chosen, limit, offset)),
    };
  }

  return { dailyPapers };
}

export type Daily = ReturnType<typeof createDaily>;
