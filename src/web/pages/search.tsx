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

export interface SearchView {
  request: SearchRequest;
  /** Null when there was nothing to search for yet. */
  papers: ListedPaper[] | null;
  notes: string[];
  nextCursor: string | null;
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
    <Layout title={view.request.q ? `${view.request.q}` : 'Search'} section="search" statusLine={statusLine} feeds={feeds}>
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
        <EmptyResults request={view.request} />
      </>
    );
  const params = searchParamsOf(view.request);
  return (
    <>
      {notes}
      <PaperList papers={view.papers} />
      <nav class="pager" aria-label="Result pages">
        {view.request.cursor ? <a href={searchPath({ ...params, cursor: undefined })}>← First page</a> : null}
        {view.nextCursor ? (
          <a href={searchPath(searchParamsOf(view.request, view.nextCursor))} rel="next">
            Next page →
          </a>
        ) : null}
      </nav>
    </>
  );
}

function EmptyResults({ request }: { request: SearchRequest }) {
  const filtered = Boolean(request.cat || request.code || request.after || request.before);
  return (
    <div>
      <p>
        <strong>No papers match{request.q ? ` “${request.q}”` : ''}.</strong>
      </p>
      <ul>
        <li>Try fewer or more general words, or check the spelling.</li>
        {filtered ? (
          <li>
            <a href={searchPath({ q: request.q, sort: request.sort === 'newest' ? 'newest' : undefined })}>Search again without filters</a>.
          </li>
        ) : null}
        <li>A word with a minus (-word) leaves papers out; take it away to see them.</li>
      </ul>
    </div>
  );
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
