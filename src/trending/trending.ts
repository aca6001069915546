// Trending papers by window: the documented score (domain/trending.ts) over
// upstream signal observations and local votes. The trending job computes
// every window and stores them whole (computeTrending); pages read a stored
// list (trendingPapers), which costs one indexed query.
import { gainsOf, sourceEnds, trendingScores, TRENDING_WINDOWS, type TrendingScore, type TrendingWindow } from '../domain/trending.ts';
import type { Listings, PaperCard } from '../db/listings.ts';
import type { TrendingRun, TrendingStore } from '../db/trending-store.ts';
import type { VoteStore } from '../db/votes-store.ts';
import { offsetOf, offsetPage, type OffsetPage } from '../domain/cursor.ts';

/** How often the scheduler recomputes trending. */
export const TRENDING_EVERY_MS = 5 * 60_000;

export interface TrendingPage extends OffsetPage {
  window: TrendingWindow;
  /** The newest data any source has (each source's window ends at its own newest data). */
  asOf: string | null;
  /** Each source's newest data, newest first: how fresh each part of the list is. */
  sources: { source: string; asOf: string }[];
  total: number;
  papers: (PaperCard & { score: number })[];
}

export function createTrending(deps: { listings: Listings; votes: VoteStore; store: TrendingStore; now?: () => number }) {
  const now = deps.now ?? Date.now;

  /**
   * Recomputes every window from the stored signals and votes; safe to run twice or after a crash.
   * Each source is measured from its own newest data, so one fresh vote never empties the lists
   * of a hub whose upstream data is older.
   */
  async function computeTrending(): Promise<{ asOf: string | null; papers: Record<TrendingWindow, number> }> {
    const gains = [...gainsOf(await deps.listings.observations()), ...(await deps.votes.gains())];
    const ends = sourceEnds(gains, now());
    const scores = new Map<TrendingWindow, TrendingScore[]>(
      TRENDING_WINDOWS.map((window) => [window, trendingScores(gains, window, ends)]),
    );
    const newest = Math.max(...ends.values());
    const asOf = Number.isFinite(newest) ? new Date(newest).toISOString() : null;
    const sources = Object.fromEntries([...ends].map(([source, at]) => [source, new Date(at).toISOString()]));
    await deps.store.replace(scores, asOf, sources, new Date(now()).toISOString());
    return {
      asOf,
      papers: Object.fromEntries([...scores].map(([window, list]) => [window, list.length])) as Record<TrendingWindow, number>,
    };
  }

  /** A page of the window's trending list, from `cursor` (the first page without one). */
  async function trendingPapers(window: TrendingWindow, limit: number, cursor: string | null = null): Promise<TrendingPage> {
    const list = `trending:${window}`;
    const offset = offsetOf(cursor, list);
    const page = await deps.store.page(window, limit, offset);
    const scoreById = new Map(page.map((entry) => [entry.paperId, entry.score]));
    const papers = (await deps.listings.cards(page.map((entry) => entry.paperId))).map((card) => ({
      ...card,
      score: scoreById.get(card.id) ?? 0,
    }));
    const run = await deps.store.lastRun();
    const total = await deps.store.count(window);
    return { window, asOf: run?.asOf ?? null, sources: sourcesOf(run), total, papers, ...offsetPage(list, offset, limit, total) };
  }

  /** Each source's newest data as the last computation counted it, newest first. */
  async function dataSources(): Promise<{ source: string; asOf: string }[]> {
    return sourcesOf(await deps.store.lastRun());
  }

  function sourcesOf(run: TrendingRun | null): { source: string; asOf: string }[] {
    return Object.entries(run?.sources ?? {})
      .map(([source, asOf]) => ({ source, asOf }))
      .sort((a, b) => (a.asOf < b.asOf ? 1 : -1));
  }

  return { computeTrending, trendingPapers, dataSources, scoresOf: deps.store.scoresOf };
}

export type Trending = ReturnType<typeof createTrending>;
