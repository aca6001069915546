// The search feature: parse the query, go straight to a named paper, search
// the index with filters and a cursor, and render highlighted snippets.
import { AppError } from '../errors.ts';
import { isEmptyQuery, parseQuery, type ParsedQuery } from '../domain/query.ts';
import type { PaperReader } from '../db/papers-read.ts';
import type { IndexHit, SearchIndex, SearchPosition, SortOrder } from '../db/search-index.ts';
import type { SimilarIndex } from '../db/similar-index.ts';
import { toHit, type SearchHit } from './hits.ts';

export const SEARCH_LIMITS = { defaultLimit: 20, maxLimit: 100 };

export interface SearchOptions {
  sort?: SortOrder;
  limit?: number;
  cursor?: string | null;
}

export interface SearchResult {
  query: ParsedQuery;
  sort: SortOrder;
  hits: SearchHit[];
  nextCursor: string | null;
  /** The id of the paper the query named, when it is stored here. */
  paperId: string | null;
  notes: string[];
}

export function createSearch(deps: { index: SearchIndex; similar: SimilarIndex; papers: PaperReader }) {
  function searchPapers(text: string, options: SearchOptions = {}): SearchResult {
    const query = parseQuery(text);
    const sort = options.sort ?? 'relevance';
    const limit = Math.min(Math.max(1, Math.trunc(options.limit ?? SEARCH_LIMITS.defaultLimit)), SEARCH_LIMITS.maxLimit);
    const result: SearchResult = { query, sort, hits: [], nextCursor: null, paperId: null, notes: [...query.notes] };
    if (query.arxivId) return goToPaper(result);
    if (isEmptyQuery(query) && !hasFilters(query)) return result;
    const after = options.cursor ? decodeCursor(options.cursor, sort) : null;
    const rows = deps.index.search({ query, sort, limit: limit + 1, after });
    result.hits = rows.slice(0, limit).map(toHit);
    const last = rows[limit - 1];
    if (rows.length > limit && last) result.nextCursor = encodeCursor(sort, last);
    return result;
  }

  function goToPaper(result: SearchResult): SearchResult {
    const id = result.query.arxivId!;
    if (deps.papers.getPaper(id)) result.paperId = id;
    else result.notes.push(`arXiv paper ${id} is not in this hub yet; "paperboy ingest arxiv-api --query id:${id}" brings it in`);
    return result;
  }

  function similarPapers(id: string, limit = 10): SearchHit[] {
    const rows = deps.similar.similarTo(id, limit, deps.index.rankMatch);
    if (!rows) throw new AppError('not_found', `no paper ${id}`);
    return rows.map(toHit);
  }

  return { searchPapers, similarPapers };
}

export type Search = ReturnType<typeof createSearch>;

function hasFilters(query: ParsedQuery): boolean {
  return query.categories.length > 0 || query.hasCode || query.after !== null || query.before !== null;
}

function encodeCursor(sort: SortOrder, hit: IndexHit): string {
  return Buffer.from(JSON.stringify({ o: sort, k: hit.sortKey, s: hit.seq })).toString('base64url');
}

function decodeCursor(cursor: string, sort: SortOrder): SearchPosition {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { o?: unknown; k?: unknown; s?: unknown };
    const keyOk = typeof value.k === 'number' || typeof value.k === 'string';
    if (value.o === sort && keyOk && Number.isInteger(value.s)) return { key: value.k as number | string, seq: value.s as number };
  } catch {
    // fall through to the error below
  }
  throw new AppError('invalid', 'the cursor is not valid for this search; start again from the first page');
}
