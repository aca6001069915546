// Lexical search over the FTS5 index: BM25 with field weights, filters, sort,
// keyset cursors and highlighted snippets. The SQL of search lives here only.
import type { Db } from './open.ts';
import type { ParsedQuery } from '../domain/query.ts';
import { toMatchExpression, type MatchMode } from '../domain/fts-match.ts';

export type SortOrder = 'relevance' | 'newest';

/** BM25 weights of the title, abstract and authors columns. */
export interface FieldWeights {
  title: number;
  abstract: number;
  authors: number;
}

export interface SearchRequest {
  query: ParsedQuery;
  sort: SortOrder;
  limit: number;
  /** Position after which to continue, from the previous page. */
  after?: SearchPosition | null;
}

/** Where a page ended: the sort key and the row of its last hit. */
export interface SearchPosition {
  key: number | string;
  seq: number;
}

export interface IndexHit {
  seq: number;
  id: string;
  title: string;
  authors: string;
  abstract: string;
  primaryCategory: string | null;
  publishedAt: string | null;
  hasCode: number;
  score: number;
  sortKey: number | string;
  markedTitle: string | null;
  markedAbstract: string | null;
}

/** Marks around matched terms in highlight() and snippet(): control characters no cleaned text contains. */
export const MARK_START = '\u0001';
export const MARK_END = '\u0002';

export const DEFAULT_WEIGHTS: FieldWeights = { title: 2.5, abstract: 1, authors: 1 };

const COLUMNS = `p.seq, p.id, p.title, p.authors, p.abstract, p.primary_category AS primaryCategory, p.published_at AS publishedAt, p.has_code AS hasCode`;

export function createSearchIndex(db: Db, weights: FieldWeights = DEFAULT_WEIGHTS) {
  const bm25 = `bm25(papers_fts, ${Number(weights.title)}, ${Number(weights.abstract)}, ${Number(weights.authors)})`;

  function filters(query: ParsedQuery): string {
    const clauses = ['(@after IS NULL OR p.published_at >= @after)', '(@before IS NULL OR p.published_at < @before)'];
    if (query.hasCode) clauses.push('p.has_code = 1');
    if (query.categories.length) {
      clauses.push(`EXISTS (SELECT 1 FROM paper_categories c, json_each(@categories) wanted
        WHERE c.paper_id = p.id AND (c.category = wanted.value OR c.category LIKE wanted.value || '.%'))`);
    }
    return clauses.join(' AND ');
  }

  function params(request: SearchRequest, match: string | null) {
    const { query, after } = request;
    return {
      match,
      after: query.after,
      before: query.before,
      categories: JSON.stringify(query.categories),
      key: after?.key ?? null,
      seq: after?.seq ?? null,
      limit: request.limit,
    };
  }

  function search(request: SearchRequest): IndexHit[] {
    const mode: MatchMode = request.sort === 'newest' ? 'all' : 'any';
    const match = toMatchExpression(request.query, mode);
    if (!match) return browse(request);
    const relevance = request.sort === 'relevance';
    const key = relevance ? bm25 : "coalesce(p.published_at, '')";
    const cursor = relevance ? `(${key} > @key OR (${key} = @key AND p.seq > @seq))` : `(${key} < @key OR (${key} = @key AND p.seq < @seq))`;
    const sql = `SELECT ${COLUMNS}, ${bm25} AS score, ${key} AS sortKey,
        highlight(papers_fts, 0, '${MARK_START}', '${MARK_END}') AS markedTitle,
        snippet(papers_fts, 1, '${MARK_START}', '${MARK_END}', '…', 40) AS markedAbstract
      FROM papers_fts JOIN papers p ON p.seq = papers_fts.rowid
      WHERE papers_fts MATCH @match AND ${filters(request.query)} AND (@seq IS NULL OR ${cursor})
      ORDER BY ${relevance ? 'score, p.seq' : `${key} DESC, p.seq DESC`} LIMIT @limit`;
    return db.prepare(sql).all(params(request, match)) as IndexHit[];
  }

  /** No words to match: the newest papers that pass the filters. */
  function browse(request: SearchRequest): IndexHit[] {
    const key = "coalesce(p.published_at, '')";
    const sql = `SELECT ${COLUMNS}, 0 AS score, ${key} AS sortKey, NULL AS markedTitle, NULL AS markedAbstract FROM papers p
      WHERE ${filters(request.query)} AND (@seq IS NULL OR ${key} < @key OR (${key} = @key AND p.seq < @seq))
      ORDER BY ${key} DESC, p.seq DESC LIMIT @limit`;
    return db.prepare(sql).all(params(request, null)) as IndexHit[];
  }

  /** Papers ranked by BM25 for a ready MATCH expression, leaving one paper out (for "similar papers"). */
  function rankMatch(match: string, excludeSeq: number, limit: number): IndexHit[] {
    const sql = `SELECT ${COLUMNS}, ${bm25} AS score, ${bm25} AS sortKey, NULL AS markedTitle, NULL AS markedAbstract
      FROM papers_fts JOIN papers p ON p.seq = papers_fts.rowid
      WHERE papers_fts MATCH ? AND p.seq != ? ORDER BY score, p.seq LIMIT ?`;
    return db.prepare(sql).all(match, excludeSeq, limit) as IndexHit[];
  }

  /** Of the given papers, those that pass the query's filters, phrases, authors and exclusions. */
  function admit(query: ParsedQuery, seqs: number[]): Set<number> {
    const required = toMatchExpression({ ...query, words: [] }, 'all');
    const excluded = query.excluded.length ? query.excluded.map((words) => `"${words.join(' ')}"`).join(' OR ') : null;
    const sql = `SELECT p.seq FROM papers p WHERE p.seq IN (SELECT value FROM json_each(@seqs)) AND ${filters(query)}
      AND (@required IS NULL OR p.seq IN (SELECT rowid FROM papers_fts WHERE papers_fts MATCH @required))
      AND (@excluded IS NULL OR p.seq NOT IN (SELECT rowid FROM papers_fts WHERE papers_fts MATCH @excluded))`;
    const admitted = db.prepare(sql).pluck().all({ ...params({ query, sort: 'relevance', limit: 0 }, null), seqs: JSON.stringify(seqs), required, excluded });
    return new Set(admitted as number[]);
  }

  /** Rows for papers found by meaning alone: no marks, an excerpt instead of a snippet. */
  function rowsBySeq(seqs: number[]): IndexHit[] {
    const sql = `SELECT ${COLUMNS}, 0 AS score, 0 AS sortKey, NULL AS markedTitle, NULL AS markedAbstract FROM papers p WHERE p.seq IN (SELECT value FROM json_each(?))`;
    return db.prepare(sql).all(JSON.stringify(seqs)) as IndexHit[];
  }

  return { search, rankMatch, admit, rowsBySeq };
}

export type SearchIndex = ReturnType<typeof createSearchIndex>;
