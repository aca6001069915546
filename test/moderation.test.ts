// Admins hide papers and merge duplicates; hidden papers vanish from every
// listing, search, feed and API answer at once.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/web/app.ts';
import { FEED_SIZE } from '../src/web/routes/feeds.ts';
import { createTestServices, fixturePath } from './helpers.ts';
import { startSmtpServer, type TestSmtpServer } from './smtp-server.ts';
import { WebClient } from './web-client.ts';
import { testDatabaseUrl } from './test-database.ts';

let smtp: TestSmtpServer;
beforeAll(async () => {
  smtp = await startSmtpServer();
});
afterAll(() => smtp.close());

async function hub() {
  const setup = await createTestServices({ SMTP_URL: smtp.url, ADMIN_EMAILS: 'admin@example.org' });
  await setup.services.ingest.ingestFiles([fixturePath('hf-daily/2026-08-21.json')], undefined);
  await setup.services.trending.computeTrending();
  const app = createApp(setup.services);
  const client = () => new WebClient((path, init) => app.request(path, init));
  const admin = client();
  await admin.signIn(smtp, 'admin@example.org');
  return { ...setup, client, admin };
}

const PLACES = [
  '/',
  '/?window=month',
  '/daily/2026-08-20',
  '/authors/Zifeng%20Wang',
  '/authors.atom?name=Zifeng%20Wang',
  '/search?q=agent',
  '/api/papers?after=2026-08-01&limit=100',
  '/api/trending?window=month&limit=100',
  '/api/daily?date=2026-08-20&limit=100',
  '/trending.atom?window=month',
  '/daily.rss?date=2026-08-20',
  '/search.atom?q=agent',
  '/api/papers/2608.18580/similar',
];

async function placesShowing(client: WebClient, id: string): Promise<string[]> {
  const found: string[] = [];
  for (const place of PLACES) if ((await (await client.request(place)).text()).includes(`papers/${id}`)) found.push(place);
  return found;
}

describe('moderation', () => {
  it('hides a paper from every listing, search, feed and API answer, and shows it again', async () => {
    const { client, admin } = await hub();
    const reader = client();
    await reader.signIn(smtp, 'reader@example.org');
    expect((await reader.postForm('/admin/papers/2608.19880/hide', {})).status).toBe(403);
    const everywhere = await placesShowing(reader, '2608.19880');
    expect(everywhere.length).toBeGreaterThan(8);
    expect((await admin.postForm('/admin/papers/2608.19880/hide', {})).status).toBe(303);
    expect(await placesShowing(reader, '2608.19880')).toEqual([]);
    expect((await reader.request('/papers/2608.19880')).status).toBe(404);
    expect((await reader.request('/api/papers/2608.19880')).status).toBe(404);
    expect(await (await admin.request('/papers/2608.19880')).text()).toContain('only admins see this page');
    await admin.postForm('/admin/papers/2608.19880/show', {});
    expect(await placesShowing(reader, '2608.19880')).toEqual(everywhere);
  });

  it('merges a duplicate into its paper: votes move once, the old page points to the new', async () => {
    const { client, admin, services } = await hub();
    const [ada, bob] = [client(), client()];
    await ada.signIn(smtp, 'ada@example.org');
    await bob.signIn(smtp, 'bob@example.org');
    await ada.postJson('/api/papers/2608.20336/vote', { voted: true });
    await ada.postJson('/api/papers/2608.20335/vote', { voted: true });
    await bob.postJson('/api/papers/2608.20336/vote', { voted: true });
    expect((await admin.postForm('/admin/papers/2608.20336/merge', { into: '2608.20336' })).status).toBe(400);
    expect((await admin.postForm('/admin/papers/2608.20336/merge', { into: '2999.00001' })).status).toBe(404);
    const merged = await admin.postForm('/admin/papers/2608.20336/merge', { into: '2608.20335' });
    expect(merged.headers.get('location')).toBe('/papers/2608.20335');
    const moved = await client().request('/papers/2608.20336');
    expect(moved.status).toBe(301);
    expect(moved.headers.get('location')).toBe('/papers/2608.20335');
    expect((await services.papers.cards(['2608.20335', '2608.20336'])).map((card) => [card.id, card.votes])).toEqual([['2608.20335', 2]]);
    expect(await (await ada.request('/api/papers/2608.20336')).json()).toEqual({
      error: { kind: 'not_found', message: 'paper 2608.20336 was merged into 2608.20335' },
    });
  });
});

const BIN = fileURLToPath(new URL('../bin/paperboy.js', import.meta.url));
const SORTS = ['relevance', 'newest', 'trending'] as const;
const PAGE = 4;

/** Ids in the order a front end lists them, every page followed by its cursor; each page's size too. */
type Pager = (sort: string, cursor: string | null) => Promise<{ ids: string[]; next: string | null }>;

async function pageThrough(pager: Pager, sort: string): Promise<{ ids: string[]; sizes: number[] }> {
  const ids: string[] = [];
  const sizes: number[] = [];
  for (let cursor: string | null = null, first = true; first || cursor; first = false) {
    const page = await pager(sort, cursor);
    ids.push(...page.ids);
    sizes.push(page.ids.length);
    cursor = page.next;
  }
  return { ids, sizes };
}

