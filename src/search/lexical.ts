// Keyword search: BM25 relevance from the text index, checked against the
// query's dates, categories, code, phrases, authors and exclusions (from the
// index, paper-checks.ts), newest-first pages, keyset positions and highlighted
// snippets.
import type { Database } from '../db/sql.ts';
import { untilChanged } from '../db/data-generation.ts';
import { createSearchStore, type IndexHit, type PageEntry, type SearchPosition } from '../db/search-store.ts';
import { PAPER_TEXT, paperFieldWeights, type PaperFieldWeights } from '../db/paper-text.ts';
import { createIndexReader } from '../text-index/reader.ts';
import { createBm25, type Ranking, type ScoredDocument, type TermPostings } from '../text-index/bm25.ts';
import type { ParsedQuery } from '../domain/query.ts';
import { STOPWORDS } from '../domain/stopwords.ts';
import { createMatcher } from '../text-index/matching.ts';
import { matchPlan, requiresAnything, type MatchPlan } from './match-plan.ts';
import { checksOf, type PaperChecks } from './paper-checks.ts';
import { isRefused } from '../text-index/seq-sets.ts';
import { termOf } from '../domain/terms.ts';
import { highlight, snippet } from '../domain/highlight.ts';
import { completeLastWord } from './completion.ts';
import { newestDays } from './newest-days.ts';

export type { IndexHit, PageEntry, SearchPosition } from '../db/search-store.ts';
export type SortOrder = 'relevance' | 'newest';

export interface SearchRequest {
  query: ParsedQuery;
  sort: SortOrder;
  limit: number;
  /** Position after which to continue, from the previous page. */
  after?: SearchPosition | null;
}

/** How relevance ranking weighs the fields; from how many postings a query is ranked on two threads. */
export interface RankingOptions {
  weights: PaperFieldWeights;
  parallelFrom?: number;
}

/** The weights the index's impacts are kept under (db/paper-text.ts): other weights rank as exactly, with looser bounds. */
export const DEFAULT_RANKING: RankingOptions = {
  weights: Object.fromEntries(PAPER_TEXT.fields.map((field, index) => [field, PAPER_TEXT.weights[index]!])) as PaperFieldWeights,
};

/** Words in more than this share of the papers are left out of ranking (when others remain). */
const COMMON_WORD_SHARE = 0.5;
/** Words in an abstract excerpt. */
const SNIPPET_WORDS = 40;
/**
 * With phrases of several words, ranked papers' text is checked this many at first, then as many
 * as the pass rate says the page needs, at most MAX_CHECK a round.
 */
const FIRST_CHECK = 200;
const MAX_CHECK = 5000;
/** Papers read at first, and at most, a round when the newest-first order is walked (each round reads twice the last). */
const FIRST_WALK = 2000;
const MAX_WALK = 64_000;

/**
 * On `db`, whose change token tells when what is kept in memory (the index's newest segments, hidden papers) must be
 * read again; the index's most used postings keep up to `postingsCacheBytes` in memory.
 */
