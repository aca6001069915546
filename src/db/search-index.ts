// Lexical search: BM25 relevance over paperboy's ranking index, with filters,
// sort, keyset cursors and highlighted snippets. FTS5 answers what needs word
// positions (phrases, authors, exclusions) and the newest-first sort. The SQL
// of search lives here only.
import type Database from 'better-sqlite3';
import type { Db } from './open.ts';
import type { ParsedQuery } from '../domain/query.ts';
import { STOPWORDS, toExclusionsExpression, toMatchExpression } from '../domain/fts-match.ts';
import { termOf } from '../domain/terms.ts';
import { highlight, snippet } from '../domain/highlight.ts';
import { createLexiconReader } from './lexicon-reader.ts';
import { createBm25, type FieldWeights, type ScoredPaper, type TermPostings } from '../search/bm25.ts';

export type { FieldWeights } from '../search/bm25.ts';
export { MARK_END, MARK_START } from '../domain/highlight.ts';

export type SortOrder = 'relevance' | 'newest';

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

/** How relevance ranking weighs the fields. */
export interface RankingOptions {
  weights: FieldWeights;
}

export const DEFAULT_RANKING: RankingOptions = { weights: { title: 2.5, abstract: 1, authors: 1 } };

/** Words in more than this share of the papers are left out of ranking (when others remain). */
const COMMON_WORD_SHARE = 0.5;
/** Words in an abstract excerpt. */
const SNIPPET_WORDS = 40;
/**
 * With filters, ranked papers are checked against them this many at first, then as many as
 * the pass rate says the page needs; beyond MAX_CHECK, every paper passing the filters is read.
 */
const FIRST_CHECK = 200;
const MAX_CHECK = 5000;

const COLUMNS = `p.seq, p.id, p.title, p.authors, p.abstract, p.primary_category AS primaryCategory, p.published_at AS publishedAt, p.has_code AS hasCode`;

type PageEntry = { seq: number; score: number; sortKey: number | string };

