// Papers a source left without categories (Hugging Face names none) whose
// arXiv id lets the arXiv API fill them, and the lookups already made.
import type { Db } from './open.ts';
import { createPapersVersion } from './data-generation.ts';

// New-style arXiv ids only: old-style ones always came from arXiv itself, with categories.
const MISSING = `FROM papers p WHERE p.hidden_at IS NULL AND p.id GLOB '[0-9][0-9][0-9][0-9].[0-9][0-9][0-9][0-9]*'
  AND NOT EXISTS (SELECT 1 FROM paper_categories c WHERE c.paper_id = p.id)`;

export function createMissingFieldsStore(db: Db) {
  // Categories are written only with their paper's row, so the papers' version covers them too.
  const generation = createPapersVersion(db);
  const statements = {
    due: db
      .prepare(
        `SELECT p.id ${MISSING} AND NOT EXISTS (SELECT 1 FROM arxiv_lookups l WHERE l.paper_id = p.id AND l.asked_at > @askedAfter)
         ORDER BY p.created_at DESC, p.id LIMIT @limit`,
      )
      .pluck(),
    count: db.prepare(`SELECT count(*) ${MISSING}`).pluck(),
    asked: db.prepare(
      'INSERT INTO arxiv_lookups (paper_id, asked_at) VALUES (?, ?) ON CONFLICT (paper_id) DO UPDATE SET asked_at = excluded.asked_at',
    ),
  };
  let counted: { generation: string; count: number } | null = null;
  return {
    /** Papers without categories not asked about since `askedAfter`, newest first. */
    dueForLookup: (limit: number, askedAfter: string) => statements.due.all({ limit, askedAfter }) as string[],
    /** Papers shown here that have no category, counted once per change of papers (not again for a vote or a digest sent). */
    countUncategorized(): number {
      const current = generation();
      if (counted?.generation !== current) counted = { generation: current, count: statements.count.get() as number };
      return counted.count;
    },
    markAsked(ids: string[], at: string): void {
      for (const id of ids) statements.asked.run(id, at);
    },
  };
}

export type MissingFieldsStore = ReturnType<typeof createMissingFieldsStore>;
