// The search feature: parse the query, go straight to a named paper, search
// the index with filters and a cursor, and render highlighted snippets.
import { AppError } from '../errors.ts';
import { hasFilters, isEmptyQuery, parseQuery, type ParsedQuery } from '../domain/query.ts';
import type { PaperReader } from '../db/papers-read.ts';
import type { IndexHit, LexicalSearch, SortOrder } from './lexical.ts';
import { similarByWords } from './similar.ts';
import { toHit, type SearchHit } from './hits.ts';
import { FUSION_DEPTH, hybridRanking, MEANING_UNAVAILABLE, similarWithMeaning, type Semantic } from './hybrid.ts';
import { createResultCache } from './result-cache.ts';
import { encodeCursor, keysetCursors, keysetTrailOf, offsetOf } from '../domain/cursor.ts';

export const SEARCH_LIMITS = { defaultLimit: 20, maxLimit: 100 };

/** Relevance and newest come from the index; trending reorders the best matches by trending score. */
export type SearchSort = SortOrder | 'trending';
export const SEARCH_SORTS: readonly SearchSort[] = ['relevance', 'newest', 'trending'];
/** Sorting by trending looks at this many best matches. */
export const TRENDING_DEPTH = 500;

/** Matches are counted up to this many; more reads as "100+". */
export const COUNT_CAP = 100;

/** How many papers a search matched: `count`, or more than that when `more`. */
export interface MatchCount {
  count: number;
  more: boolean;
}

/** Results of recent searches and similar-paper lists serve again until the database changes, for at most this long. */
export const CACHE_MAX_AGE_MS = 600_000;

/** Filters given apart from the query text (form fields, API parameters); they narrow what the text asks for. */
export interface SearchFilters {
  categories?: string[];
  hasCode?: boolean;
  after?: string | null;
  before?: string | null;
}

export interface SearchOptions {
  filters?: SearchFilters;
  sort?: SearchSort;
  limit?: number;
  cursor?: string | null;
  /**
   * Count the matches (up to COUNT_CAP) and, when the filters leave none, those without them, as a
   * page shows (the default). Lists that only want their papers (the digest's) leave it off.
   */
  countMatches?: boolean;
}

export interface SearchResult {
  query: ParsedQuery;
  sort: SearchSort;
  hits: SearchHit[];
  nextCursor: string | null;
  /** The page before, when it is not the first (a page with a cursor and none here comes after the first). */
  previousCursor: string | null;
  /** The id of the paper the query named, when it is stored here. */
  paperId: string | null;
  /** How many papers the list holds, up to COUNT_CAP; null when the query named a paper or nothing, or counting was off. */
  matched: MatchCount | null;
  /** When filters left nothing: how many the query matches without them (null otherwise). */
  withoutFilters: MatchCount | null;
  notes: string[];
}

export interface SearchDeps {
  index: LexicalSearch;
  papers: PaperReader;
  semantic?: Semantic | null;
  /** The database's version (db/data-generation.ts): cached results serve while it stays the same. */
  generation: () => Promise<string>;
  /** Searches and similar-paper lists kept; 0 caches nothing. */
  cacheSize: number;
  /** Trending scores (this week's) of the given papers that have one. */
  trendingScores: (ids: readonly string[]) => Promise<Map<string, number>>;
  /** Papers shown here without a category: a category filter cannot find them. */
  uncategorized?: () => Promise<number>;
}

