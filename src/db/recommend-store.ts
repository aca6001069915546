// SQL for recommendations: a reader's signals (saved and voted papers, "not
// interested" marks, followed authors and categories, what they have seen),
// the papers of a window with their text and vectors, and the generation their
// private feed's URL is signed over. Hidden and merged papers are never read here.
import type { Db } from './open.ts';
import { vectorFromBlob } from './vector-store.ts';

export interface WindowPaper {
  id: string;
  title: string;
  abstract: string;
  authors: string[];
  categories: string[];
  /** YYYY-MM-DD: published, or (undated) first seen. */
  day: string;
  /** Changes when the paper's text does. */
  hash: string;
}

export interface ReaderPaper {
  paperId: string;
  title: string;
  hash: string;
  /** How the reader chose it: voted, or saved in a collection (default: the reading list). */
  kind: 'saved' | 'voted' | 'not-interested';
  collection: string | null;
  isDefault: boolean;
  at: string;
}

const IN_WINDOW = `((p.published_at >= @after AND p.published_at < @before)
  OR (p.published_at IS NULL AND p.created_at >= @after AND p.created_at < @before)) AND p.hidden_at IS NULL`;

export function createRecommendStore(db: Db) {
  const statements = {
    windowPapers: db.prepare(
      `SELECT p.id, p.title, p.abstract, p.authors, p.content_hash AS hash, substr(coalesce(p.published_at, p.created_at), 1, 10) AS day,
         (SELECT json_group_array(category) FROM paper_categories WHERE paper_id = p.id) AS categories
       FROM papers p WHERE ${IN_WINDOW} ORDER BY p.published_at DESC, p.id DESC LIMIT @limit`,
    ),
    liked: db.prepare(
      `SELECT cp.paper_id AS paperId, p.title, p.content_hash AS hash, 'saved' AS kind, c.name AS collection, c.is_default AS isDefault, cp.added_at AS at
         FROM collections c JOIN collection_papers cp ON cp.collection_id = c.id JOIN papers p ON p.id = cp.paper_id AND p.hidden_at IS NULL
         WHERE c.account_id = @account AND (@collection IS NULL OR c.id = @collection)
       UNION ALL
       SELECT v.paper_id, p.title, p.content_hash, 'voted', NULL, 0, v.created_at
         FROM votes v JOIN papers p ON p.id = v.paper_id AND p.hidden_at IS NULL WHERE v.account_id = @account AND @collection IS NULL
       ORDER BY at DESC LIMIT @limit`,
    ),
    notInterested: db.prepare(
      `SELECT n.paper_id AS paperId, p.title, p.content_hash AS hash, 'not-interested' AS kind, NULL AS collection, 0 AS isDefault, n.created_at AS at
       FROM not_interested n JOIN papers p ON p.id = n.paper_id AND p.hidden_at IS NULL WHERE n.account_id = ? ORDER BY n.created_at DESC, n.paper_id LIMIT ?`,
    ),
    abstracts: db.prepare('SELECT id, abstract FROM papers WHERE id IN (SELECT value FROM json_each(?))').raw(),
    seen: db
      .prepare(
        `SELECT paper_id FROM sent_papers WHERE account_id = @account
         UNION SELECT paper_id FROM votes WHERE account_id = @account
         UNION SELECT cp.paper_id FROM collections c JOIN collection_papers cp ON cp.collection_id = c.id WHERE c.account_id = @account
         UNION SELECT paper_id FROM not_interested WHERE account_id = @account`,
      )
      .pluck(),
    follows: db.prepare(`SELECT kind, value FROM follows WHERE account_id = ? AND kind IN ('author', 'category')`).raw(),
    collectionName: db.prepare('SELECT name FROM collections WHERE account_id = ? AND id = ?').pluck(),
    visiblePaper: db.prepare('SELECT 1 FROM papers WHERE id = ? AND hidden_at IS NULL').pluck(),
    mark: db.prepare('INSERT INTO not_interested (account_id, paper_id, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING'),
    unmark: db.prepare('DELETE FROM not_interested WHERE account_id = ? AND paper_id = ?'),
    feedGeneration: db.prepare('SELECT feed_generation FROM accounts WHERE id = ?').pluck(),
    vectors: db
      .prepare(
        'SELECT p.id, v.vector FROM paper_vectors v JOIN papers p ON p.seq = v.paper_seq WHERE v.model = ? AND p.id IN (SELECT value FROM json_each(?))',
      )
      .raw(),
    latestVector: db.prepare('SELECT max(embedded_at) FROM paper_vectors WHERE model = ?').pluck(),
    nextFeedGeneration: db
      .prepare('UPDATE accounts SET feed_generation = feed_generation + 1 WHERE id = ? RETURNING feed_generation')
      .pluck(),
  };
  type ReaderRow = Omit<ReaderPaper, 'isDefault'> & { isDefault: number };
  const readerPaper = (row: ReaderRow): ReaderPaper => ({ ...row, isDefault: row.isDefault === 1 });
  return {
    /** Visible papers published (or, undated, first seen) from `after` to before `before` (days), newest first, at most `limit`. */
    windowPapers: async (after: string, before: string, limit: number): Promise<WindowPaper[]> =>
      (
        statements.windowPapers.all({ after, before, limit }) as (Omit<WindowPaper, 'authors' | 'categories'> & {
          authors: string;
          categories: string;
        })[]
      ).map((row) => ({ ...row, authors: JSON.parse(row.authors) as string[], categories: JSON.parse(row.categories) as string[] })),
    /** The reader's saved (in one collection, or any) and voted papers, newest first. */
    likedPapers: async (accountId: number, collectionId: number | null, limit: number): Promise<ReaderPaper[]> =>
      (statements.liked.all({ account: accountId, collection: collectionId, limit }) as ReaderRow[]).map(readerPaper),
    notInterestedPapers: async (accountId: number, limit: number): Promise<ReaderPaper[]> =>
      (statements.notInterested.all(accountId, limit) as ReaderRow[]).map(readerPaper),
    abstracts: async (ids: readonly string[]): Promise<Map<string, string>> =>
      new Map(statements.abstracts.all(JSON.stringify(ids)) as [string, string][]),
    /** Papers the reader was sent in a digest, voted for, saved or marked "not interested". */
    seenPapers: async (accountId: number): Promise<Set<string>> => new Set(statements.seen.all({ account: accountId }) as string[]),
    followed: async (accountId: number): Promise<{ authors: string[]; categories: string[] }> => {
      const rows = statements.follows.all(accountId) as [string, string][];
      return {
        authors: rows.filter(([kind]) => kind === 'author').map(([, value]) => value),
        categories: rows.filter(([kind]) => kind === 'category').map(([, value]) => value),
      };
    },
    collectionName: async (accountId: number, collectionId: number) =>
      (statements.collectionName.get(accountId, collectionId) as string | undefined) ?? null,
    /** Marks a visible paper; false when there is no such paper. */
    markNotInterested: async (accountId: number, paperId: string, now: string): Promise<boolean> => {
      if (!statements.visiblePaper.get(paperId)) return false;
      statements.mark.run(accountId, paperId, now);
      return true;
    },
    unmarkNotInterested: async (accountId: number, paperId: string) => statements.unmark.run(accountId, paperId).changes === 1,
    feedGeneration: async (accountId: number) => (statements.feedGeneration.get(accountId) as number | undefined) ?? null,
    nextFeedGeneration: async (accountId: number) => statements.nextFeedGeneration.get(accountId) as number,
    /** The stored vectors of a model for these papers (those embedded). */
    vectorsOf: async (model: string, ids: readonly string[]): Promise<Map<string, Float32Array>> =>
      new Map((statements.vectors.all(model, JSON.stringify(ids)) as [string, Buffer][]).map(([id, blob]) => [id, vectorFromBlob(blob)])),
    /** Changes when vectors of the model are stored. */
    vectorsVersion: async (model: string) => String(statements.latestVector.get(model) ?? ''),
  };
}

export type RecommendStore = ReturnType<typeof createRecommendStore>;