export function createSearchIndex(db: Db, ranking: RankingOptions = DEFAULT_RANKING) {
  const { weights } = ranking;
  const lexicon = createLexiconReader(db);
  const bm25 = createBm25(lexicon, weights);
  // Search SQL comes in a few shapes (filters present or not, sort); each is prepared once, not per query.
  const statements = new Map<string, Database.Statement>();
  const statement = (sql: string) => statements.get(sql) ?? statements.set(sql, db.prepare(sql)).get(sql)!;

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

  function params(request: SearchRequest) {
    const { query, after } = request;
    return {
      after: query.after,
      before: query.before,
      categories: JSON.stringify(query.categories),
      key: after?.key ?? null,
      seq: after?.seq ?? null,
      limit: request.limit,
    };
  }

  /** Hidden and merged papers, left out of every search (a few, from a partial index). */
  function hiddenSeqs(): Set<number> {
    return new Set(statement('SELECT seq FROM papers WHERE hidden_at IS NOT NULL').pluck().all() as number[]);
  }

  function search(request: SearchRequest): IndexHit[] {
    const terms = request.sort === 'relevance' ? rankingTerms(request.query) : [];
    if (terms.length) return withRows(rankedPage(request, terms), request.query);
    const match = toMatchExpression(request.query, 'all');
    if (!match) return browse(request);
    return withRows(newestPage(request, match), request.query);
  }

  /** The page's rows, with the query's words marked in the title and an abstract excerpt. */
  function withRows(page: PageEntry[], query: ParsedQuery): IndexHit[] {
    const rows = new Map(rowsBySeq(page.map((entry) => entry.seq)).map((row) => [row.seq, row]));
    const marked = markedTerms(query);
    return page
      .filter((entry) => rows.has(entry.seq))
      .map((entry) => {
        const row = rows.get(entry.seq)!;
        return { ...row, ...entry, markedTitle: highlight(row.title, marked), markedAbstract: snippet(row.abstract, marked, SNIPPET_WORDS) };
      });
  }

  /**
   * The terms that rank, with their postings: the query's words (less stopwords, unless
   * that leaves none) and the words of its phrases and authors. A word in over half the
   * papers scores about nothing but costs a scan of half the index: it is left out while
   * a word some paper holds remains.
   */
  function rankingTerms(query: ParsedQuery): TermPostings[] {
    const distinctive = query.words.filter((word) => !STOPWORDS.has(word));
    const words = [...(distinctive.length ? distinctive : query.words), ...query.phrases.flat(), ...query.authors.flat()];
    const terms = bm25.lookUp(words.map(termOf));
    const commonAbove = lexicon.papers() * COMMON_WORD_SHARE;
    const kept = terms.filter((term) => term.frequency <= commonAbove);
    return kept.some((term) => term.frequency > 0) ? kept : terms;
  }

  /**
   * A page by relevance. Phrases, authors and exclusions are sets from FTS5, checked as
   * papers are ranked. Filters are checked in SQL on the best ranked papers, more each
   * round; when few pass, the papers passing them become a set as well.
   */
  function rankedPage(request: SearchRequest, terms: TermPostings[]): PageEntry[] {
    const { query, limit } = request;
    const ranked = bm25.rank(terms);
    const required = matchingSet(toMatchExpression({ ...query, words: [], excluded: [] }, 'all'));
    const excluded = matchingSet(toExclusionsExpression(query));
    const hidden = hiddenSeqs();
    // Without any check, no function: ranking then skips the call per paper.
    const accept = required || excluded || hidden.size ? (seq: number) => (!required || required.has(seq)) && !excluded?.has(seq) && !hidden.has(seq) : undefined;
    let from: ScoredPaper | null = request.after ? { score: Number(request.after.key), seq: request.after.seq } : null;
    const filter = filters(query, 'few');
    if (!filter) return ranked.best(limit, from, accept).map(asEntry);
    const page: PageEntry[] = [];
    let checked = 0;
    let passedCount = 0;
    while (page.length < limit) {
      const wanted = limit - page.length;
      // Papers to check for the rest of the page, at the pass rate seen so far.
      const size = checked ? Math.ceil((2 * wanted * checked) / Math.max(passedCount, 1)) : Math.max(FIRST_CHECK, limit);
      if (size > MAX_CHECK) {
        const allowed = passingSet(request);
        page.push(...ranked.best(wanted, from, (seq) => allowed.has(seq) && (!accept || accept(seq))).map(asEntry));
        break;
      }
      const candidates = ranked.best(size, from, accept);
      const passed = passing(filter, request, candidates.map((candidate) => candidate.seq));
      page.push(...candidates.filter((candidate) => passed.has(candidate.seq)).slice(0, wanted).map(asEntry));
      checked += candidates.length;
      passedCount += passed.size;
      if (candidates.length < size) break;
      from = candidates[candidates.length - 1]!;
    }
    return page;
  }

  /** The papers an FTS5 expression matches, or null without one. */
  function matchingSet(match: string | null): Set<number> | null {
    if (!match) return null;
    return new Set(statement('SELECT rowid FROM papers_fts WHERE papers_fts MATCH ?').pluck().all(match) as number[]);
  }

  /**
   * Every paper that passes the query's filters, from the indexes on categories, dates and code.
   * Hidden papers are left out by the ranking's own check: testing hidden_at here would read
   * every paper row of a large category, where the id index alone answers now.
   */
  function passingSet(request: SearchRequest): Set<number> {
    const { query } = request;
    const others = filters({ ...query, categories: [] });
    const sql = query.categories.length
      ? // CROSS JOIN keeps this order (wanted categories, then the category index, then papers); left to itself SQLite may scan papers first.
        `SELECT p.seq FROM json_each(@categories) wanted CROSS JOIN paper_categories c ON c.category >= wanted.value AND c.category < wanted.value || '/'
          CROSS JOIN papers p ON p.id = c.paper_id WHERE ${others ?? '1'}`
      : `SELECT p.seq FROM papers p WHERE ${others}`;
    return new Set(statement(sql).pluck().all(params(request)) as number[]);
  }

  function passing(filter: string, request: SearchRequest, seqs: number[]): Set<number> {
    const sql = `SELECT p.seq FROM papers p WHERE p.seq IN (SELECT value FROM json_each(@seqs)) AND ${filter}`;
    return new Set(statement(sql).pluck().all({ ...params(request), seqs: JSON.stringify(seqs) }) as number[]);
  }

  /** Newest first among the papers holding every word, phrase and author of the query. */
  function newestPage(request: SearchRequest, match: string): PageEntry[] {
    const filter = filters(request.query);
    const key = "(SELECT coalesce(published_at, '') FROM papers WHERE seq = r.seq)";
    const sql = `WITH r AS MATERIALIZED (SELECT rowid AS seq FROM papers_fts WHERE papers_fts MATCH @match)
      SELECT r.seq, 0 AS score, ${key} AS sortKey FROM r
      WHERE ${filter ? `r.seq IN (SELECT p.seq FROM papers p WHERE ${filter})` : '1'} AND r.seq NOT IN (SELECT seq FROM papers WHERE hidden_at IS NOT NULL) AND (@seq IS NULL OR ${key} < @key OR (${key} = @key AND r.seq < @seq))
      ORDER BY sortKey DESC, r.seq DESC LIMIT @limit`;
    return statement(sql).all({ ...params(request), match }) as PageEntry[];
  }

  /** No words to match: the newest papers that pass the filters. */
  function browse(request: SearchRequest): IndexHit[] {
    const key = "coalesce(p.published_at, '')";
    const sql = `SELECT ${COLUMNS}, 0 AS score, ${key} AS sortKey, NULL AS markedTitle, NULL AS markedAbstract FROM papers p
      WHERE p.hidden_at IS NULL AND ${filters(request.query) ?? '1'} AND (@seq IS NULL OR ${key} < @key OR (${key} = @key AND p.seq < @seq))
      ORDER BY ${key} DESC, p.seq DESC LIMIT @limit`;
    return statement(sql).all(params(request)) as IndexHit[];
  }

  /** How many papers hold each term. */
  function termFrequencies(terms: string[]): Map<string, number> {
    return new Map(bm25.lookUp(terms).map((term) => [term.term, term.frequency]));
  }

  /** Papers ranked by BM25 for the given terms, leaving one paper out (for "similar papers"). */
  function rankTerms(terms: string[], excludeSeq: number, limit: number): IndexHit[] {
    const hidden = hiddenSeqs();
    const best = bm25.rank(bm25.lookUp(terms)).best(limit, null, (seq) => seq !== excludeSeq && !hidden.has(seq));
    const rows = new Map(rowsBySeq(best.map((paper) => paper.seq)).map((row) => [row.seq, row]));
    return best.filter((paper) => rows.has(paper.seq)).map((paper) => ({ ...rows.get(paper.seq)!, ...asEntry(paper) }));
  }

  /** Of the given papers, those that pass the query's filters, phrases, authors and exclusions. */
  function admit(query: ParsedQuery, seqs: number[]): Set<number> {
    const required = toMatchExpression({ ...query, words: [] }, 'all');
    const excluded = toExclusionsExpression(query);
    const sql = `SELECT p.seq FROM papers p WHERE p.seq IN (SELECT value FROM json_each(@seqs)) AND p.hidden_at IS NULL AND ${filters(query, 'few') ?? '1'}
      AND (@required IS NULL OR p.seq IN (SELECT rowid FROM papers_fts WHERE papers_fts MATCH @required))
      AND (@excluded IS NULL OR p.seq NOT IN (SELECT rowid FROM papers_fts WHERE papers_fts MATCH @excluded))`;
    const admitted = statement(sql).pluck().all({ ...params({ query, sort: 'relevance', limit: 0 }), seqs: JSON.stringify(seqs), required, excluded });
    return new Set(admitted as number[]);
  }

  /** Rows of shown papers (found by meaning alone: no marks, an excerpt instead of a snippet). */
  function rowsBySeq(seqs: number[]): IndexHit[] {
    const sql = `SELECT ${COLUMNS}, 0 AS score, 0 AS sortKey, NULL AS markedTitle, NULL AS markedAbstract FROM papers p WHERE p.seq IN (SELECT value FROM json_each(?)) AND p.hidden_at IS NULL`;
    return statement(sql).all(JSON.stringify(seqs)) as IndexHit[];
  }

  return { search, rankTerms, termFrequencies, admit, rowsBySeq };
}

export type SearchIndex = ReturnType<typeof createSearchIndex>;

function asEntry(paper: ScoredPaper): PageEntry {
  return { seq: paper.seq, score: paper.score, sortKey: paper.score };
}

/** The terms to mark in hits: the query's words and phrases, less stopwords. */
function markedTerms(query: ParsedQuery): Set<string> {
  return new Set([...query.words, ...query.phrases.flat()].filter((word) => !STOPWORDS.has(word)).map(termOf));
}
