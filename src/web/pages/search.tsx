// The search page: one form (query, filters, sort) that works as a plain GET
// and, with the script, updates the results in place as you type.
import type { SearchRequest } from '../search-params.ts';
import { searchParamsOf } from '../search-params.ts';
import { QUERY_HELP_EXAMPLES } from './query-help.tsx';
import { Layout } from './layout.tsx';
import { PaperList, type ListedPaper } from './paper-list.tsx';
import { searchPath, withQuery } from '../paths.ts';
import { FollowButton } from './digest.tsx';
import type { Follow } from '../../domain/digest-preferences.ts';
import type { MatchCount } from '../../search/search.ts';
import { ListViewSwitch } from './list-view.tsx';

export interface SearchView {
  request: SearchRequest;
  /** Null when there was nothing to search for yet. */
  papers: ListedPaper[] | null;
  notes: string[];
  nextCursor: string | null;
  previousCursor: string | null;
  matched: MatchCount | null;
  withoutFilters: MatchCount | null;
  /** What this search offers to follow (its author, its category, or itself as an alert), and whether the reader does. */
  follow: { follow: Follow; following: boolean } | null;
}

export function SearchPage({ view, statusLine }: { view: SearchView; statusLine: string | null }) {
  const params = searchParamsOf(view.request);
  const feeds = view.papers
    ? [
        {
          title: `Search “${view.request.q}” (Atom)`,
          href: withQuery('/search.atom', { ...params, cursor: undefined }),
          type: 'atom' as const,
        },
      ]
    : [];
  return (
    <Layout
      title={view.request.q ? `${view.request.q}` : 'Search'}
      section="search"
      statusLine={statusLine}
      feeds={feeds}
      paperList={Boolean(view.papers?.length)}
    >
      <h1>Search</h1>
      <SearchForm request={view.request} />
      <div id="results" aria-live="polite">
        <SearchResults view={view} />
      </div>
    </Layout>
  );
}

function SearchForm({ request }: { request: SearchRequest }) {
  return (
    <form class="search-page" action="/search" method="get" role="search" data-live>
      <div class="search">
        <input
          type="search"
          name="q"
          value={request.q}
          aria-label="Search papers"
          placeholder='Words, "a phrase", author:Name, an arXiv id'
          autocomplete="off"
        />
        <button type="submit">Search</button>
      </div>
      <fieldset class="filters">
        <legend class="skip">Filters</legend>
        <label>
          Category <input name="cat" value={request.cat} placeholder="cs.CL" size={8} />
        </label>
        <label>
          Published from <input type="date" name="after" value={request.after} />
        </label>
        <label>
          Before <input type="date" name="before" value={request.before} />
        </label>
        <label>
          Sort
          <select name="sort">
            <option value="relevance" selected={request.sort === 'relevance'}>
              Best match
            </option>
            <option value="newest" selected={request.sort === 'newest'}>
              Newest
            </option>
            <option value="trending" selected={request.sort === 'trending'}>
              Trending
            </option>
          </select>
        </label>
        <label class="check">
          <input type="checkbox" name="code" value="1" checked={request.code} /> With code
        </label>
      </fieldset>
    </form>
  );
}

/** What #results holds: also served alone for in-place updates. */
export function SearchResults({ view }: { view: SearchView }) {
  const follow = view.follow ? <FollowButton follow={view.follow.follow} following={view.follow.following} /> : null;
  const notes =
    view.notes.length || follow ? (
      <div class="muted">
        {view.notes.length ? `${view.notes.join('; ')}. ` : ''}
        {follow}
      </div>
    ) : null;
  if (!view.papers) return <QueryHelp />;
  if (!view.papers.length)
    return (
      <>
        {notes}
        <EmptyResults request={view.request} withoutFilters={view.withoutFilters} />
      </>
    );
  const params = searchParamsOf(view.request);
  const previous = view.previousCursor
    ? searchPath(searchParamsOf(view.request, view.previousCursor))
    : view.request.cursor
      ? searchPath({ ...params, cursor: undefined })
      : null;
  return (
    <>
      {notes}
      <div class="list-head">
        <p class="muted" id="match-count">
          {view.matched
            ? `${countText(view.matched)} ${view.matched.count === 1 && !view.matched.more ? 'paper matches' : 'papers match'}`
            : ''}
          {view.request.cursor ? ' (a later page)' : ''}
        </p>
        <ListViewSwitch />
      </div>
      <section aria-labelledby="match-count">
        <PaperList papers={view.papers} />
      </section>
      <nav class="pager" aria-label="Result pages">
        {previous ? (
          <a href={previous} rel="prev">
            ← Previous page
          </a>
        ) : null}
        {view.nextCursor ? (
          <a href={searchPath(searchParamsOf(view.request, view.nextCursor))} rel="next">
            Next page →
          </a>
        ) : null}
      </nav>
    </>
  );
}

/** "37", or "100+" when there are more than were counted. */
function countText(count: MatchCount): string {
  return `${count.count.toLocaleString('en')}${count.more ? '+' : ''}`;
}

function EmptyResults({ request, withoutFilters }: { request: SearchRequest; withoutFilters: MatchCount | null }) {
  const filters = filtersNamed(request);
  const plain = searchPath({ q: request.q, sort: request.sort === 'newest' ? 'newest' : undefined });
  if (filters.length && withoutFilters?.count)
    return (
      <div>
        <p>
          <strong>
            0 papers {filters.join(', ')}; {countText(withoutFilters)} without {filters.length === 1 ? 'this filter' : 'these filters'}.
          </strong>
        </p>
        <p>
          <a href={plain}>Search again without filters</a>.
        </p>
      </div>
    );
  return (
    <div>
      <p>
        <strong>No papers match{request.q ? ` “${request.q}”` : ''}.</strong>
      </p>
      <ul>
        <li>Try fewer or more general words, or check the spelling.</li>
        {filters.length ? (
          <li>
            <a href={plain}>Search again without filters</a>.
          </li>
        ) : null}
        <li>A word with a minus (-word) leaves papers out; take it away to see them.</li>
      </ul>
    </div>
  );
}

/** The form's filters in words: "in cs.AI", "with code", "from 2025-01-01", "before 2025-07-01". */
function filtersNamed(request: SearchRequest): string[] {
  return [
    request.cat ? `in ${request.cat}` : '',
    request.code ? 'with code' : '',
    request.after ? `from ${request.after}` : '',
    request.before ? `before ${request.before}` : '',
  ].filter(Boolean);
}

function QueryHelp() {
  return (
    <div>
      <p>Type to search titles, abstracts and authors. Results come as you type.</p>
      <ul>
        {QUERY_HELP_EXAMPLES.map(([example, meaning]) => (
          <li>
            <a href={searchPath({ q: example })}>
              <code>{example}</code>
            </a>{' '}
            {meaning}
          </li>
        ))}
      </ul>
    </div>
  );
}
