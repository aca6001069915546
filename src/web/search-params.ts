// The search request as pages, feeds and the API take it: q plus optional
// cat, code, after, before, sort, cursor and limit. Anything malformed is an
// "invalid" error naming the field, never a silent guess.
import { AppError } from '../errors.ts';
import { isCategory } from '../domain/query.ts';
import { checkedDay } from '../domain/days.ts';
import { SEARCH_SORTS, type SearchFilters, type SearchOptions, type SearchSort } from '../search/search.ts';

export interface SearchRequest {
  q: string;
  cat: string;
  code: boolean;
  after: string;
  before: string;
  sort: SearchSort;
  cursor: string | null;
  limit: number | undefined;
}

/** Every parameter a search reads. */
export const SEARCH_PARAMETERS = ['q', 'cat', 'code', 'after', 'before', 'sort', 'cursor', 'limit'] as const;

export function readSearchRequest(params: Record<string, string | undefined>): SearchRequest {
  const cat = (params.cat ?? '').trim();
  if (cat && !cat.split(/[\s,]+/).every(isCategory))
    throw new AppError('invalid', `cat: "${cat}" is not a category like cs.LG (or several, comma-separated)`);
  const sort = (params.sort || 'relevance') as SearchSort;
  if (!SEARCH_SORTS.includes(sort)) throw new AppError('invalid', `sort: "${params.sort}" is not one of ${SEARCH_SORTS.join(', ')}`);
  return {
    q: params.q ?? '',
    cat,
    code: readFlag('code', params.code),
    after: params.after ? checkedDay(params.after) : '',
    before: params.before ? checkedDay(params.before) : '',
    sort,
    cursor: params.cursor || null,
    limit: params.limit === undefined ? undefined : readLimit(params.limit),
  };
}

export function hasSearchInput(request: SearchRequest): boolean {
  return Boolean(request.q.trim() || request.cat || request.code || request.after || request.before);
}

export function toSearchOptions(request: SearchRequest): SearchOptions {
  const filters: SearchFilters = {
    categories: request.cat ? request.cat.split(/[\s,]+/) : [],
    hasCode: request.code,
    after: request.after || null,
    before: request.before || null,
  };
  return { filters, sort: request.sort, cursor: request.cursor, limit: request.limit };
}

/** The request as URL parameters, for links to other pages, feeds and the next page. */
export function searchParamsOf(request: SearchRequest, cursor: string | null = null): Record<string, string | undefined> {
  return {
    q: request.q || undefined,
    cat: request.cat || undefined,
    code: request.code ? '1' : undefined,
    after: request.after || undefined,
    before: request.before || undefined,
    sort: request.sort === 'relevance' ? undefined : request.sort,
    cursor: cursor ?? undefined,
    limit: request.limit === undefined ? undefined : String(request.limit),
  };
}

function readFlag(name: string, value: string | undefined): boolean {
  if (value === undefined || value === '' || value === '0' || value === 'false') return false;
  if (value === '1' || value === 'true' || value === 'on') return true;
  throw new AppError('invalid', `${name}: "${value}" is not 1 or 0`);
}

export function readLimit(value: string): number {
  const limit = Number(value);
  if (!/^\d+$/.test(value) || limit < 1 || limit > 100)
    throw new AppError('invalid', `limit: "${value}" is not a whole number from 1 to 100`);
  return limit;
}
