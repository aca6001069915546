// The home page: newest papers, or keyword matches when there is a query.
import type { PaperSummary } from '../../db/papers-read.ts';

interface HomeProps {
  query: string;
  papers: PaperSummary[];
  total: number;
}

export function HomePage({ query, papers, total }: HomeProps) {
  const heading = query ? `${papers.length} papers matching “${query}”` : 'Newest papers';
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{query ? `${query} · paperboy` : 'paperboy'}</title>
        <style>{'body{font:16px/1.5 system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem}li{margin:0 0 1rem}small{color:#555}'}</style>
      </head>
      <body>
        <header>
          <h1><a href="/">paperboy</a></h1>
          <form action="/" method="get" role="search">
            <input type="search" name="q" value={query} placeholder={`Search ${total.toLocaleString('en')} papers`} aria-label="Search papers" />
            <button type="submit">Search</button>
          </form>
        </header>
        <main>
          <h2>{heading}</h2>
          <ol>
            {papers.map((paper) => (
              <li>
                {paper.id.includes(':') ? <strong>{paper.title}</strong> : <a href={`https://arxiv.org/abs/${paper.id}`}>{paper.title}</a>}
                <br />
                <small>
                  {paper.authors.join(', ')} · {paper.primaryCategory ?? ''} · {paper.publishedAt?.slice(0, 10) ?? ''}
                </small>
              </li>
            ))}
          </ol>
        </main>
      </body>
    </html>
  );
}
