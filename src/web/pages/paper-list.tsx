// One listing entry, as every list shows it: title, authors, first lines of
// the abstract (not in the compact view), the vote count, comments,
// categories, code link with stars, Save. Each card is an anchor (#paper-ID).
import { html, raw } from 'hono/html';
import type { PaperBrief, PaperCard } from '../../papers/papers.ts';
import { excerpt, texToHtml } from '../../domain/tex.ts';
import { authorPath, paperPath, searchPath } from '../paths.ts';
import type { OffsetPage } from '../../domain/cursor.ts';
import { SavePart, VotePart } from './paper-actions.tsx';
import { cardAnchor, useViewer } from './viewer.tsx';

const SHOWN_AUTHORS = 5;
const EXCERPT_WORDS = 45;

export interface ListedPaper extends PaperCard {
  /** Title and excerpt as HTML with matches marked (search results). */
  titleHtml?: string;
  snippetHtml?: string;
}

export interface PaperListProps {
  papers: ListedPaper[];
  /** The number of the first paper. */
  start?: number;
  /** Shown above each title when given, e.g. "#1 paper of the day". */
  rankLabel?: (rank: number) => string;
}

export function PaperList({ papers, start = 1, rankLabel }: PaperListProps) {
  const compact = useViewer().compact;
  return (
    <ol id="papers" tabindex={-1} class={compact ? 'papers compact' : 'papers'} start={start} data-cards>
      {papers.map((paper, index) => (
        <PaperItem paper={paper} rank={rankLabel?.(start + index)} compact={compact} />
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

function PaperItem({ paper, rank, compact }: { paper: ListedPaper; rank: string | undefined; compact: boolean }) {
  return (
    <li id={cardAnchor(paper.id)} tabindex={-1}>
      {rank ? <div class="rank">{rank}</div> : null}
      <a class="paper-title" href={paperPath(paper.id)}>
        {raw(paper.titleHtml ?? texToHtml(paper.title))}
      </a>
      <div class="meta">
        <Authors names={paper.authors} /> ·{' '}
        <time datetime={paper.publishedAt ?? undefined}>{paper.publishedAt?.slice(0, 10) ?? 'undated'}</time>
      </div>
      {compact ? null : <p class="excerpt">{raw(paper.snippetHtml ?? texToHtml(excerpt(paper.abstract, EXCERPT_WORDS)))}</p>}
      <div class="tags">
        <VotePart paper={paper} />
        {paper.comments ? <Comments paper={paper} /> : null}
        {compact
          ? null
          : paper.categories.slice(0, 4).map((category) => <a href={searchPath({ q: `cat:${category}`, sort: 'newest' })}>{category}</a>)}
        {paper.codeUrl ? <CodeLink url={paper.codeUrl} stars={paper.stars} /> : null}
        <SavePart paper={paper} place="card" collections={null} />
      </div>
    </li>
  );
}

/** Comments are Hugging Face's (the one source that counts them): the count links to the discussion there. */
function Comments({ paper }: { paper: ListedPaper }) {
  const count = paper.comments ?? 0;
  return (
    <a href={`https://huggingface.co/papers/${encodeURIComponent(paper.id)}#community`} rel="noopener">
      {count} {count === 1 ? 'comment' : 'comments'}
      <span class="sr-only"> on Hugging Face</span>
    </a>
  );
}

/**
 * The first authors, each a link to their page. Written with the html helper (which escapes every
 * value as JSX does): five links on every card of every list cost ten JSX nodes each time otherwise.
 */
export function Authors({ names }: { names: string[] }) {
  if (!names.length) return <span>Unknown authors</span>;
  const links = names
    .slice(0, SHOWN_AUTHORS)
    .map((name, index) => html`${index ? ', ' : ''}<a class="author" href="${authorPath(name)}">${name}</a>`);
  return html`<span>${links}${names.length > SHOWN_AUTHORS ? ' et al.' : ''}</span>`;
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

/** Links to the pages before and after one page of an offset list ("← Previous 20", "Next 20 →"). */
export function OffsetPager(props: {
  page: OffsetPage;
  total: number;
  shown: number;
  pageSize: number;
  label: string;
  link: (cursor: string) => string;
}) {
  const { page, total, shown, pageSize, link } = props;
  return (
    <nav class="pager" aria-label={props.label}>
      {page.previousCursor ? <a href={link(page.previousCursor)}>← Previous {Math.min(pageSize, page.offset)}</a> : null}
      {page.nextCursor ? <a href={link(page.nextCursor)}>Next {Math.min(pageSize, total - page.offset - shown)} →</a> : null}
    </nav>
  );
}

export function papersCount(count: number): string {
  return `${count.toLocaleString('en')} ${count === 1 ? 'paper' : 'papers'}`;
}