export function createSearch(deps: SearchDeps) {
  const cacheOptions = { capacity: deps.cacheSize, maxAgeMs: CACHE_MAX_AGE_MS, generation: deps.generation };
  const results = createResultCache<SearchResult>({ ...cacheOptions, keep: (result) => !result.notes.includes(MEANING_UNAVAILABLE) });
  const similar = createResultCache<SearchHit[]>(cacheOptions);

  /** Callers share cached results: they read them and never change them. */
  function searchPapers(text: string, options: SearchOptions = {}): Promise<SearchResult> {
    return results.get(JSON.stringify([text, options]), () => runSearch(text, options));
  }

  async function runSearch(text: string, options: SearchOptions): Promise<SearchResult> {
    const query = withFilters(parseQuery(text), options.filters ?? {});
    const sort = options.sort ?? 'relevance';
    const limit = Math.min(Math.max(1, Math.trunc(options.limit ?? SEARCH_LIMITS.defaultLimit)), SEARCH_LIMITS.maxLimit);
    const result: SearchResult = {
      query,
      sort,
      hits: [],
      nextCursor: null,
      previousCursor: null,
      paperId: null,
      matched: null,
      withoutFilters: null,
      notes: [...query.notes],
    };
    if (query.arxivId) return await goToPaper(result);
    if (isEmptyQuery(query) && !hasFilters(query)) return result;
    if (query.categories.length) await noteUncategorized(result.notes);
    const counting = options.countMatches ?? true;
    const page = await listed(result, limit, options.cursor ?? null, counting);
    if (counting && !page.matched?.count && hasFilters(query) && !isEmptyQuery(query))
      page.withoutFilters = await unfilteredCount(text, sort);
    return page;
  }

  async function listed(result: SearchResult, limit: number, cursor: string | null, counting: boolean): Promise<SearchResult> {
    const { query, sort } = result;
    if (sort === 'trending') return trendingPage(result, limit, cursor);
    if (deps.semantic && sort === 'relevance' && query.words.length) return hybridPage(result, limit, cursor);
    const at = cursor ? keysetTrailOf(cursor, listName(sort)) : null;
    const after = at?.position ?? null;
    const { hits: rows, count } = await deps.index.searchCounted(
      { query, sort, limit: limit + 1, after },
      after || !counting ? 0 : COUNT_CAP + 1,
    );
    result.hits = rows.slice(0, limit).map(toHit);
    if (counting)
      result.matched = countOf(
        after ? (await deps.index.searchCounted({ query, sort, limit: 0, after: null }, COUNT_CAP + 1)).count : count,
      );
    const last = rows.length > limit ? rows[limit - 1] : undefined;
    Object.assign(result, keysetCursors(listName(sort), at, last ? { key: last.sortKey, seq: last.seq } : null));
    return result;
  }

  async function noteUncategorized(notes: string[]): Promise<void> {
    const count = (await deps.uncategorized?.()) ?? 0;
    if (count)
      notes.push(
        `${count.toLocaleString('en')} ${count === 1 ? 'paper here has' : 'papers here have'} no category yet (their source gave none; it is filled in from arXiv), so a category filter leaves ${count === 1 ? 'it' : 'them'} out`,
      );
  }

  /** The query's own text without the form's filters and its own cat:, year:, after:, before:, has:code. */
  async function unfilteredCount(text: string, sort: SearchSort): Promise<MatchCount | null> {
    const bare = parseQuery(text);
    const unfiltered = { ...bare, categories: [], hasCode: false, after: null, before: null };
    if (isEmptyQuery(unfiltered)) return null;
    const { count } = await deps.index.searchCounted(
      { query: unfiltered, sort: sort === 'newest' ? 'newest' : 'relevance', limit: 0, after: null },
      COUNT_CAP + 1,
    );
    return countOf(count);
  }

  /** Hybrid results are one fused list; the cursor is a position in it. */
  async function hybridPage(result: SearchResult, limit: number, cursor: string | null): Promise<SearchResult> {
    const hits = await hybridRanking(deps.index, deps.semantic!, result.query, result.notes);
    return listPage(result, hits, 'hybrid', limit, cursor, async (page) => page);
  }

  /**
   * The best matches (the newest, for filters alone), trending ones first by score, the rest in their
   * order. Only the ids of the matches are read for their scores, and the rows of the page shown.
   */
  async function trendingPage(result: SearchResult, limit: number, cursor: string | null): Promise<SearchResult> {
    const query = result.query;
    if (deps.semantic && query.words.length) {
      const matches = await hybridRanking(deps.index, deps.semantic, query, result.notes);
      const ordered = await byTrending(matches.map((hit) => ({ hit, id: hit.id })));
      return listPage(result, ordered, 'trending', limit, cursor, async (page) => page.map((entry) => entry.hit));
    }
    const sort = query.words.length || query.phrases.length || query.authors.length ? 'relevance' : 'newest';
    const { entries, marks } = await deps.index.entriesCounted({ query, sort, limit: TRENDING_DEPTH, after: null }, 0);
    const ids = await deps.index.shownIds(entries.map((entry) => entry.seq));
    const ordered = await byTrending(entries.filter((entry) => ids.has(entry.seq)).map((entry) => ({ entry, id: ids.get(entry.seq)! })));
    return listPage(result, ordered, 'trending', limit, cursor, (page) =>
      deps.index.withRows(
        page.map(({ entry }) => entry),
        marks,
      ),
    );
  }

  /** Papers with a trending score first, highest first; the rest after, each in the order given. */
  async function byTrending<Paper extends { id: string }>(papers: Paper[]): Promise<Paper[]> {
    const scores = await deps.trendingScores(papers.map((paper) => paper.id));
    return papers
      .map((paper, position) => ({ paper, position, score: scores.get(paper.id) ?? -1 }))
      .sort((a, b) => b.score - a.score || a.position - b.position)
      .map((ranked) => ranked.paper);
  }

  /** A page of a whole list, by offset; `hitsOf` turns the page's papers into hits (reading their rows). */
  async function listPage<Paper>(
    result: SearchResult,
    papers: Paper[],
    kind: string,
    limit: number,
    cursor: string | null,
    hitsOf: (page: Paper[]) => Promise<IndexHit[]>,
  ): Promise<SearchResult> {
    const from = offsetOf(cursor, listName(kind));
    result.matched = countOf(papers.length);
    result.hits = (await hitsOf(papers.slice(from, from + limit))).map(toHit);
    if (papers.length > from + limit) result.nextCursor = encodeCursor(listName(kind), { offset: from + limit });
    if (from > limit) result.previousCursor = encodeCursor(listName(kind), { offset: from - limit });
    return result;
  }

  /** The paper the query names; a merged one's own paper; a hidden one is not here. */
  async function goToPaper(result: SearchResult): Promise<SearchResult> {
    const id = result.query.arxivId!;
    const paper = await deps.papers.getPaper(id);
    if (paper?.mergedInto) result.paperId = paper.mergedInto;
    else if (paper && !paper.hiddenAt) result.paperId = id;
    else if (paper) result.notes.push(`arXiv paper ${id} was hidden by the admins of this hub`);
    else result.notes.push(`arXiv paper ${id} is not in this hub yet; "paperboy ingest arxiv-api --query id:${id}" brings it in`);
    return result;
  }

  /**
   * TF-IDF "more like this", fused with the nearest vectors when a model is configured; never
   * a hidden paper. Similar papers of a hidden one only for admins (`asAdmin`), who still see its page.
   */
  /** Kept like searches: whether the paper may be shown changes only with the database. */
  function similarPapers(id: string, limit = 10, { asAdmin = false } = {}): Promise<SearchHit[]> {
    return similar.get(JSON.stringify([limit, asAdmin, id]), async () => {
      const paper = await deps.papers.getPaper(id);
      if (!paper) throw new AppError('not_found', `no paper ${id}`);
      if (paper.hiddenAt && !asAdmin)
        throw new AppError(
          'not_found',
          paper.mergedInto ? `paper ${id} was merged into ${paper.mergedInto}` : `paper ${id} was hidden by the admins of this hub`,
        );
      return findSimilar(id, limit);
    });
  }

  async function findSimilar(id: string, limit: number): Promise<SearchHit[]> {
    const lexical = (await similarByWords(deps.index, id, deps.semantic ? FUSION_DEPTH : limit)) ?? [];
    const rows = deps.semantic ? await similarWithMeaning(deps.index, deps.semantic, id, lexical) : lexical;
    return rows.slice(0, limit).map(toHit);
  }

  return { searchPapers, similarPapers };
}

export type Search = ReturnType<typeof createSearch>;

function countOf(count: number): MatchCount {
  return { count: Math.min(count, COUNT_CAP), more: count > COUNT_CAP };
}

function withFilters(query: ParsedQuery, filters: SearchFilters): ParsedQuery {
  const later = (a: string | null, b: string | null) => (a === null ? b : b === null || a > b ? a : b);
  const earlier = (a: string | null, b: string | null) => (a === null ? b : b === null || a < b ? a : b);
  return {
    ...query,
    categories: [...query.categories, ...(filters.categories ?? [])],
    hasCode: query.hasCode || (filters.hasCode ?? false),
    after: later(query.after, filters.after ?? null),
    before: earlier(query.before, filters.before ?? null),
  };
}

/** Search results in one order are one list: a cursor of another order is refused. */
function listName(order: string): string {
  return `search:${order}`;
}
