// Reads for listings: cards and briefs of papers by id (paper-cards.ts), the
// papers of one day, the days around it, and the signal observations
// trending is computed from.
import type { Db } from './open.ts';
import type { Observation } from '../domain/trending.ts';
import { nextDay } from '../domain/days.ts';
import { createCardReader, type CardReader } from './paper-cards.ts';
import { createDataGeneration } from './data-generation.ts';

export type { PaperBrief, PaperCard } from './paper-cards.ts';

const LATEST_SIGNAL = (name: string) =>
  `(SELECT value FROM paper_signals WHERE paper_id = p.id AND name = '${name}' ORDER BY observed_at DESC LIMIT 1)`;

/** Published that day, or (undated) first seen that day: from @day to @next. */
const ON_DAY = `((p.published_at >= @day AND p.published_at < @next) OR (p.published_at IS NULL AND p.created_at >= @day AND p.created_at < @next)) AND p.hidden_at IS NULL`;
const DAY_SQL = `
  SELECT p.id FROM papers AS p WHERE ${ON_DAY}
  ORDER BY (SELECT count(*) FROM votes WHERE paper_id = p.id) + coalesce(${LATEST_SIGNAL('upvotes')}, 0) DESC, p.published_at DESC, p.id DESC
  LIMIT @limit OFFSET @offset`;

export interface Listings extends CardReader {
  /**
   * Ids of the papers published (or, undated, first seen) on `day` (YYYY-MM-DD), most voted first:
   * votes here and upvotes on Hugging Face together, the number a card shows.
   */
  dayPaperIds(day: string, limit: number, offset: number): string[];
  countDay(day: string): number;
  /** The nearest day with papers before `day`, after it, or at or before it. */
  dayBefore(day: string): string | null;
  dayAfter(day: string): string | null;
  latestDayAtOrBefore(day: string): string | null;
  /** Every signal observation, sorted by series (paper, source, kind) and time. */
  observations(): Observation[];
}

/** Days whose ordered papers are kept in memory until the database changes. */
const REMEMBERED_DAYS = 64;

export function createListings(db: Db): Listings {
  const dayIds = db.prepare(DAY_SQL).pluck();
  const generation = createDataGeneration(db);
  let remembered = { generation: '', days: new Map<string, string[]>() };
  /** A day's papers in order, read once per change of the database: a day of a listing crawl holds thousands. */
  function papersOfDay(day: string): string[] {
    const current = generation();
    if (remembered.generation !== current || remembered.days.size >= REMEMBERED_DAYS) remembered = { generation: current, days: new Map() };
    let ids = remembered.days.get(day);
    if (!ids) remembered.days.set(day, (ids = dayIds.all({ day, next: nextDay(day), limit: -1, offset: 0 }) as string[]));
    return ids;
  }
  const before = db.prepare('SELECT substr(max(published_at), 1, 10) FROM papers WHERE published_at < ?').pluck();
  const after = db.prepare('SELECT substr(min(published_at), 1, 10) FROM papers WHERE published_at >= ?').pluck();
  const observations = db
    .prepare('SELECT paper_id, source, name, observed_at, value FROM paper_signals ORDER BY paper_id, source, name, observed_at')
    .raw();
  return {
    ...createCardReader(db),
    dayPaperIds: (day, limit, offset) => papersOfDay(day).slice(offset, offset + limit),
    countDay: (day) => papersOfDay(day).length,
    dayBefore: (day) => before.get(day) as string | null,
    dayAfter: (day) => after.get(nextDay(day)) as string | null,
    latestDayAtOrBefore: (day) => before.get(nextDay(day)) as string | null,
    observations: () =>
      (observations.all() as [string, string, string, string, number][]).map(([paperId, source, kind, at, total]) => ({
        paperId,
        source,
        kind,
        at: Date.parse(at),
        total,
      })),
  };
}
