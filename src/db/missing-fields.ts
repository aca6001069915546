// Papers a source left without categories (Hugging Face names none) whose
// arXiv id lets the arXiv API fill them, and the lookups already made.
import { bySql, type Sql } from './sql.ts';
import { createPapersVersion } from './data-generation.ts';

// New-style arXiv ids only: old-style ones always came from arXiv itself, with categories.
const NEW_STYLE_ID = {
  sqlite: "p.id GLOB '[0-9][0-9][0-9][0-9].[0-9][0-9][0-9][0-9]*'",
  postgres: "p.id ~ '^[0-9]{4}[.][0-9]{4}'",
};

function statements(sql: Sql) {
  // A paper without a primary category has none (domain/paper.ts): its partial index finds the few.
  const missing = `FROM papers p WHERE p.primary_category IS NULL AND p.hidden_at IS NULL AND ${bySql(sql, NEW_STYLE_ID)}
    AND NOT EXISTS (SELECT 1 FROM paper_categories c WHERE c.paper_id = p.id)`;
  return {
    due: `SELECT p.id ${missing} AND NOT EXISTS (SELECT 1 FROM arxiv_lookups l WHERE l.paper_id = p.id AND l.asked_at > @askedAfter)
      ORDER BY p.created_at DESC, p.id LIMIT @limit`,
    count: `SELECT count(*) ${missing}`,
    asked: 'INSERT INTO arxiv_lookups (paper_id, asked_at) VALUES (?, ?) ON CONFLICT (paper_id) DO UPDATE SET asked_at = excluded.asked_at',
  };
}

export function createMissingFieldsStore(sql: Sql) {
  // Categories are written only with their paper's row, so the papers' version covers them too.
  const generation = createPapersVersion(sql);
  const text = statements(sql);
  let counted: { generation: string; count: number } | null = null;
  return {
    /** Papers without categories not asked about since `askedAfter`, newest first. */
    dueForLookup: (limit: number, askedAfter: string) => sql.column<string>(text.due, { limit, askedAfter }),
    /** Papers shown here that have no category, counted once per change of papers (not again for a vote or a digest sent). */
    async countUncategorized(): Promise<number> {
      const current = await generation();
      if (counted?.generation !== current) counted = { generation: current, count: (await sql.value<number>(text.count))! };
      return counted.count;
    },
    async markAsked(ids: string[], at: string): Promise<void> {
      for (const id of ids) await sql.run(text.asked, [id, at]);
    },
  };
}

export type MissingFieldsStore = ReturnType<typeof createMissingFieldsStore>;
