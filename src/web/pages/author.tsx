// An author's page: their papers newest first (paged), the names the papers
// write them under, frequent co-authors and categories, a feed, and Follow
// for the digest.
import type { AuthorPage } from '../../authors/authors.ts';
import type { Follow } from '../../domain/digest-preferences.ts';
import { Layout } from './layout.tsx';
import { OffsetPager, PaperList, papersCount } from './paper-list.tsx';
import { ListViewSwitch } from './list-view.tsx';
import { FollowButton } from './digest.tsx';
import { authorPath, searchPath, withQuery } from '../paths.ts';

export interface AuthorView {
  author: AuthorPage;
  pageSize: number;
  follow: { follow: Follow; following: boolean } | null;
}

export function AuthorPapersPage({ view, statusLine }: { view: AuthorView; statusLine: string | null }) {
  const { author } = view;
  const feed = withQuery('/authors.atom', { name: author.name });
  const others = author.variants.filter((variant) => variant.name !== author.name);
  return (
    <Layout
      title={author.name}
      description={`Papers by ${author.name}`}
      section={null}
      statusLine={statusLine}
      feeds={[{ title: `Papers by ${author.name} (Atom)`, href: feed, type: 'atom' }]}
      paperList
    >
      <h1>{author.name}</h1>
      <p class="muted">
        {papersCount(author.total)} here
        {others.length ? `; also written as ${others.map((variant) => `${variant.name} (${variant.papers})`).join(', ')}` : ''}.{' '}
        <a href={feed}>Feed of new papers</a>
      </p>
      {view.follow ? <FollowButton follow={view.follow.follow} following={view.follow.following} /> : null}
      <div class="author-columns">
        <section aria-labelledby="author-papers">
          <div class="list-head">
            <h2 id="author-papers">Papers, newest first</h2>
            <ListViewSwitch />
          </div>
          <PaperList papers={author.papers} start={author.offset + 1} />
          <OffsetPager
            page={author}
            total={author.total}
            shown={author.papers.length}
            pageSize={view.pageSize}
            label="Pages of papers"
            link={(cursor) => withQuery(authorPath(author.name), { cursor })}
          />
        </section>
        <aside aria-label="About this author">
          <Coauthors author={author} />
          <Categories author={author} />
        </aside>
      </div>
    </Layout>
  );
}

function Coauthors({ author }: { author: AuthorPage }) {
  if (!author.coauthors.length) return null;
  return (
    <>
      <h2>Frequent co-authors</h2>
      <ul class="plain">
        {author.coauthors.map((coauthor) => (
          <li>
            <a href={authorPath(coauthor.name)}>{coauthor.name}</a> <span class="muted">({coauthor.papers})</span>
          </li>
        ))}
      </ul>
    </>
  );
}

function Categories({ author }: { author: AuthorPage }) {
  if (!author.categories.length) return null;
  return (
    <>
      <h2>Categories</h2>
      <ul class="plain">
        {author.categories.map(({ category, papers }) => (
          <li>
            <a href={searchPath({ q: `cat:${category}`, sort: 'newest' })}>{category}</a> <span class="muted">({papers})</span>
          </li>
        ))}
      </ul>
    </>
  );
}
