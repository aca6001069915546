import { Readable } from 'node:stream';
import FeedParser from 'feedparser';
import { XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import type { WebApp } from '../app.ts';
import { createWebTestApp } from '../../../test/web-helpers.ts';

let app: WebApp;
beforeAll(async () => {
  ({ app } = await createWebTestApp());
});

interface Parsed {
  meta: FeedParser.Meta;
  items: FeedParser.Item[];
}

/** Reads a feed the way feed readers do; strict, so any spec error fails. */
function parseFeed(xml: string): Promise<Parsed> {
  return new Promise((resolve, reject) => {
    const parser = new FeedParser({ strict: true, normalize: true, addmeta: false });
    const items: FeedParser.Item[] = [];
    parser.on('error', reject);
    parser.on('readable', function (this: FeedParser) {
      for (let item = this.read(); item; item = this.read()) items.push(item);
    });
    parser.on('end', () => resolve({ meta: parser.meta, items }));
    Readable.from([xml]).pipe(parser);
  });
}

async function feed(path: string, type: string): Promise<Parsed & { xml: string }> {
  const response = await app.request(path);
  expect(response.status, path).toBe(200);
  expect(response.headers.get('content-type')).toBe(`${type}; charset=utf-8`);
  const xml = await response.text();
  expect(XMLValidator.validate(xml), path).toBe(true);
  return { xml, ...(await parseFeed(xml)) };
}

describe('feeds', () => {
  it('publishes trending as Atom and RSS with the same papers in the same order', async () => {
    const atom = await feed('/trending.atom?window=week', 'application/atom+xml');
    const rss = await feed('/trending.rss?window=week', 'application/rss+xml');
    expect(atom.meta['#type']).toBe('atom');
    expect(rss.meta['#type']).toBe('rss');
    expect(atom.meta.title).toBe('Trending papers (week)');
    expect(atom.items[0]!.link).toBe('http://localhost/papers/2608.19880');
    expect(rss.items.map((item) => item.link)).toEqual(atom.items.map((item) => item.link));
    expect(atom.meta.xmlurl).toBe('http://localhost/trending.atom?window=week');
    expect(atom.items[0]!.pubdate?.toISOString()).toBe('2026-08-20T00:00:00.000Z');
  });

  it('publishes each day and any search, newest first', async () => {
    const day = await feed('/daily.atom?date=2026-08-19', 'application/atom+xml');
    expect(day.items.map((item) => item.link)).toEqual(['http://localhost/papers/2608.18580']);
    const search = await feed('/search.rss?q=codecs', 'application/rss+xml');
    expect(search.items.map((item) => item.link)).toEqual(['http://localhost/papers/2601.00001', 'http://localhost/papers/hep-th/9901001']);
    expect(search.meta.title).toBe('Search: codecs');
  });

  it('carries hostile text as text: escaped markup, readable math, authors and categories', async () => {
    for (const path of ['/search.atom?q=codecs', '/search.rss?q=codecs']) {
      const { items, xml } = await feed(path, path.includes('.atom') ? 'application/atom+xml' : 'application/rss+xml');
      const item = items.find((entry) => entry.link.endsWith('2601.00001'))!;
      expect(item.title, path).toBe('Bounds for <svg/onload=alert(1)> & α^2 codecs');
      expect(item.description, path).toContain('α_t ≤ 1/2 for codecs & "quotes" <svg/onload=alert(2)>.');
      expect(item.categories, path).toEqual(['cs.IT', 'math.IT']);
      expect(xml).not.toContain('<svg');
    }
    const atom = await parseFeed(await (await app.request('/search.atom?q=codecs')).text());
    const authors = (atom.items[0] as unknown as Record<string, { name: { '#': string } }[]>)['atom:author']!.map(
      (author) => author.name['#'],
    );
    expect(authors).toEqual(['Ada <svg/onload=alert(3)> Lovelace', 'Alan Turing']);
  });

  it('refuses a search feed without a query, and a bad window, plainly', async () => {
    const empty = await app.request('/search.atom');
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('a search feed needs a query');
    expect((await app.request('/trending.rss?window=decade')).status).toBe(400);
  });
});
