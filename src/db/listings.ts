// Reads for listings: paper cards (summary, categories, code link, upvotes,
// stars) by id, the papers of one day, the days around it, and the signal
// observations trending is computed from.
import type { Db } from './open.ts';
import type { PaperSummary } from './papers-read.ts';
import type { PaperLink } from '../domain/links.ts';
import type { Observation } from '../domain/trending.ts';
import { nextDay } from '../domain/days.ts';

export interface PaperCard extends PaperSummary {
  categories: string[];
  codeUrl: string | null;
  /** Latest GitHub stars of the code repository, when a source reported them. */
  stars: number | null;
  /** Latest Hugging Face upvotes, when known. */
  upvotes: number | null;
}

const LATEST_SIGNAL = (name: string) => `(SELECT value FROM paper_signals WHERE paper_id = p.id AND name = '${name}' ORDER BY observed_at DESC LIMIT 1)`;

// Signals as one JSON object in time order, so that each name's latest value is the one JSON.parse keeps.
const CARD_SQL = `
  SELECT p.id, p.title, p.authors, p.abstract, p.primary_category AS primaryCategory, p.published_at AS publishedAt, p.links,
    (SELECT json_group_array(category) FROM (SELECT category FROM paper_categories WHERE paper_id = p.id ORDER BY position)) AS categories,
    (SELECT json_group_object(name, value) FROM (SELECT name, value FROM paper_signals WHERE paper_id = p.id AND name IN ('upvotes', 'github_stars') ORDER BY observed_at)) AS signals
  FROM papers AS p WHERE p.id IN (SELECT value FROM json_each(?))`;

const DAY_SQL = `
  SELECT p.id FROM papers AS p WHERE p.published_at >= ? AND p.published_at < ?
  ORDER BY coalesce(${LATEST_SIGNAL('upvotes')}, 0) DESC, p.published_at DESC, p.id DESC LIMIT ? OFFSET ?`;

interface CardRow extends Omit<PaperCard, 'authors' | 'categories' | 'codeUrl' | 'stars' | 'upvotes'> {
  authors: string;
  categories: string;
  links: string;
  signals: string;
}

export interface Listings {
  /** Cards in the order of `ids`; ids not stored are left out. */
  cards(ids: readonly string[]): PaperCard[];
  /** Ids of the papers published on `day` (YYYY-MM-DD), most upvoted first. */
  dayPaperIds(day: string, limit: number, offset: number): string[];
  countDay(day: string): number;
  /** The nearest day with papers before `day`, after it, or at or before it. */
  dayBefore(day: string): string | null;
  dayAfter(day: string): string | null;
  latestDayAtOrBefore(day: string): string | null;
  /** Every signal observation, sorted by series (paper, source, kind) and time. */
  observations(): Observation[];
}

export function createListings(db: Db): Listings {
  const cards = db.prepare(CARD_SQL);
  const dayIds = db.prepare(DAY_SQL).pluck();
  const countDay = db.prepare('SELECT count(*) FROM papers WHERE published_at >= ? AND published_at < ?').pluck();
  const before = db.prepare('SELECT substr(max(published_at), 1, 10) FROM papers WHERE published_at < ?').pluck();
  const after = db.prepare('SELECT substr(min(published_at), 1, 10) FROM papers WHERE published_at >= ?').pluck();
  const observations = db.prepare('SELECT paper_id, source, name, observed_at, value FROM paper_signals ORDER BY paper_id, source, name, observed_at').raw();
  return {
    cards(ids) {
      const byId = new Map((ids.length ? (cards.all(JSON.stringify(ids)) as CardRow[]) : []).map((row) => [row.id, row]));
      return ids.flatMap((id) => (byId.has(id) ? [toCard(byId.get(id)!)] : []));
    },
    dayPaperIds: (day, limit, offset) => dayIds.all(day, nextDay(day), limit, offset) as string[],
    countDay: (day) => countDay.get(day, nextDay(day)) as number,
    dayBefore: (day) => before.get(day) as string | null,
    dayAfter: (day) => after.get(nextDay(day)) as string | null,
    latestDayAtOrBefore: (day) => before.get(nextDay(day)) as string | null,
    observations: () =>
      (observations.all() as [string, string, string, string, number][]).map(([paperId, source, kind, at, total]) => ({ paperId, source, kind, at: Date.parse(at), total })),
  };
}

function toCard(row: CardRow): PaperCard {
  const links = JSON.parse(row.links) as PaperLink[];
  const signals = JSON.parse(row.signals) as { upvotes?: number; github_stars?: number };
  return {
    id: row.id,
    title: row.title,
    authors: JSON.parse(row.authors) as string[],
    abstract: row.abstract,
    primaryCategory: row.primaryCategory,
    publishedAt: row.publishedAt,
    categories: JSON.parse(row.categories) as string[],
    codeUrl: links.find((link) => link.kind === 'code')?.url ?? null,
    stars: signals.github_stars ?? null,
    upvotes: signals.upvotes ?? null,
  };
}
