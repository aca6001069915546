// Trending scores as the trending job left them: one ranked list per window,
// replaced whole in one transaction, read a page at a time (hidden papers
// left out at read time, so hiding takes effect at once).
import { inList, insertRows, type Sql } from './sql.ts';
import type { TrendingScore, TrendingWindow } from '../domain/trending.ts';

export interface TrendingRun {
  asOf: string | null;
  computedAt: string;
  /** Each source's newest data when the lists were computed. */
  sources: Record<string, string>;
}

export function createTrendingStore(sql: Sql) {
  // "window" is a keyword of PostgreSQL's: the column's name is always quoted.
  const text = {
    clear: 'DELETE FROM trending_scores',
    saveRun: `INSERT INTO trending_runs (id, as_of, sources, computed_at) VALUES (1, ?, ?, ?)
      ON CONFLICT (id) DO UPDATE SET as_of = excluded.as_of, sources = excluded.sources, computed_at = excluded.computed_at`,
    run: 'SELECT as_of AS "asOf", sources, computed_at AS "computedAt" FROM trending_runs WHERE id = 1',
    page: `SELECT t.paper_id AS "paperId", t.score FROM trending_scores t JOIN papers p ON p.id = t.paper_id AND p.hidden_at IS NULL
       WHERE t."window" = ? ORDER BY t.rank LIMIT ? OFFSET ?`,
    count: 'SELECT count(*) FROM trending_scores t JOIN papers p ON p.id = t.paper_id AND p.hidden_at IS NULL WHERE t."window" = ?',
    scoresOf: `SELECT paper_id AS "paperId", score FROM trending_scores WHERE "window" = ? AND paper_id ${inList(sql, '?')}`,
  };

  return {
    /** Stores every window's list, the newest data (`asOf`) and each source's newest (`sources`, source name to time). */
    replace: (scores: Map<TrendingWindow, TrendingScore[]>, asOf: string | null, sources: Record<string, string>, now: string) =>
      sql.transaction(async (tx) => {
        await tx.run(text.clear);
        const rows = [...scores].flatMap(([window, list]) => list.map((entry, rank) => [window, rank, entry.paperId, entry.score]));
        await insertRows(tx, 'INSERT INTO trending_scores ("window", rank, paper_id, score) VALUES', 4, rows);
        await tx.run(text.saveRun, [asOf, JSON.stringify(sources), now]);
      }),
    async lastRun(): Promise<TrendingRun | null> {
      const row = await sql.get<{ asOf: string | null; sources: string | null; computedAt: string }>(text.run);
      return row
        ? { asOf: row.asOf, computedAt: row.computedAt, sources: JSON.parse(row.sources ?? '{}') as Record<string, string> }
        : null;
    },
    page: (window: TrendingWindow, limit: number, offset: number) => sql.all<TrendingScore>(text.page, [window, limit, offset]),
    count: async (window: TrendingWindow) => (await sql.value<number>(text.count, [window]))!,
    /** Scores in `window` of the given papers that have one. */
    async scoresOf(window: TrendingWindow, ids: readonly string[]): Promise<Map<string, number>> {
      const rows = await sql.all<{ paperId: string; score: number }>(text.scoresOf, [window, ids]);
      return new Map(rows.map((row) => [row.paperId, row.score]));
    },
  };
}

export type TrendingStore = ReturnType<typeof createTrendingStore>;
