// Lexical search over the FTS5 index: BM25 with field weights, filters, sort,
// keyset cursors and highlighted snippets. The SQL of search lives here only.
import type Database from 'better-sqlite3';
import type { Db } from './open.ts';
import type { ParsedQuery } from '../domain/query.ts';
import { STOPWORDS, toAnchoredExpressions, toMatchExpression } from '../domain/fts-match.ts';
import { createTermStats } from './term-stats.ts';

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

/** How relevance ranking treats the words of a query. */
export interface RankingOptions {
  weights: FieldWeights;
  /**
   * Words in more than this share of the papers (and more than anchorMinPapers) add to a
   * paper's score but cannot alone bring it in; in a small collection every word can.
   */
  anchorShare: number;
  anchorMinPapers: number;
}

export const DEFAULT_RANKING: RankingOptions = { weights: DEFAULT_WEIGHTS, anchorShare: 0.05, anchorMinPapers: 1000 };

/** Words in more than this share of the papers are left out of ranking (when others remain). */
const COMMON_WORD_SHARE = 0.5;

const COLUMNS = `p.seq, p.id, p.title, p.authors, p.abstract, p.primary_category AS primaryCategory, p.published_at AS publishedAt, p.has_code AS hasCode`;

export function createSearchIndex(db: Db, ranking: RankingOptions = DEFAULT_RANKING) {
  const { weights } = ranking;
  const terms = createTermStats(db);
  const paperCount = db.prepare('SELECT count(*) FROM papers').pluck();
  // Search SQL comes in a few shapes (filters present or not, sort); each is prepared once, not per query.
  const statements = new Map<string, Database.Statement>();
  const statement = (sql: string) => statements.get(sql) ?? statements.set(sql, db.prepare(sql)).get(sql)!;
  const bm25 = `bm25(papers_fts, ${Number(weights.title)}, ${Number(weights.abstract)}, ${Number(weights.authors)})`;

  /**
   * The filter conditions on papers p, or null when the query has none. Over many papers the
   * categories are one set from the category index; for a few given papers, each is looked up.
   */
  function filters(query: ParsedQuery, over: 'many' | 'few' = 'many'): string | null {
    const clauses = [];
    if (query.after) clauses.push('p.published_at >= @after');
    if (query.before) clauses.push('p.published_at < @before');
    if (query.hasCode) clauses.push('p.has_code = 1');
    if (query.categories.length) {
      // A range on the category index: "cs" covers "cs" and "cs.*" ('/' sorts right after '.').
      const inRange = "c.category >= wanted.value AND c.category < wanted.value || '/'";
      clauses.push(
        over === 'many'
          ? `p.id IN (SELECT c.paper_id FROM json_each(@categories) wanted, paper_categories c WHERE ${inRange})`
          : `EXISTS (SELECT 1 FROM json_each(@categories) wanted, paper_categories c WHERE c.paper_id = p.id AND ${inRange})`,
      );
    }
    return clauses.length ? clauses.join(' AND ') : null;
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
    const { query, matches } = request.sort === 'relevance' ? relevanceMatches(request.query) : { query: request.query, matches: null };
    const match = toMatchExpression(query, request.sort === 'relevance' ? 'any' : 'all');
    if (!match) return browse(request);
    const page = rankPage(request, matches ?? [match]);
    const seqs = page.map((hit) => hit.seq);
    const rows = new Map(rowsBySeq(seqs).map((row) => [row.seq, row]));
    const marks = new Map(marksFor(match, seqs).map((mark) => [mark.seq, mark]));
    return page.map((hit) => ({ ...rows.get(hit.seq)!, ...marks.get(hit.seq), ...hit }));
  }

  /**
   * The page's papers in order. Candidates are ranked inside the FTS index alone and
   * filtered against a set built once: joining each of tens of thousands of candidates
   * to its paper row, or handing FTS5 a rowid list, costs far more than the ranking.
   * Without filters the candidates go straight to the sort (materialising them cost 20 %).
   */
  function rankPage(request: SearchRequest, matches: string[]): { seq: number; score: number; sortKey: number | string }[] {
    const relevance = request.sort === 'relevance';
    const filter = filters(request.query);
    const key = relevance ? 'r.score' : "(SELECT coalesce(published_at, '') FROM papers WHERE seq = r.seq)";
    const cursor = relevance ? `(${key} > @key OR (${key} = @key AND r.seq > @seq))` : `(${key} < @key OR (${key} = @key AND r.seq < @seq))`;
    const ranked = matches.map((_match, index) => `SELECT rowid AS seq, ${bm25} AS score FROM papers_fts WHERE papers_fts MATCH @match${index}`).join(' UNION ALL ');
    const sql = `WITH r AS ${filter ? 'MATERIALIZED' : 'NOT MATERIALIZED'} (${ranked})
      SELECT r.seq, r.score, ${key} AS sortKey FROM r
      WHERE ${filter ? `r.seq IN (SELECT p.seq FROM papers p WHERE ${filter})` : '1'} AND (@seq IS NULL OR ${cursor})
      ORDER BY ${relevance ? 'r.score, r.seq' : 'sortKey DESC, r.seq DESC'} LIMIT @limit`;
    const matchParams = Object.fromEntries(matches.map((match, index) => [`match${index}`, match]));
    return statement(sql).all({ ...params(request, null), ...matchParams }) as { seq: number; score: number; sortKey: number | string }[];
  }

  /** Title and abstract excerpt with the matched terms marked, for the papers of one page. */
  function marksFor(match: string, seqs: number[]): Pick<IndexHit, 'seq' | 'markedTitle' | 'markedAbstract'>[] {
    if (!seqs.length) return [];
    const sql = `SELECT rowid AS seq, highlight(papers_fts, 0, '${MARK_START}', '${MARK_END}') AS markedTitle,
        snippet(papers_fts, 1, '${MARK_START}', '${MARK_END}', '…', 40) AS markedAbstract
      FROM papers_fts WHERE papers_fts MATCH ? AND rowid IN (SELECT value FROM json_each(?))`;
    return statement(sql).all(match, JSON.stringify(seqs)) as Pick<IndexHit, 'seq' | 'markedTitle' | 'markedAbstract'>[];
  }

  /**
   * The words that rank, and the MATCH expressions to rank them with. A word in over half the
   * papers scores about nothing but costs a scan of half the index: it is left out. Above
   * anchorShare, words still score but only papers with a rarer word are ranked.
   */
  function relevanceMatches(query: ParsedQuery): { query: ParsedQuery; matches: string[] | null } {
    if (query.words.length < 2) return { query, matches: null };
    const papers = paperCount.get() as number;
    const stems = terms.stems(query.words);
    const byRarity = query.words.map((word, index) => ({ word, frequency: terms.stemFrequency(stems[index]!) })).sort((a, b) => a.frequency - b.frequency);
    const kept = byRarity.filter((entry) => entry.frequency <= papers * COMMON_WORD_SHARE);
    // Only words some paper holds count as remaining: a typo beside a common word still finds papers.
    if (!kept.some((entry) => entry.frequency > 0)) return { query, matches: null };
    const ranked = { ...query, words: kept.map((entry) => entry.word) };
    const distinctive = [...new Map(kept.filter((entry) => !STOPWORDS.has(entry.word)).map((entry) => [entry.word, entry])).values()];
    const anchorLimit = Math.max(papers * ranking.anchorShare, ranking.anchorMinPapers);
    // A word no paper holds anchors nothing.
    const rare = distinctive.filter((entry) => entry.frequency > 0 && entry.frequency <= anchorLimit).map((entry) => entry.word);
    const common = distinctive.filter((entry) => entry.frequency > anchorLimit).map((entry) => entry.word);
    return { query: ranked, matches: rare.length && common.length ? toAnchoredExpressions(ranked, rare, common) : null };
  }

  /** No words to match: the newest papers that pass the filters. */
  function browse(request: SearchRequest): IndexHit[] {
    const key = "coalesce(p.published_at, '')";
    const sql = `SELECT ${COLUMNS}, 0 AS score, ${key} AS sortKey, NULL AS markedTitle, NULL AS markedAbstract FROM papers p
      WHERE ${filters(request.query) ?? '1'} AND (@seq IS NULL OR ${key} < @key OR (${key} = @key AND p.seq < @seq))
      ORDER BY ${key} DESC, p.seq DESC LIMIT @limit`;
    return statement(sql).all(params(request, null)) as IndexHit[];
  }

  /** Papers ranked by BM25 for a ready MATCH expression, leaving one paper out (for "similar papers"). */
  function rankMatch(match: string, excludeSeq: number, limit: number): IndexHit[] {
    const sql = `SELECT ${COLUMNS}, ${bm25} AS score, ${bm25} AS sortKey, NULL AS markedTitle, NULL AS markedAbstract
      FROM papers_fts JOIN papers p ON p.seq = papers_fts.rowid
      WHERE papers_fts MATCH ? AND p.seq != ? ORDER BY score, p.seq LIMIT ?`;
    return statement(sql).all(match, excludeSeq, limit) as IndexHit[];
  }

  /** Of the given papers, those that pass the query's filters, phrases, authors and exclusions. */
  function admit(query: ParsedQuery, seqs: number[]): Set<number> {
    const required = toMatchExpression({ ...query, words: [] }, 'all');
    const excluded = query.excluded.length ? query.excluded.map((words) => `"${words.join(' ')}"`).join(' OR ') : null;
    const sql = `SELECT p.seq FROM papers p WHERE p.seq IN (SELECT value FROM json_each(@seqs)) AND ${filters(query, 'few') ?? '1'}
      AND (@required IS NULL OR p.seq IN (SELECT rowid FROM papers_fts WHERE papers_fts MATCH @required))
      AND (@excluded IS NULL OR p.seq NOT IN (SELECT rowid FROM papers_fts WHERE papers_fts MATCH @excluded))`;
    const admitted = statement(sql).pluck().all({ ...params({ query, sort: 'relevance', limit: 0 }, null), seqs: JSON.stringify(seqs), required, excluded });
    return new Set(admitted as number[]);
  }

  /** Rows for papers found by meaning alone: no marks, an excerpt instead of a snippet. */
  function rowsBySeq(seqs: number[]): IndexHit[] {
    const sql = `SELECT ${COLUMNS}, 0 AS score, 0 AS sortKey, NULL AS markedTitle, NULL AS markedAbstract FROM papers p WHERE p.seq IN (SELECT value FROM json_each(?))`;
    return statement(sql).all(JSON.stringify(seqs)) as IndexHit[];
  }

  return { search, rankMatch, admit, rowsBySeq };
}

export type SearchIndex = ReturnType<typeof createSearchIndex>;
