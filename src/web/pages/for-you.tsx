// The home page's "For you" tab: new papers for the signed-in reader from the
// papers they saved and voted for and the authors and categories they follow,
// each saying why, each with "Not interested". A reader with nothing to go on
// (or signed out) is told how to get recommendations instead.
import { html } from 'hono/html';
import type { TrendingWindow } from '../../domain/trending.ts';
import type { RecommendationPage } from '../../recommend/recommend.ts';
import type { Reason } from '../../domain/recommend-ranking.ts';
import { howChosen, shortTitle } from '../../domain/recommend-reasons.ts';
import { texToText } from '../../domain/tex.ts';
import { Layout } from './layout.tsx';
import { PaperList, type ListedPaper } from './paper-list.tsx';
import { ListViewSwitch } from './list-view.tsx';
import { FormGuard, guardFields, useViewer, type PageViewer } from './viewer.tsx';
import { HomeTabs, WindowTabs } from './home.tsx';
import { withQuery } from '../paths.ts';
import { longDate } from './daily.tsx';

export interface ForYouProps {
  /** Null when signed out. */
  page: RecommendationPage | null;
  /** The reader's collections, to recommend from one. */
  collections: { id: number; name: string }[];
  /** A paper just marked "not interested", to undo. */
  marked: { paperId: string; title: string } | null;
  statusLine: string | null;
}

export function ForYouPage({ page, collections, marked, statusLine }: ForYouProps) {
  return (
    <Layout
      title="For you · paperboy"
      description="New papers for you"
      section="home"
      statusLine={statusLine}
      paperList={Boolean(page?.papers.length)}
    >
      <h1 id="for-you-heading">New papers for you</h1>
      <HomeTabs current="for-you" />
      {page ? <Recommendations page={page} collections={collections} marked={marked} /> : <SignedOut />}
    </Layout>
  );
}

function Recommendations({ page, collections, marked }: Omit<ForYouProps, 'page' | 'statusLine'> & { page: RecommendationPage }) {
  return (
    <>
      {marked ? <UndoMark marked={marked} /> : null}
      <WindowTabs current={page.window} label="Window" link={(window) => forYouPath(window, page.collection?.id ?? null)} />
      <SeedChoice page={page} collections={collections} />
      {page.papers.length ? <RecommendedList page={page} /> : <Empty page={page} />}
    </>
  );
}

function RecommendedList({ page }: { page: RecommendationPage }) {
  const viewer = useViewer();
  const reasons = new Map(page.papers.map((paper) => [paper.card.id, paper.reasons]));
  const papers: ListedPaper[] = page.papers.map((paper) => paper.card);
  return (
    <section aria-label="Recommended papers">
      <div class="list-head">
        <p class="muted">
          {page.papers.length} new {page.papers.length === 1 ? 'paper' : 'papers'} for you, published {period(page)}.{' '}
          <a href="/about#recommendations">How these are chosen</a>
        </p>
        <ListViewSwitch />
      </div>
      <PaperList papers={papers} after={(paper) => cardFooter(viewer, paper, reasons.get(paper.id) ?? [])} />
    </section>
  );
}

/** Why the paper is here, and "Not interested". */
function cardFooter(viewer: PageViewer, paper: ListedPaper, reasons: Reason[]) {
  const why = reasons.map((reason, index) => html`${index ? ' · ' : ''}${reasonHtml(reason)}`);
  const label = html`Not interested<span class="sr-only"> in “${texToText(paper.title)}”</span>`;
  const form = html`<form class="not-interested" method="post" action="/for-you/not-interested">${guardFields(viewer, 'papers')}<input type="hidden" name="paper" value="${paper.id}"/><button type="submit">${label}</button></form>`;
  return html`<div class="why">${why.length ? html`<p>Why: ${why}</p>` : ''}${form}</div>`;
}

function reasonHtml(reason: Reason) {
  switch (reason.kind) {
    case 'like':
      return html`like <em>${shortTitle(texToText(reason.title))}</em>, ${howChosen(reason.source)}`;
    case 'author':
      return html`by ${reason.name}, whom you follow`;
    case 'category':
      return html`new in ${reason.category}, which you follow`;
  }
}

function UndoMark({ marked }: { marked: { paperId: string; title: string } }) {
  return (
    <form class="notice" method="post" action="/for-you/not-interested/undo" role="status">
      <FormGuard />
      <input type="hidden" name="paper" value={marked.paperId} />
      <p>
        “{shortTitle(texToText(marked.title))}” will not be recommended again, and papers like it come lower.{' '}
        <button type="submit">Undo</button>
      </p>
    </form>
  );
}

function SeedChoice({ page, collections }: { page: RecommendationPage; collections: { id: number; name: string }[] }) {
  if (!collections.length) return null;
  return (
    <form class="seed" method="get" action="/for-you">
      <input type="hidden" name="window" value={page.window} />
      <label for="seed">Recommend from</label>{' '}
      <select id="seed" name="from">
        <option value="" selected={!page.collection}>
          everything you saved, voted for and follow
        </option>
        {collections.map((collection) => (
          <option value={String(collection.id)} selected={page.collection?.id === collection.id}>
            your collection {collection.name}
          </option>
        ))}
      </select>{' '}
      <button type="submit">Show</button>
    </form>
  );
}

function Empty({ page }: { page: RecommendationPage }) {
  const { liked, authors, categories } = page.signals;
  if (!liked && !authors && !categories) return <HowToGetThem />;
  return (
    <p>
      Nothing new for you {period(page)}: you have seen every paper like yours, or none arrived.{' '}
      {page.window === 'month' ? '' : 'Try a longer window.'}
    </p>
  );
}

function HowToGetThem() {
  return (
    <section class="explain" aria-label="How to get recommendations">
      <p>Recommendations come from what you choose here. To get them:</p>
      <ul>
        <li>save papers you like (Save on any paper), or vote for them;</li>
        <li>follow authors (on an author's page) or categories (from a search such as cat:cs.SD);</li>
        <li>mark a paper “Not interested” to see fewer like it.</li>
      </ul>
      <p>
        Each paper then says why it is here. Nothing leaves this hub: <a href="/about#recommendations">how they are chosen</a>.
      </p>
    </section>
  );
}

function SignedOut() {
  return (
    <section class="explain" aria-label="How to get recommendations">
      <p>
        <a href="/signin?next=%2Ffor-you">Sign in</a> to see new papers chosen for you from the papers you save and vote for and the authors
        and categories you follow, each saying why it is there.
      </p>
      <p>
        No password: a sign-in link comes by mail. <a href="/about#recommendations">How recommendations are chosen</a>
      </p>
    </section>
  );
}

function period(page: RecommendationPage): string {
  return page.from === page.to ? `on ${longDate(page.to)}` : `from ${longDate(page.from)} to ${longDate(page.to)}`;
}

export function forYouPath(window: TrendingWindow, collectionId: number | null, marked?: string): string {
  return withQuery('/for-you', {
    window: window === 'week' ? undefined : window,
    from: collectionId === null ? undefined : String(collectionId),
    marked,
  });
}
