// One listing entry, as every list shows it: title, authors, first lines of
// the abstract, votes here, categories, code link with stars, upvotes.
import { raw } from 'hono/html';
import type { PaperBrief, PaperCard } from '../../papers/papers.ts';
import { excerpt, texToHtml } from '../../domain/tex.ts';
import { paperPath, searchPath } from '../paths.ts';
import { VoteButton } from './vote.tsx';

const SHOWN_AUTHORS = 5;
const EXCERPT_WORDS = 45;

export interface ListedPaper extends PaperCard {
  /** Title and excerpt as HTML with matches marked (search results). */
  titleHtml?: string;
  snippetHtml?: string;
}

export function PaperList({ papers, start = 1 }: { papers: ListedPaper[]; start?: number }) {
  return (
    <ol class="papers" start={start}>
      {papers.map((paper) => (
        <PaperItem paper={paper} />
      ))}
    </ol>
  );
}

/** Title, authors, date and code only: for short lists beside a paper. */
export function BriefList({ papers }: { papers: PaperBrief[] }) {
  return (
    <ol class="papers compact">
      {papers.map((paper) => (
        <BriefItem paper={paper} />
      ))}
    </ol>
  );
}

function BriefItem({ paper }: { paper: PaperBrief }) {
  return (
    <li>
      <a class="paper-title" href={paperPath(paper.id)}>
        {raw(texToHtml(paper.title))}
      </a>
      <div class="meta">
        <Authors names={paper.authors} /> ·{' '}
        <time datetime={paper.publishedAt ?? undefined}>{paper.publishedAt?.slice(0, 10) ?? 'undated'}</time>
        {paper.codeUrl ? (
          <>
            {' '}
            · <CodeLink url={paper.codeUrl} stars={paper.stars} />
          </>
        ) : null}
      </div>
    </li>
  );
}

function PaperItem({ paper }: { paper: ListedPaper }) {
  return (
    <li>
      <a class="paper-title" href={paperPath(paper.id)}>
        {raw(paper.titleHtml ?? texToHtml(paper.title))}
      </a>
      <div class="meta">
        <Authors names={paper.authors} /> ·{' '}
        <time datetime={paper.publishedAt ?? undefined}>{paper.publishedAt?.slice(0, 10) ?? 'undated'}</time>
      </div>
      <p class="excerpt">{raw(paper.snippetHtml ?? texToHtml(excerpt(paper.abstract, EXCERPT_WORDS)))}</p>
      <div class="tags">
        <VoteButton paperId={paper.id} votes={paper.votes} />
        {paper.categories.slice(0, 4).map((category) => (
          <a href={searchPath({ q: `cat:${category}`, sort: 'newest' })}>{category}</a>
        ))}
        {paper.codeUrl ? <CodeLink url={paper.codeUrl} stars={paper.stars} /> : null}
        {paper.upvotes ? <span title="Upvotes on Hugging Face">▲ {paper.upvotes} upvotes</span> : null}
      </div>
    </li>
  );
}

export function Authors({ names }: { names: string[] }) {
  const shown = names.slice(0, SHOWN_AUTHORS).join(', ');
  return <span>{names.length > SHOWN_AUTHORS ? `${shown} et al.` : shown || 'Unknown authors'}</span>;
}

export function CodeLink({ url, stars }: { url: string; stars: number | null }) {
  return (
    <a href={url} rel="noopener">
      code{stars !== null ? ` ★ ${formatCount(stars)}` : ''}
    </a>
  );
}

export function formatCount(value: number): string {
  return value >= 10_000 ? `${(value / 1000).toFixed(0)}k` : value >= 1000 ? `${(value / 1000).toFixed(1)}k` : String(value);
}
