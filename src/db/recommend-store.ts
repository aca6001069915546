// SQL for recommendations: a reader's signals (saved and voted papers, "not
// interested" marks, followed authors and categories, what they have seen),
// the papers of a window with their text and vectors, and the generation their
// private feed's URL is signed over. Hidden and merged papers are never read here.
import { abstractText } from './abstract-packing.ts';
import { bySql, inList, type Sql } from './sql.ts';
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

function statements(sql: Sql) {
  return {
    windowPapers: `SELECT p.id, p.title, ${abstractText('p.abstract')} AS abstract, p.authors, p.content_hash AS hash, substr(coalesce(p.published_at, p.created_at), 1, 10) AS day,
         (SELECT ${bySql(sql, { sqlite: 'json_group_array(category)', postgres: "coalesce(json_agg(category ORDER BY position), '[]')::text" })}
          FROM paper_categories WHERE paper_id = p.id) AS categories
       FROM papers p WHERE ${IN_WINDOW} ORDER BY p.published_at DESC, p.id DESC LIMIT @limit`,
    liked: `SELECT cp.paper_id AS "paperId", p.title, p.content_hash AS hash, 'saved' AS kind, c.name AS collection, c.is_default AS "isDefault", cp.added_at AS at
         FROM collections c JOIN collection_papers cp ON cp.collection_id = c.id JOIN papers p ON p.id = cp.paper_id AND p.hidden_at IS NULL
         WHERE c.account_id = @account AND (CAST(@collection AS INTEGER) IS NULL OR c.id = CAST(@collection AS INTEGER))
       UNION ALL
       SELECT v.paper_id, p.title, p.content_hash, 'voted', NULL, 0, v.created_at
         FROM votes v JOIN papers p ON p.id = v.paper_id AND p.hidden_at IS NULL WHERE v.account_id = @account AND CAST(@collection AS INTEGER) IS NULL
       ORDER BY at DESC LIMIT @limit`,
    notInterested: `SELECT n.paper_id AS "paperId", p.title, p.content_hash AS hash, 'not-interested' AS kind, NULL AS collection, 0 AS "isDefault",
         n.created_at AS at
       FROM not_interested n JOIN papers p ON p.id = n.paper_id AND p.hidden_at IS NULL WHERE n.account_id = ? ORDER BY n.created_at DESC, n.paper_id LIMIT ?`,
    abstracts: `SELECT id, ${abstractText()} AS abstract FROM papers WHERE id ${inList(sql, '?')}`,
    seen: `SELECT paper_id FROM sent_papers WHERE account_id = @account
         UNION SELECT paper_id FROM votes WHERE account_id = @account
         UNION SELECT cp.paper_id FROM collections c JOIN collection_papers cp ON cp.collection_id = c.id WHERE c.account_id = @account
         UNION SELECT paper_id FROM not_interested WHERE account_id = @account`,
    follows: `SELECT kind, value FROM follows WHERE account_id = ? AND kind IN ('author', 'category')`,
    collectionName: 'SELECT name FROM collections WHERE account_id = ? AND id = ?',
    visiblePaper: 'SELECT 1 FROM papers WHERE id = ? AND hidden_at IS NULL',
    mark: 'INSERT INTO not_interested (account_id, paper_id, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
    unmark: 'DELETE FROM not_interested WHERE account_id = ? AND paper_id = ?',
    feedGeneration: 'SELECT feed_generation FROM accounts WHERE id = ?',
    vectors: `SELECT p.id, v.vector FROM paper_vectors v JOIN papers p ON p.seq = v.paper_seq WHERE v.model = ? AND p.id ${inList(sql, '?')}`,
    latestVector: 'SELECT max(embedded_at) FROM paper_vectors WHERE model = ?',
    nextFeedGeneration: 'UPDATE accounts SET feed_generation = feed_generation + 1 WHERE id = ? RETURNING feed_generation',
  };
}

type ReaderRow = Omit<ReaderPaper, 'isDefault'> & { isDefault: number };
const readerPaper = (row: ReaderRow): ReaderPaper => ({ ...row, isDefault: row.isDefault === 1 });
type WindowRow = Omit<WindowPaper, 'authors' | 'categories'> & { authors: string; categories: string };

export function createRecommendStore(sql: Sql) {
  const text = statements(sql);
  return {
    /** Visible papers published (or, undated, first seen) from `after` to before `before` (days), newest first, at most `limit`. */
    windowPapers: async (after: string, before: string, limit: number): Promise<WindowPaper[]> =>
      (await sql.all<WindowRow>(text.windowPapers, { after, before, limit })).map((row) => ({
        ...row,
        authors: JSON.parse(row.authors) as string[],
        categories: JSON.parse(row.categories) as string[],
      })),
    /** The reader's saved (in one collection, or any) and voted papers, newest first. */
    likedPapers: async (accountId: number, collectionId: number | null, limit: number): Promise<ReaderPaper[]> =>
      (await sql.all<ReaderRow>(text.liked, { account: accountId, collection: collectionId, limit })).map(readerPaper),
    notInterestedPapers: async (accountId: number, limit: number): Promise<ReaderPaper[]> =>
      (await sql.all<ReaderRow>(text.notInterested, [accountId, limit])).map(readerPaper),
    abstracts: async (ids: readonly string[]): Promise<Map<string, string>> =>
      new Map((await sql.all<{ id: string; abstract: string }>(text.abstracts, [ids])).map((row) => [row.id, row.abstract])),
    /** Papers the reader was sent in a digest, voted for, saved or marked "not interested". */
    seenPapers: async (accountId: number): Promise<Set<string>> => new Set(await sql.column<string>(text.seen, { account: accountId })),
    followed: async (accountId: number): Promise<{ authors: string[]; categories: string[] }> => {
      const rows = await sql.all<{ kind: string; value: string }>(text.follows, [accountId]);
      return {
        authors: rows.filter((row) => row.kind === 'author').map((row) => row.value),
        categories: rows.filter((row) => row.kind === 'category').map((row) => row.value),
      };
    },
    collectionName: async (accountId: number, collectionId: number) =>
      (await sql.value<string>(text.collectionName, [accountId, collectionId])) ?? null,
    /** Marks a visible paper; false when there is no such paper. */
    markNotInterested: async (accountId: number, paperId: string, now: string): Promise<boolean> => {
      if (!(await sql.value(text.visiblePaper, [paperId]))) return false;
      await sql.run(text.mark, [accountId, paperId, now]);
      return true;
    },
    unmarkNotInterested: async (accountId: number, paperId: string) => (await sql.run(text.unmark, [accountId, paperId])) === 1,
    feedGeneration: async (accountId: number) => (await sql.value<number>(text.feedGeneration, [accountId])) ?? null,
    nextFeedGeneration: async (accountId: number) => (await sql.value<number>(text.nextFeedGeneration, [accountId]))!,
    /** The stored vectors of a model for these papers (those embedded). */
    vectorsOf: async (model: string, ids: readonly string[]): Promise<Map<string, Float32Array>> =>
      new Map(
        (await sql.all<{ id: string; vector: Buffer }>(text.vectors, [model, ids])).map((row) => [row.id, vectorFromBlob(row.vector)]),
      ),
    /** Changes when vectors of the model are stored. */
    vectorsVersion: async (model: string) => String((await sql.value(text.latestVector, [model])) ?? ''),
  };
}

export type RecommendStore = ReturnType<typeof createRecommendStore>;
