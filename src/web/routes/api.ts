// The JSON API under /api: search with filters, a paper, similar papers,
// trending, daily papers, status. Lists page with opaque cursors; errors
// have one shape, made in app.ts.
import { Hono, type Context } from 'hono';
import { requireViewer, type WebEnv } from '../session.ts';
import { cors } from 'hono/cors';
import type { Services } from '../../services.ts';
import type { PaperCard } from '../../papers/papers.ts';
import { AppError } from '../../errors.ts';
import { toBibtex } from '../../domain/bibtex.ts';
import { readSearchRequest, toSearchOptions, readLimit, hasSearchInput, SEARCH_PARAMETERS } from '../search-params.ts';
import { readWindow, refuseUnknownParameters } from '../params.ts';
import { paperPath } from '../paths.ts';
import { CACHE, send, sendJson, TYPES } from '../respond.ts';
import { reasonText } from '../../domain/recommend-reasons.ts';
import { collectionIdOf } from './library.tsx';
import { OPENAPI_DOCUMENT } from '../openapi.ts';

const DEFAULT_LIMIT = 20;

/** The query parameters each route reads; any other is refused, so a misspelt filter is not silently ignored. */
export const API_PARAMETERS: Record<string, readonly string[]> = {
  '/api/papers': SEARCH_PARAMETERS,
  '/api/papers/:id': [],
  '/api/papers/:id/similar': ['limit'],
  '/api/trending': ['window', 'limit', 'cursor'],
  '/api/daily': ['date', 'limit', 'cursor'],
  '/api/recommendations': ['window', 'from', 'limit'],
  '/api/status': [],
  '/api/library': [],
  '/api/library/:id': [],
  '/api/library/:id/export': ['format'],
  '/api/openapi.json': [],
};

export function apiRoutes(services: Services): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  app.use('*', cors({ origin: '*', allowMethods: ['GET', 'HEAD', 'OPTIONS'] }));
  /** Registers a GET route that first refuses parameters it does not read. */
  const get = (path: string, handler: (c: Context<WebEnv>) => Response | Promise<Response>) => {
    const known = API_PARAMETERS[`/api${path}`];
    if (!known) throw new Error(`API_PARAMETERS has no entry for /api${path}`);
    app.get(path, (c) => {
      refuseUnknownParameters(c.req.query(), known);
      return handler(c);
    });
  };
  const withUrls = (c: Context, cards: PaperCard[]) => cards.map((card) => ({ ...card, url: new URL(paperPath(card.id), c.req.url).href }));
  const limitOf = (c: Context) => (c.req.query('limit') === undefined ? DEFAULT_LIMIT : readLimit(c.req.query('limit')!));

  get('/papers', async (c) => {
    const request = readSearchRequest({ ...c.req.query(), limit: String(limitOf(c)) });
    if (!hasSearchInput(request)) throw new AppError('invalid', 'q: give a query or a filter (cat, code, after, before)');
    const result = await services.search.searchPapers(request.q, toSearchOptions(request));
    const scores = new Map(result.hits.map((hit) => [hit.id, hit.score]));
    const cards = await services.papers.cards(result.paperId ? [result.paperId] : result.hits.map((hit) => hit.id));
    const papers = withUrls(c, cards).map((paper) => ({ ...paper, score: scores.get(paper.id) ?? null }));
    const matched = result.paperId ? { count: 1, more: false } : result.matched;
    return sendJson(c, { papers, nextCursor: result.nextCursor, previousCursor: result.previousCursor, matched, notes: result.notes });
  });

  get('/papers/:id', async (c) => {
    const id = paperIdOf(c);
    const found = await services.papers.lookUp(id, c.get('viewer') ?? null);
    if (found.state === 'merged') throw new AppError('not_found', `paper ${id} was merged into ${found.into}`);
    if (found.state !== 'shown') throw new AppError('not_found', `no paper ${id}`);
    const { paper, brief } = found;
    const { hiddenAt: _hidden, mergedInto: _merged, ...shown } = paper;
    const url = new URL(paperPath(id), c.req.url).href;
    return sendJson(c, {
      ...shown,
      url,
      codeUrl: brief.codeUrl,
      stars: brief.stars,
      upvotes: brief.upvotes,
      votes: brief.votes,
      bibtex: toBibtex(paper),
    });
  });

  get('/papers/:id/similar', async (c) => {
    const ids = (await services.search.similarPapers(paperIdOf(c), limitOf(c))).map((hit) => hit.id);
    return sendJson(c, { papers: withUrls(c, await services.papers.cards(ids)) });
  });

  get('/trending', async (c) => {
    const page = await services.trending.trendingPapers(readWindow(c.req.query('window')), limitOf(c), c.req.query('cursor') ?? null);
    return sendJson(c, {
      window: page.window,
      asOf: page.asOf,
      sources: page.sources,
      total: page.total,
      papers: withUrls(c, page.papers),
      nextCursor: page.nextCursor,
    });
  });

  get('/daily', async (c) => {
    const daily = await services.daily.dailyPapers(c.req.query('date') || null, limitOf(c), c.req.query('cursor') ?? null);
    const { day, quietReason, previousDay, nextDay, total, nextCursor } = daily;
    return sendJson(c, {
      date: day,
      quietReason,
      previousDate: previousDay,
      nextDate: nextDay,
      total,
      papers: withUrls(c, daily.papers),
      nextCursor,
    });
  });

  app.post('/papers/:id/vote', async (c) => {
    const viewer = requireViewer(c);
    const body = (await c.req.json().catch(() => null)) as { voted?: unknown } | null;
    if (typeof body?.voted !== 'boolean') throw new AppError('invalid', 'send {"voted": true} or {"voted": false}');
    const votes = await services.votes.vote(viewer.account.id, paperIdOf(c), body.voted);
    if (votes === null) throw new AppError('not_found', `no paper ${paperIdOf(c)}`);
    return c.json({ paperId: paperIdOf(c), voted: body.voted, votes });
  });

  get('/recommendations', async (c) => {
    const window = c.req.query('window') ? readWindow(c.req.query('window')) : 'week';
    const from = c.req.query('from');
    const page = await services.recommend.page(requireViewer(c).account, window, {
      collectionId: from ? collectionIdOf(from) : null,
      limit: limitOf(c),
    });
    const papers = page.papers.map(({ card, reasons }) => ({
      ...withUrls(c, [card])[0]!,
      reasons: reasons.map((reason) => ({ ...reason, text: reasonText(reason) })),
    }));
    const { window: shown, from: first, to, collection, signals } = page;
    return send(c, JSON.stringify({ window: shown, from: first, to, collection, signals, papers }), TYPES.json, CACHE.personal);
  });

  app.post('/papers/:id/not-interested', async (c) => {
    await services.recommend.markNotInterested(requireViewer(c), paperIdOf(c));
    return c.json({ paperId: paperIdOf(c), notInterested: true });
  });

  app.delete('/papers/:id/not-interested', async (c) => {
    const undone = await services.recommend.undoNotInterested(requireViewer(c), paperIdOf(c));
    return c.json({ paperId: paperIdOf(c), notInterested: false, undone });
  });

  get('/status', async (c) => sendJson(c, await services.status.hubStatus()));
  get('/openapi.json', (c) => sendJson(c, OPENAPI_DOCUMENT));
  return app;
}

function paperIdOf(c: Context): string {
  return c.req.param('id') ?? '';
}
