// The HTML pages: parse the request, ask the services, render. Handlers stay
// short; what they show is in pages/*.tsx.
import { Hono, type Context } from 'hono';
import type { Services } from '../../services.ts';
import { AppError } from '../../errors.ts';
import { toBibtex } from '../../domain/bibtex.ts';
import type { SearchHit } from '../../search/hits.ts';
import { renderToString, send, TYPES } from '../respond.ts';
import { sendViewerPage, withViewer } from '../render.tsx';
import type { WebEnv } from '../session.ts';
import { hasSearchInput, readSearchRequest, toSearchOptions } from '../search-params.ts';
import { dailyPath, paperPath } from '../paths.ts';
import { formOf, readWindow } from '../params.ts';
import { setCookie } from 'hono/cookie';
import { checkedDay, dayOf } from '../../domain/days.ts';
import { safePath } from '../../accounts/accounts.ts';
import { DailyPapersPage } from '../pages/daily.tsx';
import { AuthorPapersPage } from '../pages/author.tsx';
import { LIST_VIEW_COOKIE } from '../render.tsx';
import { HomePage } from '../pages/home.tsx';
import { SearchPage, SearchResults, type SearchView } from '../pages/search.tsx';
import { PaperPage } from '../pages/paper.tsx';
import { AboutPage } from '../pages/about.tsx';
import { StatusPage } from '../pages/status.tsx';
import type { ListedPaper } from '../pages/paper-list.tsx';
import { followOfSearch } from '../../domain/digest-preferences.ts';
import type { Viewer } from '../../domain/viewer.ts';

/** Papers per page of each list. */
export const PAGE_SIZES = { trending: 20, daily: 30, similar: 8, author: 30 };
export type PageSizes = typeof PAGE_SIZES;

export function pageRoutes(services: Services, sizes: PageSizes = PAGE_SIZES): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  const statusLine = services.status.statusLineReader();
  const page = (c: Context<WebEnv>, element: Parameters<typeof sendViewerPage>[2]) => sendViewerPage(c, services, element);

  app.get('/', async (c) => {
    const date = c.req.query('date');
    if (date) return c.redirect(dailyPath(checkedDay(date)), 301);
    const window = readWindow(c.req.query('window'));
    const trending = await services.trending.trendingPapers(window, sizes.trending, c.req.query('cursor') || null);
    const subscribe = { delivers: services.digest.delivers, subscribed: await services.digest.isSubscribed(c.get('viewer')) };
    const latestDay = await services.daily.latestDay();
    return page(
      c,
      <HomePage
        trending={trending}
        latestDay={latestDay}
        pageSize={sizes.trending}
        statusLine={await statusLine()}
        subscribe={subscribe}
      />,
    );
  });

  app.get('/daily', async (c) => {
    const date = c.req.query('date');
    return c.redirect(dailyPath(date ? checkedDay(date) : ((await services.daily.latestDay())?.day ?? dayOf(Date.now()))));
  });

  app.get('/daily/:date', async (c) => {
    const daily = await services.daily.dailyPapers(c.req.param('date'), sizes.daily, c.req.query('cursor') || null);
    return page(c, <DailyPapersPage daily={daily} pageSize={sizes.daily} statusLine={await statusLine()} />);
  });

  app.post('/view', async (c) => {
    const form = await formOf(c);
    const view = form.view === 'compact' ? 'compact' : 'full';
    const viewer = c.get('viewer');
    if (viewer) await services.accounts.setListView(viewer, view);
    setCookie(c, LIST_VIEW_COOKIE, view, { path: '/', sameSite: 'Lax', maxAge: 365 * 24 * 3600 });
    return c.redirect(safePath(form.next ?? '/'), 303);
  });

  app.get('/search', async (c) => {
    const request = readSearchRequest(c.req.query());
    const result = hasSearchInput(request) ? await services.search.searchPapers(request.q, toSearchOptions(request)) : null;
    const fragment = Boolean(c.req.query('fragment'));
    // A query naming a stored paper opens it; while typing, it is shown as the one result instead.
    if (result?.paperId && !fragment) return c.redirect(paperPath(result.paperId));
    const papers = result?.paperId
      ? await services.papers.cards([result.paperId])
      : result
        ? await listedHits(services, result.hits)
        : null;
    const follow = result ? await followOffer(services, c.get('viewer'), request.q, request.cat) : null;
    const view: SearchView = {
      request,
      papers,
      notes: result?.notes ?? [],
      nextCursor: result?.nextCursor ?? null,
      previousCursor: result?.previousCursor ?? null,
      matched: result?.paperId ? { count: 1, more: false } : (result?.matched ?? null),
      withoutFilters: result?.withoutFilters ?? null,
      follow,
    };
    if (fragment) return send(c, await renderToString(withViewer(c, services, <SearchResults view={view} />)), TYPES.html);
    return page(c, <SearchPage view={view} statusLine={await statusLine()} />);
  });

  app.get('/papers/:id{.+}', async (c) => {
    const id = c.req.param('id');
    const viewer = c.get('viewer');
    const found = await services.papers.lookUp(id, viewer ?? null);
    if (found.state === 'missing')
      throw new AppError(
        'not_found',
        `There is no paper ${id} here. If it is on arXiv, an operator can import it with "paperboy ingest arxiv-api --query id:${id}".`,
      );
    if (found.state === 'merged') return c.redirect(paperPath(found.into), 301);
    if (found.state === 'hidden') throw new AppError('not_found', `Paper ${id} was hidden by the admins of this hub.`);
    const { paper, brief } = found;
    const similarHits = await services.search.similarPapers(id, sizes.similar, { asAdmin: true });
    const similar = await services.papers.briefs(similarHits.map((hit) => hit.id));
    const collections = viewer ? await services.library.collectionNames(viewer.account.id) : null;
    const canonical = new URL(paperPath(id), c.req.url).href;
    return page(
      c,
      <PaperPage view={{ paper, brief, bibtex: toBibtex(paper), similar, canonical, collections }} statusLine={await statusLine()} />,
    );
  });

  app.get('/authors/:name{.+}', async (c) => {
    const author = await services.authors.authorPage(c.req.param('name'), sizes.author, c.req.query('cursor') || null);
    const follow = await followOffer(services, c.get('viewer'), `author:"${author.name}"`, '');
    return page(c, <AuthorPapersPage view={{ author, pageSize: sizes.author, follow }} statusLine={await statusLine()} />);
  });

  app.get('/about', async (c) => page(c, <AboutPage statusLine={await statusLine()} semantic={services.backgroundEmbedding !== null} />));
  app.get('/status', async (c) => page(c, <StatusPage status={await services.status.hubStatus()} />));
  return app;
}

/** What a search page offers to follow, and whether the signed-in reader already does. */
async function followOffer(services: Services, viewer: Viewer | null, q: string, cat: string): Promise<SearchView['follow']> {
  const follow = followOfSearch(q, cat);
  if (!follow) return null;
  const follows = viewer ? (await services.digest.termsOf(viewer)).follows : [];
  return { follow, following: follows.some((known) => known.kind === follow.kind && known.value === follow.value) };
}

/** Search hits as listing entries: the card's fields with the hit's marked title and snippet. */
export async function listedHits(services: Services, hits: SearchHit[]): Promise<ListedPaper[]> {
  const cards = new Map((await services.papers.cards(hits.map((hit) => hit.id))).map((card) => [card.id, card]));
  return hits.flatMap((hit) => {
    const card = cards.get(hit.id);
    return card ? [{ ...card, titleHtml: hit.titleHtml, snippetHtml: hit.snippetHtml }] : [];
  });
}
