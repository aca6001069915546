// Trending scores as the trending job left them: one ranked list per window,
// replaced whole in one transaction, read a page at a time (hidden papers
// left out at read time, so hiding takes effect at once).
import { writeTransaction, type Db } from './open.ts';
import type { TrendingScore, TrendingWindow } from '../domain/trending.ts';

export interface TrendingRun {
  asOf: string | null;
  computedAt: string;
  /** Each source's newest data when the lists were computed. */
  sources: Record<string, string>;
}

export function createTrendingStore(db: Db) {
  const statements = {
    clear: db.prepare('DELETE FROM trending_scores'),
    insert: db.prepare('INSERT INTO trending_scores (window, rank, paper_id, score) VALUES (?, ?, ?, ?)'),
    saveRun: db.prepare(
      'INSERT INTO trending_runs (id, as_of, sources, computed_at) VALUES (1, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET as_of = excluded.as_of, sources = excluded.sources, computed_at = excluded.computed_at',
    ),
    run: db.prepare('SELECT as_of AS asOf, sources, computed_at AS computedAt FROM trending_runs WHERE id = 1'),
    page: db.prepare(
      `SELECT t.paper_id AS paperId, t.score FROM trending_scores t JOIN papers p ON p.id = t.paper_id AND p.hidden_at IS NULL
       WHERE t.window = ? ORDER BY t.rank LIMIT ? OFFSET ?`,
    ),
    count: db
      .prepare('SELECT count(*) FROM trending_scores t JOIN papers p ON p.id = t.paper_id AND p.hidden_at IS NULL WHERE t.window = ?')
      .pluck(),
    scoreOf: db
      .prepare('SELECT paper_id, score FROM trending_scores WHERE window = ? AND paper_id IN (SELECT value FROM json_each(?))')
      .raw(),
  };
  return {
    /** Stores every window's list, the newest data (`asOf`) and each source's newest (`sources`, source name to time). */
    replace: writeTransaction(
      db,
      (scores: Map<TrendingWindow, TrendingScore[]>, asOf: string | null, sources: Record<string, string>, now: string) => {
        statements.clear.run();
        for (const [window, list] of scores) list.forEach((entry, rank) => statements.insert.run(window, rank, entry.paperId, entry.score));
        statements.saveRun.run(asOf, JSON.stringify(sources), now);
      },
    ),
    lastRun(): TrendingRun | null {
      const row = statements.run.get() as { asOf: string | null; sources: string | null; computedAt: string } | undefined;
      return row
        ? { asOf: row.asOf, computedAt: row.computedAt, sources: JSON.parse(row.sources ?? '{}') as Record<string, string> }
        : null;
    },
    page: (window: TrendingWindow, limit: number, offset: number) => statements.page.all(window, limit, offset) as TrendingScore[],
    count: (window: TrendingWindow) => statements.count.get(window) as number,
    /** Scores in `window` of the given papers that have one. */
    scoresOf: (window: TrendingWindow, ids: readonly string[]) =>
      new Map(statements.scoreOf.all(window, JSON.stringify(ids)) as [string, number][]),
  };
}

export type TrendingStore = ReturnType<typeof createTrendingStore>;
