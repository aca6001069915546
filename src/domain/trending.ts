// The trending score, open and explainable. Upstream signals are running
// totals observed at a time (42 upvotes at 09:00); what counts is each gain
// since the previous observation, weighted by kind, halved every half-life,
// capped per source, and only within the window. See docs/trending.md.

export type TrendingWindow = 'day' | 'week' | 'month';
export const TRENDING_WINDOWS: readonly TrendingWindow[] = ['day', 'week', 'month'];

export const isTrendingWindow = (value: string): value is TrendingWindow => (TRENDING_WINDOWS as readonly string[]).includes(value);

const HOUR = 3_600_000;
export const WINDOW_HOURS: Record<TrendingWindow, number> = { day: 24, week: 7 * 24, month: 30 * 24 };
/** A quarter of the window: yesterday's burst still shows this morning, last month's fades out of the week. */
export const HALF_LIFE_HOURS: Record<TrendingWindow, number> = { day: 6, week: 42, month: 180 };
/** Points per unit of each kind of signal; kinds not listed do not count. */
export const SIGNAL_WEIGHTS: Readonly<Record<string, number>> = { votes: 1, upvotes: 1, comments: 0.5, github_stars: 0.05 };
/** Where each kind of signal comes from: the cap is per source, so that no one source can carry a paper. */
export const SIGNAL_SOURCES: Readonly<Record<string, string>> = {
  votes: 'this hub',
  upvotes: 'Hugging Face',
  comments: 'Hugging Face',
  github_stars: 'GitHub',
};
/** No source may bring a paper more than this many points. */
export const SOURCE_CAP = 100;
/** A paper needs this many points (before decay) in the window to be listed at all. */
export const MIN_EVIDENCE = 2;

/** One observation of a running total; a series is one paper's total of one kind from one source. */
export interface Observation {
  paperId: string;
  source: string;
  kind: string;
  at: number;
  total: number;
}

/** What a series of observations gained at one moment. */
export interface Gain {
  paperId: string;
  kind: string;
  at: number;
  amount: number;
}

/** Gains of observations sorted by series and time: the first counts whole, a fall counts nothing. */
export function gainsOf(observations: readonly Observation[]): Gain[] {
  const gains: Gain[] = [];
  let previous: Observation | null = null;
  for (const observation of observations) {
    const sameSeries =
      previous?.paperId === observation.paperId && previous.source === observation.source && previous.kind === observation.kind;
    const amount = observation.total - (sameSeries && previous ? previous.total : 0);
    if (amount > 0) gains.push({ paperId: observation.paperId, kind: observation.kind, at: observation.at, amount });
    previous = observation;
  }
  return gains;
}

export interface TrendingScore {
  paperId: string;
  score: number;
}

/**
 * Where each source's window ends: at its newest gain up to `now`. A source whose data stopped
 * coming (Hugging Face not fetched for months) is ranked on its own latest data, and a fresh
 * vote here moves only this hub's window, never another source's.
 */
export function sourceEnds(gains: readonly Gain[], now: number): Map<string, number> {
  const ends = new Map<string, number>();
  for (const gain of gains) {
    const source = sourceOf(gain.kind);
    if (SIGNAL_WEIGHTS[gain.kind] && gain.at <= now && gain.at > (ends.get(source) ?? -Infinity)) ends.set(source, gain.at);
  }
  return ends;
}

function sourceOf(kind: string): string {
  return SIGNAL_SOURCES[kind] ?? kind;
}

/**
 * Scores of the papers with enough evidence in `window`, best first (newer id first on ties).
 * The window ends at `asOf`: one time for every source, or each source's own end (sourceEnds).
 */
export function trendingScores(
  gains: readonly Gain[],
  window: TrendingWindow,
  asOf: number | ReadonlyMap<string, number>,
): TrendingScore[] {
  const width = WINDOW_HOURS[window] * HOUR;
  const halfLife = HALF_LIFE_HOURS[window] * HOUR;
  const byPaper = new Map<string, { decayed: Map<string, number>; evidence: number }>();
  for (const gain of gains) {
    const weight = SIGNAL_WEIGHTS[gain.kind];
    const source = sourceOf(gain.kind);
    const end = typeof asOf === 'number' ? asOf : asOf.get(source);
    if (!weight || end === undefined || gain.at <= end - width || gain.at > end) continue;
    let paper = byPaper.get(gain.paperId);
    if (!paper) byPaper.set(gain.paperId, (paper = { decayed: new Map(), evidence: 0 }));
    const points = weight * gain.amount;
    paper.evidence += points;
    paper.decayed.set(source, (paper.decayed.get(source) ?? 0) + points * 0.5 ** ((end - gain.at) / halfLife));
  }
  const scores: TrendingScore[] = [];
  for (const [paperId, paper] of byPaper) {
    if (paper.evidence < MIN_EVIDENCE) continue;
    let score = 0;
    for (const points of paper.decayed.values()) score += Math.min(SOURCE_CAP, points);
    scores.push({ paperId, score });
  }
  return scores.sort((a, b) => b.score - a.score || (a.paperId < b.paperId ? 1 : a.paperId > b.paperId ? -1 : 0));
}
