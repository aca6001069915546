// A paper's page: title, authors, a row of actions (vote, PDF, arXiv, code
// with stars, project page, DOI, save, cite), the whole abstract with its math
// and links, dates, categories, a BibTeX box to copy, and similar papers.
import { raw } from 'hono/html';
import type { PaperDetail } from '../../papers/papers.ts';
import type { PaperBrief } from '../../papers/papers.ts';
import { texToHtml, texToHtmlLinked, texToText } from '../../domain/tex.ts';
import { Layout } from './layout.tsx';
import { BriefList, CodeLink, formatCount } from './paper-list.tsx';
import { authorPath, searchPath } from '../paths.ts';
import { SavePart, VotePart, type ActedPaper } from './paper-actions.tsx';
import type { SavedIn } from '../../library/library.ts';
import { FormGuard, useViewer } from './viewer.tsx';
import { paperPath } from '../paths.ts';

export interface PaperView {
  paper: PaperDetail;
  /** The paper's own brief, for its stars and upvotes. */
  brief: PaperBrief;
  bibtex: string;
  similar: PaperBrief[];
  /** The reader's collections, or null when signed out. */
  collections: SavedIn[] | null;
  canonical: string;
}

const LINK_LABELS = { abs: 'arXiv', pdf: 'PDF', doi: 'DOI', code: 'Code', project: 'Project page' } as const;
/** The order links take in the row of actions. */
const LINK_ORDER = ['pdf', 'abs', 'code', 'project', 'doi'] as const;

export function PaperPage({ view, statusLine }: { view: PaperView; statusLine: string | null }) {
  const { paper } = view;
  return (
    <Layout
      title={texToText(paper.title)}
      description={texToText(paper.abstract).slice(0, 200)}
      section={null}
      statusLine={statusLine}
      canonical={view.canonical}
    >
      <article>
        {paper.hiddenAt ? (
          <p class="notice" role="status">
            Hidden by the admins on {paper.hiddenAt.slice(0, 10)}: only admins see this page.
          </p>
        ) : null}
        <h1>{raw(texToHtml(paper.title))}</h1>
        <p class="authors">
          {paper.authors.map((name, index) => (
            <>
              {index ? ', ' : ''}
              <a href={authorPath(name)}>{name}</a>
            </>
          ))}
        </p>
        <Actions view={view} />
        <section aria-labelledby="abstract-heading">
          <h2 id="abstract-heading">Abstract</h2>
          {paper.abstract.split('\n\n').map((paragraph) => (
            <p class="abstract">{raw(texToHtmlLinked(paragraph))}</p>
          ))}
        </section>
        <Facts view={view} />
        <Cite bibtex={view.bibtex} />
        <Moderation paper={paper} />
      </article>
      <section aria-labelledby="similar-heading">
        <h2 id="similar-heading">Similar papers</h2>
        {view.similar.length ? <BriefList papers={view.similar} /> : <p>No similar papers found here yet.</p>}
      </section>
    </Layout>
  );
}

function Facts({ view }: { view: PaperView }) {
  const { paper, brief } = view;
  return (
    <dl class="facts">
      <dt>Published</dt>
      <dd>{paper.publishedAt ? <time datetime={paper.publishedAt}>{paper.publishedAt.slice(0, 10)}</time> : 'unknown'}</dd>
      {paper.updatedAt && paper.updatedAt.slice(0, 10) !== paper.publishedAt?.slice(0, 10) ? (
        <>
          <dt>Updated</dt>
          <dd>
            <time datetime={paper.updatedAt}>{paper.updatedAt.slice(0, 10)}</time>
          </dd>
        </>
      ) : null}
      {paper.version ? (
        <>
          <dt>Version</dt>
          <dd>v{paper.version}</dd>
        </>
      ) : null}
      {paper.categories.length ? (
        <>
          <dt>Categories</dt>
          <dd>
            {paper.categories.map((category, index) => (
              <>
                {index ? ', ' : ''}
                <a href={searchPath({ q: `cat:${category}`, sort: 'newest' })}>{category}</a>
              </>
            ))}
          </dd>
        </>
      ) : null}
      {paper.journalRef ? (
        <>
          <dt>Journal</dt>
          <dd>{paper.journalRef}</dd>
        </>
      ) : null}
      {paper.comments ? (
        <>
          <dt>Comments</dt>
          <dd>{paper.comments}</dd>
        </>
      ) : null}
      {brief.comments ? (
        <>
          <dt>Discussion</dt>
          <dd>
            <a href={`https://huggingface.co/papers/${encodeURIComponent(paper.id)}#community`} rel="noopener">
              {formatCount(brief.comments)} {brief.comments === 1 ? 'comment' : 'comments'} on Hugging Face
            </a>
          </dd>
        </>
      ) : null}
      <dt>Permanent link</dt>
      <dd>
        <a href={view.canonical}>{view.canonical}</a>
      </dd>
    </dl>
  );
}

/** Vote, the paper's links in a fixed order (the first code link with its stars), save and cite: one row under the title. */
function Actions({ view }: { view: PaperView }) {
  const { paper, brief } = view;
  const acted: ActedPaper = { id: paper.id, title: paper.title, votes: brief.votes, upvotes: brief.upvotes };
  const links = LINK_ORDER.flatMap((kind) => paper.links.filter((link) => link.kind === kind));
  if (paper.doi && !links.some((link) => link.kind === 'doi')) links.push({ kind: 'doi', url: `https://doi.org/${paper.doi}` });
  const firstCode = links.find((link) => link.kind === 'code');
  return (
    <div class="actions" role="group" aria-label="Actions">
      <VotePart paper={acted} />
      {links.map((link) =>
        link.kind === 'code' ? (
          <CodeLink url={link.url} stars={link === firstCode ? brief.stars : null} />
        ) : (
          <a href={link.url} rel="noopener">
            {LINK_LABELS[link.kind]}
          </a>
        ),
      )}
      <SavePart paper={acted} place="page" collections={view.collections} />
      <a href="#cite-heading">Cite</a>
    </div>
  );
}

function Cite({ bibtex }: { bibtex: string }) {
  return (
    <section class="cite" aria-labelledby="cite-heading">
      <h2 id="cite-heading">Cite</h2>
      <label for="bibtex" class="muted">
        BibTeX
      </label>
      <textarea id="bibtex" readonly rows={bibtex.split('\n').length + 1}>
        {bibtex}
      </textarea>
      <p>
        <button type="button" data-copy="bibtex" hidden>
          Copy BibTeX
        </button>
        <span class="copied" role="status" />
      </p>
    </section>
  );
}

/** For admins: hide or show the paper, or merge it into the paper it duplicates. */
function Moderation({ paper }: { paper: PaperDetail }) {
  if (!useViewer().isAdmin) return null;
  const action = (verb: string) => `/admin${paperPath(paper.id)}/${verb}`;
  return (
    <section aria-labelledby="moderation-heading">
      <h2 id="moderation-heading">Moderation</h2>
      <form class="inline" method="post" action={action(paper.hiddenAt ? 'show' : 'hide')}>
        <FormGuard />
        <button type="submit">{paper.hiddenAt ? 'Show this paper again' : 'Hide this paper'}</button>
      </form>
      <form method="post" action={action('merge')}>
        <FormGuard />
        <label>
          Duplicate of <input name="into" placeholder="2506.16500" size={14} required />
        </label>{' '}
        <button type="submit">Merge into that paper</button>
      </form>
    </section>
  );
}
