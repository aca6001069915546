// Reads for listings: cards and briefs of papers by id (paper-cards.ts), the
// papers of one day, the days around it, and the signal observations
// trending is computed from.
import type { Database } from './sql.ts';
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
  ORDER BY (SELECT count(*) FROM votes WHERE paper_id = p.id) + coalesce(${LATEST_SIGNAL('upvotes')}, 0) DESC, p.published_at DESC, p.id DESC`;
const BEFORE_SQL = 'SELECT substr(max(published_at), 1, 10) FROM papers WHERE published_at < ?';
const AFTER_SQL = 'SELECT substr(min(published_at), 1, 10) FROM papers WHERE published_at >= ?';
const OBSERVATIONS_SQL = `SELECT paper_id AS "paperId", source, name AS kind, observed_at AS "observedAt", value AS total FROM paper_signals
  ORDER BY paper_id, source, name, observed_at`;

export interface Listings extends CardReader {
  /**
   * Ids of the papers published (or, undated, first seen) on `day` (YYYY-MM-DD), most voted first:
   * votes here and upvotes on Hugging Face together, the number a card shows.
   */
  dayPaperIds(day: string, limit: number, offset: number): Promise<string[]>;
  countDay(day: string): Promise<number>;
  /** The nearest day with papers before `day`, after it, or at or before it. */
  dayBefore(day: string): Promise<string | null>;
  dayAfter(day: string): Promise<string | null>;
  latestDayAtOrBefore(day: string): Promise<string | null>;
  /** Every signal observation, sorted by series (paper, source, kind) and time. */
  observations(): Promise<Observation[]>;
}

/** Days whose ordered papers are kept in memory until the database changes. */
const REMEMBERED_DAYS = 64;

export function createListings(db: Database): Listings {
  const generation = createDataGeneration(db);
  let remembered = { generation: '', days: new Map<string, string[]>() };
  /** A day's papers in order, read once per change of the database: a day of a listing crawl holds thousands. */
  async function papersOfDay(day: string): Promise<string[]> {
    const current = await generation();
    if (remembered.generation !== current || remembered.days.size >= REMEMBERED_DAYS) remembered = { generation: current, days: new Map() };
    let ids = remembered.days.get(day);
    if (!ids) remembered.days.set(day, (ids = await db.column<string>(DAY_SQL, { day, next: nextDay(day) })));
    return ids;
  }
  const dayOf = async (text: string, day: string) => (await db.value<string | null>(text, [day])) ?? null;
  return {
    ...createCardReader(db),
    dayPaperIds: async (day, limit, offset) => (await papersOfDay(day)).slice(offset, offset + limit),
    countDay: async (day) => (await papersOfDay(day)).length,
    dayBefore: (day) => dayOf(BEFORE_SQL, day),
    dayAfter: (day) => dayOf(AFTER_SQL, nextDay(day)),
    latestDayAtOrBefore: (day) => dayOf(BEFORE_SQL, nextDay(day)),
    async observations() {
      const rows = await db.all<Omit<Observation, 'at'> & { observedAt: string }>(OBSERVATIONS_SQL);
      return rows.map(({ observedAt, ...row }) => ({ ...row, at: Date.parse(observedAt) }));
    },
  };
}
