// Feed routes: /trending, /daily, /authors (?name=) and /search as .atom and
// .rss, with the same parameters as their pages. Search feeds list the newest matches first.
import { Hono, type Context } from 'hono';
import type { Services } from '../../services.ts';
import type { PaperCard } from '../../papers/papers.ts';
import { readSearchRequest, toSearchOptions, hasSearchInput, searchParamsOf } from '../search-params.ts';
import { readWindow } from '../params.ts';
import { toAtom, toRss, type FeedDocument } from '../feeds.ts';
import { authorPath, dailyPath, paperPath, withQuery } from '../paths.ts';
import { CACHE, send, TYPES } from '../respond.ts';
import { reasonText } from '../../domain/recommend-reasons.ts';
import { AppError } from '../../errors.ts';

export const FEED_SIZE = 50;
const EPOCH = '1970-01-01T00:00:00.000Z';

type FeedContent = Pick<FeedDocument, 'title' | 'description' | 'papers' | 'notes'> & { pagePath: string; updated: string | null };

export function feedRoutes(services: Services): Hono {
  const app = new Hono();
  const feeds: Record<string, (c: Context) => Promise<FeedContent>> = {
    trending: async (c) => {
      const window = readWindow(c.req.query('window'));
      const trending = await services.trending.trendingPapers(window, FEED_SIZE);
      return {
        title: `Trending papers (${window})`,
        description: `The papers gaining the most attention this ${window}, on paperboy`,
        papers: trending.papers,
        pagePath: withQuery('/', { window }),
        updated: trending.asOf,
      };
    },
    daily: async (c) => {
      const daily = await services.daily.dailyPapers(c.req.query('date') || null, FEED_SIZE);
      return {
        title: `Papers of ${daily.day}`,
        description: `Papers published on ${daily.day}, most voted first`,
        papers: daily.papers,
        pagePath: dailyPath(daily.day),
        updated: `${daily.day}T00:00:00.000Z`,
      };
    },
    authors: async (c) => {
      const name = c.req.query('name');
      if (!name) throw new AppError('invalid', 'name: an author feed needs a name, e.g. /authors.atom?name=Ada+Lovelace');
      const author = await services.authors.authorPage(name, FEED_SIZE);
      return {
        title: `Papers by ${author.name}`,
        description: `New papers by ${author.name} on paperboy`,
        papers: author.papers,
        pagePath: authorPath(author.name),
        updated: author.papers[0]?.publishedAt ?? null,
      };
    },
    search: async (c) => {
      const request = readSearchRequest({ sort: 'newest', ...c.req.query(), cursor: undefined, limit: String(FEED_SIZE) });
      if (!hasSearchInput(request)) throw new AppError('invalid', 'q: a search feed needs a query, e.g. /search.atom?q=speech');
      const result = await services.search.searchPapers(request.q, toSearchOptions(request));
      const papers = await services.papers.cards(result.paperId ? [result.paperId] : result.hits.map((hit) => hit.id));
      return {
        title: `Search: ${request.q}`,
        description: `Papers matching “${request.q}” on paperboy`,
        papers,
        pagePath: withQuery('/search', searchParamsOf(request)),
        updated: null,
      };
    },
  };
  // A reader's private feed: the secret token in its path says whose (the account page shows it).
  app.get('/feeds/for-you/:file', async (c) => {
    const [, token, format] = /^(.+)\.(atom|rss)$/.exec(c.req.param('file')) ?? [];
    if (!token) throw new AppError('not_found', 'A feed address ends in .atom or .rss.');
    const account = await services.recommend.readerOfFeed(token);
    const page = await services.recommend.page(account, 'week', { limit: FEED_SIZE });
    const content = {
      title: 'New papers for you',
      description: 'New papers like the ones you saved and voted for, by authors and in categories you follow, on paperboy',
      papers: page.papers.map((paper) => paper.card),
      pagePath: '/for-you',
      updated: null,
      notes: new Map(page.papers.map((paper) => [paper.card.id, `Why: ${paper.reasons.map(reasonText).join(' · ')}`])),
    };
    c.header('X-Robots-Tag', 'noindex');
    const body = format === 'rss' ? toRss(document(c, content)) : toAtom(document(c, content));
    return send(c, body, format === 'rss' ? TYPES.rss : TYPES.atom, CACHE.personal);
  });
  for (const [name, read] of Object.entries(feeds)) {
    app.get(`/${name}.atom`, async (c) => send(c, toAtom(document(c, await read(c))), TYPES.atom));
    app.get(`/${name}.rss`, async (c) => send(c, toRss(document(c, await read(c))), TYPES.rss));
  }
  return app;
}

function document(c: Context, content: FeedContent): FeedDocument {
  const url = (path: string) => new URL(path, c.req.url).href;
  return {
    ...content,
    pageUrl: url(content.pagePath),
    selfUrl: c.req.url,
    updated: content.updated ?? newest(content.papers),
    paperUrl: (id) => url(paperPath(id)),
  };
}

function newest(papers: PaperCard[]): string {
  return papers.reduce((latest, paper) => (paper.publishedAt && paper.publishedAt > latest ? paper.publishedAt : latest), EPOCH);
}
