// Keyword search: BM25 relevance from the text index, checked against the
// query's filters, phrases, authors and exclusions (from the search store),
// newest-first pages, keyset positions and highlighted snippets.
import type { Sql } from '../db/sql.ts';
import { createSearchStore, type IndexHit, type PageEntry, type SearchPosition } from '../db/search-store.ts';
import { paperFieldWeights, type PaperFieldWeights } from '../db/paper-text.ts';
import { createIndexReader } from '../text-index/reader.ts';
import { createBm25, type ScoredDocument, type TermPostings } from '../text-index/bm25.ts';
import { hasFilters, type ParsedQuery } from '../domain/query.ts';
import { STOPWORDS, toExclusionsExpression, toMatchExpression } from '../domain/fts-match.ts';
import { termOf } from '../domain/terms.ts';
import { highlight, snippet } from '../domain/highlight.ts';
import { completeLastWord } from './completion.ts';

export type { IndexHit, SearchPosition } from '../db/search-store.ts';
export type SortOrder = 'relevance' | 'newest';

export interface SearchRequest {
  query: ParsedQuery;
  sort: SortOrder;
  limit: number;
  /** Position after which to continue, from the previous page. */
  after?: SearchPosition | null;
}

/** How relevance ranking weighs the fields. */
export interface RankingOptions {
  weights: PaperFieldWeights;
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

export function createLexicalSearch(sql: Sql, ranking: RankingOptions = DEFAULT_RANKING) {
  const store = createSearchStore(sql);
  const reader = createIndexReader(sql);
  const bm25 = createBm25(reader, paperFieldWeights(ranking.weights));

  /** A page of papers; a last word still being typed is read as the start of words, in every order. */
  async function search(request: SearchRequest): Promise<IndexHit[]> {
    return (await searchCounted(request, 0)).hits;
  }

  /** A page of papers, and how many match from its start, up to `countUpTo` (counted in the same pass). */
  async function searchCounted(request: SearchRequest, countUpTo: number): Promise<{ hits: IndexHit[]; count: number }> {
    const { sort, limit } = request;
    const completion = await completeLastWord(request.query, { lookUp: bm25.lookUp, termsStartingWith: reader.termsStartingWith });
    const query = completion?.query ?? request.query;
    const completed = completion?.terms ?? [];
    const after = request.after ?? null;
    const wanted = Math.max(limit, countUpTo);
    const terms = sort === 'relevance' ? await rankingTerms(query, completed) : [];
    const match = terms.length ? null : toMatchExpression(query, 'all');
    if (!terms.length && !match) {
      const rows = await store.newestPassing(query, after, wanted);
      return { hits: rows.slice(0, limit), count: rows.length };
    }
    const entries = terms.length ? await rankedPage(query, after, wanted, terms) : await store.newestMatching(query, match!, after, wanted);
    return { hits: await withRows(entries.slice(0, limit), query, completed), count: entries.length };
  }

  /** The page's rows, with the query's words (and the words its last word completes to) marked in the title and an excerpt. */
  async function withRows(page: PageEntry[], query: ParsedQuery, completed: string[]): Promise<IndexHit[]> {
    const rows = new Map((await store.rowsBySeq(page.map((entry) => entry.seq))).map((row) => [row.seq, row]));
    const marked = new Set([...markedTerms(query), ...completed]);
    return page
      .filter((entry) => rows.has(entry.seq))
      .map((entry) => {
        const row = rows.get(entry.seq)!;
        return {
          ...row,
          ...entry,
          markedTitle: highlight(row.title, marked),
          markedAbstract: snippet(row.abstract, marked, SNIPPET_WORDS),
        };
      });
  }

  /**
   * The terms that rank, with their postings: the query's words (less stopwords, unless
   * that leaves none), the words its last word completes to, and the words of its phrases and authors. A word in over half the
   * papers scores about nothing but costs a scan of half the index: it is left out while
   * a word some paper holds remains.
   */
  async function rankingTerms(query: ParsedQuery, completed: string[]): Promise<TermPostings[]> {
    const distinctive = query.words.filter((word) => !STOPWORDS.has(word));
    const words = [...(distinctive.length ? distinctive : query.words), ...query.phrases.flat(), ...query.authors.flat()];
    const terms = await bm25.lookUp([...words.map(termOf), ...completed]);
    const commonAbove = reader.documents() * COMMON_WORD_SHARE;
    const kept = terms.filter((term) => term.frequency <= commonAbove);
    return kept.some((term) => term.frequency > 0) ? kept : terms;
  }

  /**
   * A page by relevance. Phrases, authors and exclusions are sets from FTS5, checked as
   * papers are ranked. Filters are checked in SQL on the best ranked papers, more each
   * round; when few pass, the papers passing them become a set as well.
   */
  async function rankedPage(query: ParsedQuery, after: SearchPosition | null, limit: number, terms: TermPostings[]): Promise<PageEntry[]> {
    const ranked = bm25.rank(terms);
    const required = await store.matching(toMatchExpression({ ...query, words: [], excluded: [], prefix: null }, 'all'));
    const excluded = await store.matching(toExclusionsExpression(query));
    const hidden = await store.hiddenSeqs();
    // Without any check, no function: ranking then skips the call per paper.
    const accept =
      required || excluded || hidden.size
        ? (seq: number) => (!required || required.has(seq)) && !excluded?.has(seq) && !hidden.has(seq)
        : undefined;
    let from: ScoredDocument | null = after ? { score: Number(after.key), seq: after.seq } : null;
    if (!hasFilters(query)) return ranked.best(limit, from, accept).map(asEntry);
    const page: PageEntry[] = [];
    let checked = 0;
    let passedCount = 0;
    while (page.length < limit) {
      const wanted = limit - page.length;
      // Papers to check for the rest of the page, at the pass rate seen so far.
      const size = checked ? Math.ceil((2 * wanted * checked) / Math.max(passedCount, 1)) : Math.max(FIRST_CHECK, limit);
      if (size > MAX_CHECK) {
        const allowed = await store.passingAll(query);
        page.push(...ranked.best(wanted, from, (seq) => allowed.has(seq) && (!accept || accept(seq))).map(asEntry));
        break;
      }
      const candidates = ranked.best(size, from, accept);
      const passed = await store.passingAmong(
        query,
        candidates.map((candidate) => candidate.seq),
      );
      page.push(
        ...candidates
          .filter((candidate) => passed.has(candidate.seq))
          .slice(0, wanted)
          .map(asEntry),
      );
      checked += candidates.length;
      passedCount += passed.size;
      if (candidates.length < size) break;
      from = candidates[candidates.length - 1]!;
    }
    return page;
  }

  /** How many papers hold each term. */
  async function termFrequencies(terms: string[]): Promise<Map<string, number>> {
    return new Map((await bm25.lookUp(terms)).map((term) => [term.term, term.frequency]));
  }

  /** Papers ranked by BM25 for the given terms, leaving one paper out (for "similar papers"). */
  async function rankTerms(terms: string[], excludeSeq: number, limit: number): Promise<IndexHit[]> {
    const hidden = await store.hiddenSeqs();
    const best = bm25.rank(await bm25.lookUp(terms)).best(limit, null, (seq) => seq !== excludeSeq && !hidden.has(seq));
    const rows = new Map((await store.rowsBySeq(best.map((paper) => paper.seq))).map((row) => [row.seq, row]));
    return best.filter((paper) => rows.has(paper.seq)).map((paper) => ({ ...unmarked(rows.get(paper.seq)!), ...asEntry(paper) }));
  }

  /** Of the given papers, those that pass the query's filters, phrases, authors and exclusions. */
  function admit(query: ParsedQuery, seqs: number[]): Promise<Set<number>> {
    return store.admit(query, seqs, toMatchExpression({ ...query, words: [] }, 'all'), toExclusionsExpression(query));
  }

  /** Rows of shown papers (found by meaning alone: no marks, an excerpt instead of a snippet). */
  async function rowsBySeq(seqs: number[]): Promise<IndexHit[]> {
    return (await store.rowsBySeq(seqs)).map(unmarked);
  }

  return { search, searchCounted, rankTerms, termFrequencies, admit, rowsBySeq, paperText: store.paperText, paperCount: store.paperCount };
}

export type LexicalSearch = ReturnType<typeof createLexicalSearch>;

function asEntry(paper: ScoredDocument): PageEntry {
  return { seq: paper.seq, score: paper.score, sortKey: paper.score };
}

function unmarked(row: Omit<IndexHit, 'score' | 'sortKey' | 'markedTitle' | 'markedAbstract'>): IndexHit {
  return { ...row, score: 0, sortKey: 0, markedTitle: null, markedAbstract: null };
}

/** The terms to mark in hits: the query's words and phrases, less stopwords. */
function markedTerms(query: ParsedQuery): Set<string> {
  return new Set([...query.words, ...query.phrases.flat()].filter((word) => !STOPWORDS.has(word)).map(termOf));
}
