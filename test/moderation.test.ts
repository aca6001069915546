// Admins hide papers and merge duplicates; hidden papers vanish from every
// listing, search, feed and API answer at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/web/app.ts';
import { createTestServices, fixturePath } from './helpers.ts';
import { startSmtpServer, type TestSmtpServer } from './smtp-server.ts';
import { WebClient } from './web-client.ts';

let smtp: TestSmtpServer;
beforeAll(async () => {
  smtp = await startSmtpServer();
});
afterAll(() => smtp.close());

async function hub() {
  const setup = createTestServices({ SMTP_URL: smtp.url, ADMIN_EMAILS: 'admin@example.org' });
  await setup.services.ingest.ingestFiles([fixturePath('hf-daily/2026-08-21.json')], undefined);
  setup.services.trending.computeTrending();
  const app = createApp(setup.services);
  const client = () => new WebClient((path, init) => app.request(path, init));
  const admin = client();
  await admin.signIn(smtp, 'admin@example.org');
  return { ...setup, client, admin };
}

const PLACES = ['/', '/?window=month', '/?date=2026-08-20', '/search?q=agent', '/api/papers?after=2026-08-01&limit=100', '/api/trending?window=month&limit=100', '/api/daily?date=2026-08-20&limit=100', '/trending.atom?window=month', '/daily.rss?date=2026-08-20', '/search.atom?q=agent', '/api/papers/2608.18580/similar'];

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
    expect(services.listings.cards(['2608.20335', '2608.20336']).map((card) => [card.id, card.votes])).toEqual([['2608.20335', 2]]);
    expect(await (await ada.request('/api/papers/2608.20336')).json()).toEqual({ error: { kind: 'not_found', message: 'paper 2608.20336 was merged into 2608.20335' } });
  });
});
