// One listing entry, as every list shows it: title, authors, first lines of
// the abstract (not in the compact view), the vote count, comments,
// categories, code link with stars, Save. Each card is an anchor (#paper-ID).
import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { PaperBrief, PaperCard } from '../../papers/papers.ts';
import { excerpt, texToHtml } from '../../domain/tex.ts';
import { authorPath, paperPath, searchPath } from '../paths.ts';
import type { OffsetPage } from '../../domain/cursor.ts';
import { savePart, votePart } from './paper-actions.tsx';
import { cardAnchor, useViewer, type PageViewer } from './viewer.tsx';

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
  /** Shown at the foot of each card when given (why a paper is recommended). */
  after?: (paper: ListedPaper) => CardPart;
}

type CardPart = HtmlEscapedString | Promise<HtmlEscapedString>;

export async function PaperList({ papers, start = 1, rankLabel, after }: PaperListProps) {
  const viewer = useViewer();
  await viewer.preload(papers.map((paper) => paper.id));
  return (
    <ol id="papers" tabindex={-1} class={viewer.compact ? 'papers compact' : 'papers'} start={start} data-cards>
      {papers.map((paper, index) => paperItem(viewer, paper, rankLabel?.(start + index), after?.(paper) ?? ''))}
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

/** A card: written with the html helper (which escapes every value as JSX does), as lists draw dozens of them. */
function paperItem(viewer: PageViewer, paper: ListedPaper, rank: string | undefined, foot: CardPart | '') {
  const rankLine = rank ? html`<div class="rank">${rank}</div>` : '';
  const title = html`<a class="paper-title" href="${paperPath(paper.id)}">${raw(paper.titleHtml ?? texToHtml(paper.title))}</a>`;
  const meta = html`<div class="meta">${Authors({ names: paper.authors })} · ${publishedTime(paper.publishedAt)}</div>`;
  const snippet = paper.snippetHtml ?? texToHtml(excerpt(paper.abstract, EXCERPT_WORDS));
  const excerptLine = viewer.compact ? '' : html`<p class="excerpt">${raw(snippet)}</p>`;
  return html`<li id="${cardAnchor(paper.id)}" tabindex="-1">${rankLine}${title}${meta}${excerptLine}${cardTags(viewer, paper)}${foot}</li>`;
}

/** The card's line of counts, categories, code and Save. */
function cardTags(viewer: PageViewer, paper: ListedPaper) {
  const categories = viewer.compact ? [] : paper.categories.slice(0, 4).map(categoryLink);
  const code = paper.codeUrl ? CodeLink({ url: paper.codeUrl, stars: paper.stars }) : '';
  const commentCount = paper.comments ? comments(paper) : '';
  return html`<div class="tags">${votePart(viewer, paper)}${commentCount}${categories}${code}${savePart(viewer, paper, 'card', null)}</div>`;
}

function categoryLink(category: string) {
  return html`<a href="${searchPath({ q: `cat:${category}`, sort: 'newest' })}">${category}</a>`;
}

function publishedTime(publishedAt: string | null) {
  return publishedAt ? html`<time datetime="${publishedAt}">${publishedAt.slice(0, 10)}</time>` : html`<time>undated</time>`;
}

/** Comments are Hugging Face's (the one source that counts them): the count links to the discussion there. */
function comments(paper: ListedPaper) {
  const count = paper.comments ?? 0;
  const href = `https://huggingface.co/papers/${encodeURIComponent(paper.id)}#community`;
  return html`<a href="${href}" rel="noopener">${count} ${count === 1 ? 'comment' : 'comments'}<span class="sr-only"> on Hugging Face</span></a>`;
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
  return html`<a href="${url}" rel="noopener">code${stars !== null ? ` ★ ${formatCount(stars)}` : ''}</a>`;
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
