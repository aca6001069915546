// The home page: newest papers, or search results with highlighted snippets.
import { raw } from 'hono/html';
import type { PaperSummary } from '../../db/papers-read.ts';
import type { SearchResult } from '../../search/search.ts';

interface HomeProps {
  query: string;
  result: SearchResult | null;
  newest: PaperSummary[];
  total: number;
}

const STYLE = 'body{font:16px/1.5 system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem}li{margin:0 0 1rem}small{color:#555}mark{background:#fe8}';

function paperLink(id: string, title: unknown) {
  return id.includes(':') ? <strong>{title}</strong> : <a href={`https://arxiv.org/abs/${id}`}>{title}</a>;
}

function Results({ result }: { result: SearchResult }) {
  if (!result.hits.length) {
    return (
      <p>
        No papers match. Try fewer words, or check the spelling. {result.notes.join(' ')}
      </p>
    );
  }
  return (
    <ol>
      {result.hits.map((hit) => (
        <li>
          {paperLink(hit.id, raw(hit.titleHtml))}
          <br />
          <small>
            {hit.authors.join(', ')} · {hit.primaryCategory ?? ''} · {hit.publishedAt?.slice(0, 10) ?? ''}
          </small>
          <p>{raw(hit.snippetHtml)}</p>
        </li>
      ))}
    </ol>
  );
}

export function HomePage({ query, result, newest, total }: HomeProps) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{query ? `${query} · paperboy` : 'paperboy'}</title>
        <style>{STYLE}</style>
      </head>
      <body>
        <header>
          <h1>
            <a href="/">paperboy</a>
          </h1>
          <form action="/" method="get" role="search">
            <input type="search" name="q" value={query} placeholder={`Search ${total.toLocaleString('en')} papers`} aria-label="Search papers" />
            <button type="submit">Search</button>
          </form>
        </header>
        <main>
          <h2>{result ? `Papers matching “${query}”` : 'Newest papers'}</h2>
          {result ? (
            <Results result={result} />
          ) : (
            <ol>
              {newest.map((paper) => (
                <li>
                  {paperLink(paper.id, paper.title)}
                  <br />
                  <small>
                    {paper.authors.join(', ')} · {paper.primaryCategory ?? ''} · {paper.publishedAt?.slice(0, 10) ?? ''}
                  </small>
                </li>
              ))}
            </ol>
          )}
        </main>
        <footer>
          <small>
            <a href="/status">Status</a>
          </small>
        </footer>
      </body>
    </html>
  );
}