function frontEnds(client: WebClient, databaseUrl: string, q: string): Record<'api' | 'page' | 'cli' | 'feed', Pager> {
  const query = (sort: string, cursor: string | null) =>
    new URLSearchParams({ q, sort, limit: String(PAGE), ...(cursor ? { cursor } : {}) });
  return {
    api: async (sort, cursor) => {
      const body = (await (await client.request(`/api/papers?${query(sort, cursor)}`)).json()) as {
        papers: { id: string }[];
        nextCursor: string | null;
      };
      return { ids: body.papers.map((paper) => paper.id), next: body.nextCursor };
    },
    page: async (sort, cursor) => {
      const html = await (await client.request(`/search?${query(sort, cursor)}`)).text();
      const list = html.slice(html.indexOf('<ol id="papers"'), html.indexOf('</ol>', html.indexOf('<ol id="papers"')));
      const next = /href="[^"]*cursor=([^"&]+)[^"]*" rel="next"/.exec(html)?.[1] ?? null;
      return {
        ids: [...list.matchAll(/class="paper-title" href="\/papers\/([^"]+)"/g)].map((m) => decodeURIComponent(m[1]!)),
        next: next && decodeURIComponent(next),
      };
    },
    cli: async (sort, cursor) => {
      const args = [BIN, 'search', q, '--sort', sort, '--limit', String(PAGE), '--json', ...(cursor ? ['--cursor', cursor] : [])];
      const run = spawnSync(process.execPath, args, {
        encoding: 'utf8',
        env: { PATH: process.env.PATH, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' },
      });
      const body = JSON.parse(run.stdout) as { hits: { id: string }[]; nextCursor: string | null };
      return { ids: body.hits.map((hit) => hit.id), next: body.nextCursor };
    },
    feed: async (sort, cursor) => {
      const xml = await (await client.request(`/search.atom?${query(sort, cursor)}`)).text();
      return { ids: [...xml.matchAll(/<id>[^<]*\/papers\/([^<]+)<\/id>/g)].map((m) => decodeURIComponent(m[1]!)), next: null };
    },
  };
}

describe('moderation inside search', () => {
  it('leaves hidden papers out of every search, so every front end pages full, with no gaps or repeats', { timeout: 120_000 }, async () => {
    const { admin, client, path } = await hub();
    const reader = client();
    const databaseUrl = await testDatabaseUrl(path);
    const q = 'models';
    const before = Object.fromEntries(
      await Promise.all(SORTS.map(async (sort) => [sort, (await pageThrough(frontEnds(reader, databaseUrl, q).api, sort)).ids] as const)),
    );
    expect(before.relevance!.length).toBeGreaterThan(3 * PAGE);
    const hidden = [before.relevance![0]!, before.relevance![PAGE + 1]!, before.newest![2]!];
    for (const id of hidden) expect((await admin.postForm(`/admin/papers/${id}/hide`, {})).status).toBe(303);
    for (const [name, pager] of Object.entries(frontEnds(reader, databaseUrl, q))) {
      for (const sort of SORTS) {
        const expected = before[sort]!.filter((id) => !hidden.includes(id));
        const { ids, sizes } = await pageThrough(pager, sort);
        if (name === 'feed') {
          // A feed is one page of its own size.
          expect(ids, `${name} ${sort}`).toEqual(expected.slice(0, FEED_SIZE));
          continue;
        }
        expect(ids, `${name} ${sort}`).toEqual(expected);
        expect(
          sizes.slice(0, -1).every((size) => size === PAGE),
          `${name} ${sort} pages ${sizes}`,
        ).toBe(true);
      }
    }
  });

  it('does not go to a hidden paper named by id, and goes on to the paper a merged one duplicates', async () => {
    const { admin, client, path } = await hub();
    const reader = client();
    await admin.postForm('/admin/papers/2608.19880/hide', {});
    await admin.postForm('/admin/papers/2608.20336/merge', { into: '2608.20335' });
    expect((await reader.request('/search?q=2608.19880')).status).toBe(200);
    expect(await (await reader.request('/api/papers?q=2608.19880')).json()).toMatchObject({
      papers: [],
      notes: [expect.stringContaining('hidden')],
    });
    const toMerged = await reader.request('/search?q=2608.20336');
    expect(toMerged.headers.get('location')).toBe('/papers/2608.20335');
    expect((await reader.request('/api/papers/2608.19880/similar')).status).toBe(404);
    const similar = spawnSync(process.execPath, [BIN, 'similar', '2608.19880'], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH, DATABASE_URL: await testDatabaseUrl(path), LOG_LEVEL: 'warn' },
    });
    expect(similar.status).toBe(2);
    expect(similar.stderr).toContain('hidden by the admins');
    for (const id of ['2608.20335', '2608.18580']) {
      const ids = ((await (await reader.request(`/api/papers/${id}/similar?limit=100`)).json()) as { papers: { id: string }[] }).papers.map(
        (paper) => paper.id,
      );
      expect(ids).not.toContain('2608.19880');
      expect(ids).not.toContain('2608.20336');
    }
  });
});
