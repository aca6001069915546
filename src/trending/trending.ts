// Trending papers by window: the documented score (domain/trending.ts) over
// upstream signal observations and local votes. The trending job computes
// every window and stores them whole (computeTrending); pages read a stored
// list (trendingPapers), which costs one indexed query.
import { gainsOf, trendingScores, TRENDING_WINDOWS, type TrendingScore, type TrendingWindow } from '../domain/trending.ts';
import type { Listings, PaperCard } from '../db/listings.ts';
import type { TrendingStore } from '../db/trending-store.ts';
import type { VoteStore } from '../db/votes-store.ts';

/** How often the scheduler recomputes trending. */
export const TRENDING_EVERY_MS = 5 * 60_000;

export interface TrendingPage {
  window: TrendingWindow;
  /** The moment the window ends: now, or the newest signal when the hub has heard nothing newer. */
  asOf: string | null;
  total: number;
  papers: (PaperCard & { score: number })[];
}

export function createTrending(deps: { listings: Listings; votes: VoteStore; store: TrendingStore; now?: () => number }) {
  const now = deps.now ?? Date.now;

  /** Recomputes every window from the stored signals and votes; safe to run twice or after a crash. */
  function computeTrending(): { asOf: string | null; papers: Record<TrendingWindow, number> } {
    const gains = [...gainsOf(deps.listings.observations()), ...deps.votes.gains()];
    const newest = gains.reduce((latest, gain) => Math.max(latest, gain.at), -Infinity);
    const asOf = Math.min(now(), newest);
    const scores = new Map<TrendingWindow, TrendingScore[]>(TRENDING_WINDOWS.map((window) => [window, Number.isFinite(asOf) ? trendingScores(gains, window, asOf) : []]));
    const asOfText = Number.isFinite(asOf) ? new Date(asOf).toISOString() : null;
    deps.store.replace(scores, asOfText, new Date(now()).toISOString());
    return { asOf: asOfText, papers: Object.fromEntries([...scores].map(([window, list]) => [window, list.length])) as Record<TrendingWindow, number> };
  }

  function trendingPapers(window: TrendingWindow, limit: number, offset = 0): TrendingPage {
    const page = deps.store.page(window, limit, offset);
    const scoreById = new Map(page.map((entry) => [entry.paperId, entry.score]));
    const papers = deps.listings.cards(page.map((entry) => entry.paperId)).map((card) => ({ ...card, score: scoreById.get(card.id) ?? 0 }));
    return { window, asOf: deps.store.lastRun()?.asOf ?? null, total: deps.store.count(window), papers };
  }

  return { computeTrending, trendingPapers, scoresOf: deps.store.scoresOf };
}

export type Trending = ReturnType<typeof createTrending>;