export function createLexicalSearch(db: Database, ranking: RankingOptions = DEFAULT_RANKING, postingsCacheBytes?: number) {
  const changes = () => db.changes();
  const store = createSearchStore(db);
  const reader = createIndexReader(db, changes, postingsCacheBytes);
  const hiddenSeqs = untilChanged(changes, store.hiddenSeqs);
  const bm25 = createBm25(reader, paperFieldWeights(ranking.weights), ranking.parallelFrom);
  const checkDeps = {
    matcher: createMatcher({ sql: db, source: PAPER_TEXT, reader, lookUp: bm25.lookUp }),
    termsStartingWith: reader.termsStartingWith,
    hiddenSeqs,
    dateKeys: async () => (await reader.refresh(), reader.dateKeys()),
  };

  /** A page of papers; a last word still being typed is read as the start of words, in every order. */
  async function search(request: SearchRequest): Promise<IndexHit[]> {
    return (await searchCounted(request, 0)).hits;
  }

  /** A page of papers, and how many match from its start, up to `countUpTo` (counted in the same pass). */
  async function searchCounted(request: SearchRequest, countUpTo: number): Promise<{ hits: IndexHit[]; count: number }> {
    const { entries, count, marks } = await entriesCounted(request, countUpTo);
    return { hits: await withRows(entries.slice(0, request.limit), marks), count };
  }

  /**
   * The papers of a page, in order, without their rows (`withRows` reads them); how many match from
   * its start, up to `countUpTo`; the terms their rows would be marked with.
   */
  async function entriesCounted(request: SearchRequest, countUpTo: number): Promise<MatchedEntries> {
    const { sort, limit } = request;
    const completion = await completeLastWord(request.query, { lookUp: bm25.lookUp, termsStartingWith: reader.termsStartingWith });
    const query = completion?.query ?? request.query;
    const marks = new Set([...markedTerms(query), ...(completion?.terms ?? [])]);
    const after = request.after ?? null;
    const wanted = Math.max(limit, countUpTo);
    const terms = sort === 'relevance' ? await rankingTerms(query, completion?.terms ?? []) : [];
    const newest = terms.length ? null : matchPlan(query, { words: true, prefix: true });
    if (newest && !requiresAnything(newest)) {
      const entries = await store.newestPassing(query, after, wanted);
      return { entries: entries.slice(0, limit), count: entries.length, marks };
    }
    if (newest) {
      const entries = await newestPage(query, newest, after, wanted);
      return { entries: entries.slice(0, limit), count: entries.length, marks };
    }
    const { entries, count } = await rankedPage(query, after, { page: limit, counted: wanted }, terms);
    return { entries: entries.slice(0, limit), count, marks };
  }

  /** The rows of a page's shown papers, with `marks` marked in the title and an excerpt (an unmarked excerpt when none). */
  async function withRows(page: PageEntry[], marks: ReadonlySet<string>): Promise<IndexHit[]> {
    const rows = new Map((await store.rowsBySeq(page.map((entry) => entry.seq))).map((row) => [row.seq, row]));
    return page
      .filter((entry) => rows.has(entry.seq))
      .map((entry) => {
        const row = rows.get(entry.seq)!;
        return {
          ...row,
          ...entry,
          markedTitle: marks.size ? highlight(row.title, marks) : null,
          markedAbstract: marks.size ? snippet(row.abstract, marks, SNIPPET_WORDS) : null,
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
    const terms = await bm25.lookUp([...words.map(termOf), ...completed], { counted: true });
    const commonAbove = reader.documents() * COMMON_WORD_SHARE;
    const kept = terms.filter((term) => term.frequency <= commonAbove);
    return kept.some((term) => term.frequency > 0) ? kept : terms;
  }

  /**
   * A page by relevance, and how many papers match from its start (up to `sizes.counted`). Terms that
   * phrases and authors need, categories, code, dates, excluded words and hidden papers are sets checked as
   * papers are ranked; phrases of several words are checked on the best ranked papers (checkedPage).
   */
  async function rankedPage(
    query: ParsedQuery,
    after: SearchPosition | null,
    sizes: { page: number; counted: number },
    terms: TermPostings[],
  ): Promise<{ entries: PageEntry[]; count: number }> {
    const ranked = bm25.rank(terms);
    const checks = await checksOf(checkDeps, matchPlan(query, { words: false, prefix: false }));
    const from: ScoredDocument | null = after ? { score: Number(after.key), seq: after.seq } : null;
    const among = checks.holding;
    if (!checks.inText) {
      // Counting needs no more than the page when one term alone is held by as many papers as are counted.
      const counted = !after && surelyMatching(terms, checks) >= sizes.counted;
      const best = await ranked.best(counted ? sizes.page : sizes.counted, { after: from, refused: checks.refused, among });
      const entries = best.map(asEntry);
      return { entries, count: counted ? sizes.counted : entries.length };
    }
    const entries = await checkedPage(ranked, { checks, among }, from, sizes.counted);
    return { entries, count: entries.length };
  }

  /** Papers a ranked query without filters surely matches: as many as its most held term, less those the checks may turn away. */
  function surelyMatching(terms: TermPostings[], checks: PaperChecks): number {
    if (checks.turnsAwayAtMost === null) return 0;
    return Math.max(0, ...terms.map((term) => term.frequency)) - checks.turnsAwayAtMost;
  }

  /**
   * A page by relevance of papers holding the query's phrases of several words (in their text),
   * checked on the best ranked papers, more each round (only `among` them, when given).
   */
  async function checkedPage(
    ranked: Ranking,
    { checks, among }: { checks: PaperChecks; among: Int32Array | null },
    after: ScoredDocument | null,
    limit: number,
  ): Promise<PageEntry[]> {
    let from = after;
    const page: PageEntry[] = [];
    let checked = 0;
    let passedCount = 0;
    while (page.length < limit) {
      const wanted = limit - page.length;
      // Papers to check for the rest of the page, at the pass rate seen so far.
      const size = checked ? Math.ceil((2 * wanted * checked) / Math.max(passedCount, 1)) : Math.max(FIRST_CHECK, limit);
      const batch = Math.min(size, MAX_CHECK);
      const candidates = await ranked.best(batch, { after: from, refused: checks.refused, among });
      const passed = await checks.inText!(candidates.map((candidate) => candidate.seq));
      page.push(
        ...candidates
          .filter((candidate) => passed.has(candidate.seq))
          .slice(0, wanted)
          .map(asEntry),
      );
      checked += candidates.length;
      passedCount += passed.size;
      if (candidates.length < batch) break;
      from = candidates[candidates.length - 1]!;
    }
    return page;
  }

  /**
   * Newest first among the papers holding every word, phrase, author, category and code (and in the dates).
   * Few papers holding them are looked up by seq, those of the newest days only (newest-days.ts); many,
   * and the papers are read newest first until the page is full: about limit × papers ÷ holders of
   * them, fewer than the holders once holders² > limit × papers.
   */
  async function newestPage(query: ParsedQuery, plan: MatchPlan, after: SearchPosition | null, limit: number): Promise<PageEntry[]> {
    const checks = await checksOf(checkDeps, plan);
    const admitted = (seq: number) => !checks.accept || checks.accept(seq);
    const holding = checks.holding ?? new Int32Array(0);
    const walk = holding.length ** 2 > limit * reader.documents();
    const candidates = walk ? null : Array.from(holding).filter((seq) => !checks.refused || !isRefused(checks.refused, seq));
    const keys = candidates ? await checkDeps.dateKeys() : null;
    let chunk = walk ? FIRST_WALK : checks.inText ? Math.max(2 * limit, FIRST_CHECK) : limit;
    const page: PageEntry[] = [];
    for (let position = after; ;) {
      const batch = await store.newestAmong(candidates && newestDays(candidates, keys!, position, chunk), position, chunk);
      const held = walk ? batch.filter((entry) => admitted(entry.seq)) : batch;
      const passed = checks.inText ? await checks.inText(held.map((entry) => entry.seq)) : null;
      page.push(...held.filter((entry) => !passed || passed.has(entry.seq)).slice(0, limit - page.length));
      if (page.length >= limit || batch.length < chunk) return page;
      const last = batch[batch.length - 1]!;
      position = { key: last.sortKey, seq: last.seq };
      if (walk) chunk = Math.min(2 * chunk, MAX_WALK);
    }
  }

  /** How many papers hold each term. */
  async function termFrequencies(terms: string[]): Promise<Map<string, number>> {
    return new Map((await bm25.lookUp(terms)).map((term) => [term.term, term.frequency]));
  }

  /** Papers ranked by BM25 for the given terms, leaving one paper out (for "similar papers"). */
  async function rankTerms(terms: string[], excludeSeq: number, limit: number): Promise<IndexHit[]> {
    const hidden = await hiddenSeqs();
    const refused = { seqs: new Set([...hidden, excludeSeq]), marked: null };
    const best = await bm25.rank(await bm25.lookUp(terms)).best(limit, { refused });
    const rows = new Map((await store.rowsBySeq(best.map((paper) => paper.seq))).map((row) => [row.seq, row]));
    return best.filter((paper) => rows.has(paper.seq)).map((paper) => ({ ...unmarked(rows.get(paper.seq)!), ...asEntry(paper) }));
  }

  /** Of the given papers, those shown that pass the query's filters, phrases, authors and exclusions. */
  async function admit(query: ParsedQuery, seqs: number[]): Promise<Set<number>> {
    const checks = await checksOf(checkDeps, matchPlan(query, { words: false, prefix: true }));
    const held = seqs.filter((seq) => !checks.accept || checks.accept(seq));
    return checks.inText ? checks.inText(held) : new Set(held);
  }

  /** Rows of shown papers (found by meaning alone: no marks, an excerpt instead of a snippet). */
  async function rowsBySeq(seqs: number[]): Promise<IndexHit[]> {
    return (await store.rowsBySeq(seqs)).map(unmarked);
  }

  return {
    search,
    searchCounted,
    entriesCounted,
    withRows,
    shownIds: store.shownIds,
    rankTerms,
    termFrequencies,
    admit,
    rowsBySeq,
    paperText: store.paperText,
    paperCount: store.paperCount,
    /** The index it reads, shared with other readers of its terms (author pages). */
    indexReader: reader,
  };
}

export type LexicalSearch = ReturnType<typeof createLexicalSearch>;

/** A page's papers in order, how many matched (up to the count asked for), and the terms to mark in their rows. */
export interface MatchedEntries {
  entries: PageEntry[];
  count: number;
  marks: ReadonlySet<string>;
}

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
