// Trending papers by window: the documented score (domain/trending.ts) over
// the stored signal observations, recomputed at most once a minute.
import { gainsOf, trendingScores, type Gain, type TrendingScore, type TrendingWindow } from '../domain/trending.ts';
import type { Listings, PaperCard } from '../db/listings.ts';

export const TRENDING_REFRESH_MS = 60_000;

export interface TrendingPage {
  window: TrendingWindow;
  /** The moment the window ends: now, or the newest signal when the hub has not heard anything newer. */
  asOf: string | null;
  total: number;
  papers: (PaperCard & { score: number })[];
}

interface Snapshot {
  takenAt: number;
  asOf: number;
  gains: Gain[];
  scores: Map<TrendingWindow, TrendingScore[]>;
}

export function createTrending(deps: { listings: Listings; now?: () => number }) {
  const now = deps.now ?? Date.now;
  let snapshot: Snapshot | null = null;

  function current(): Snapshot {
    const time = now();
    if (snapshot && time - snapshot.takenAt < TRENDING_REFRESH_MS) return snapshot;
    const gains = gainsOf(deps.listings.observations());
    const newest = gains.reduce((latest, gain) => Math.max(latest, gain.at), -Infinity);
    return (snapshot = { takenAt: time, asOf: Math.min(time, newest), gains, scores: new Map() });
  }

  function scoresFor(window: TrendingWindow): { asOf: number; scores: TrendingScore[] } {
    const state = current();
    let scores = state.scores.get(window);
    if (!scores) state.scores.set(window, (scores = Number.isFinite(state.asOf) ? trendingScores(state.gains, window, state.asOf) : []));
    return { asOf: state.asOf, scores };
  }

  function trendingPapers(window: TrendingWindow, limit: number, offset = 0): TrendingPage {
    const { asOf, scores } = scoresFor(window);
    const page = scores.slice(offset, offset + limit);
    const scoreById = new Map(page.map((entry) => [entry.paperId, entry.score]));
    const papers = deps.listings.cards(page.map((entry) => entry.paperId)).map((card) => ({ ...card, score: scoreById.get(card.id) ?? 0 }));
    return { window, asOf: Number.isFinite(asOf) ? new Date(asOf).toISOString() : null, total: scores.length, papers };
  }

  /** Forget the snapshot, so the next read sees signals stored just now. */
  function refresh(): void {
    snapshot = null;
  }

  return { trendingPapers, refresh };
}

export type Trending = ReturnType<typeof createTrending>;
