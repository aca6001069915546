// Recommendations through the "For you" tab, the API and the private feed, on
// the demo corpus (a month of new CS papers and a year of speech and audio
// papers): several interests, "not interested" and its undo, seeding from one
// collection, hidden papers, the feed's secret URL, and readers with nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/web/app.ts';
import { OPENAPI_DOCUMENT } from '../src/web/openapi.ts';
import { DEMO_FILES } from '../src/ingest/ingest.ts';
import { createTestServices } from './helpers.ts';
import { startSmtpServer, type TestSmtpServer } from './smtp-server.ts';
import { WebClient } from './web-client.ts';
import { linkedPaperIds } from './web-helpers.ts';
import { runCli } from '../src/cli/index.ts';
import { classifyDatabaseError } from '../src/db/storage-errors.ts';
import type { CliContext } from '../src/cli/command.ts';
import type { PaperCard } from '../src/db/listings.ts';

/** Speech codec and tokenizer papers of 2025, and two graph neural network papers of June 2026. */
const SPEECH = ['2504.02386', '2504.10352', '2505.15670', '2505.17076', '2506.23325', '2508.19205', '2509.01390', '2601.20185'];
const GRAPH = ['2606.17406', '2606.17882'];

let smtp: TestSmtpServer;
let setup: Awaited<ReturnType<typeof createTestServices>>;
let app: ReturnType<typeof createApp>;
beforeAll(async () => {
  smtp = await startSmtpServer();
  setup = await createTestServices({ SMTP_URL: smtp.url, ADMIN_EMAILS: 'admin@example.org', PUBLIC_URL: 'https://papers.example.org' });
  await setup.services.ingest.ingestFiles([DEMO_FILES[0]!], undefined);
  app = createApp(setup.services);
});
afterAll(() => smtp.close());

async function reader(email: string): Promise<WebClient> {
  const client = new WebClient((path, init) => app.request(path, init));
  await client.signIn(smtp, email);
  return client;
}

async function save(client: WebClient, ids: readonly string[], collection?: string): Promise<void> {
  for (const id of ids) {
    const response = await client.postForm('/library/save', { paper: id, next: '/', ...(collection ? { collection } : {}) });
    expect(response.status).toBe(303);
  }
}

const isSpeech = (card: PaperCard) => card.categories.some((category) => ['cs.SD', 'eess.AS'].includes(category));
const isGraph = (card: PaperCard) =>
  /graph (neural|learning|network)|\bgnns?\b|message passing|text-attributed graph/i.test(`${card.title} ${card.abstract}`);
/** The ids of these papers that `topic` holds. */
const ofTopic = async (ids: string[], topic: (card: PaperCard) => boolean) =>
  (await setup.services.papers.cards(ids)).filter(topic).map((card) => card.id);

async function forYou(client: WebClient, path = '/for-you?window=month'): Promise<{ page: string; ids: string[] }> {
  const response = await client.request(path);
  expect(response.status).toBe(200);
  const page = await response.text();
  return { page, ids: linkedPaperIds(page.slice(page.indexOf('id="papers"'))) };
}

describe('"For you"', () => {
  it("gives both of a reader's interests places in the top 10, each paper saying why", async () => {
    const client = await reader('two-interests@example.org');
    await save(client, [...SPEECH, ...GRAPH]);
    const { page, ids } = await forYou(client);
    const top = ids.slice(0, 10);
    expect(top).toHaveLength(10);
    expect((await ofTopic(top, isSpeech)).length).toBeGreaterThanOrEqual(3);
    expect((await ofTopic(top, isGraph)).length).toBeGreaterThanOrEqual(1);
    expect(ids.some((id) => [...SPEECH, ...GRAPH].includes(id))).toBe(false);
    expect(page).toMatch(/Why: like <em>[^<]+<\/em>, which you saved/);
  });
});

interface ApiRecommendations {
  window: string;
  from: string;
  to: string;
  collection: { id: number; name: string } | null;
  papers: { id: string; url: string; reasons: { kind: string; text: string }[] }[];
}

async function apiIds(client: WebClient, query = 'window=month&limit=100'): Promise<string[]> {
  const response = await client.request(`/api/recommendations?${query}`);
  expect(response.status).toBe(200);
  expect(response.headers.get('cache-control')).toBe('private, no-cache');
  return ((await response.json()) as ApiRecommendations).papers.map((paper) => paper.id);
}

async function createCollection(client: WebClient, name: string, ids: readonly string[]): Promise<number> {
  const created = (await (await client.postJson('/api/library', { name })).json()) as { id: number };
  for (const paperId of ids) expect((await client.postJson(`/api/library/${created.id}/papers`, { paperId })).status).toBe(201);
  return created.id;
}

describe('"Not interested"', () => {
  it('takes the paper out, pushes papers like it down, and is undone', async () => {
    const client = await reader('not-interested@example.org');
    await save(client, SPEECH);
    const before = await apiIds(client);
    const marked = before[0]!;
    const like = (await setup.services.search.similarPapers(marked, 30)).map((hit) => hit.id).filter((id) => before.includes(id));
    expect(like.length).toBeGreaterThan(0);

    const { page } = await forYou(client);
    const csrf = /name="csrf" value="([^"]+)"/.exec(page)![1]!;
    const response = await client.postForm('/for-you/not-interested', { csrf, paper: marked, next: '/for-you?window=month#papers' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`/for-you?window=month&marked=${marked}#papers`);
    const after = await apiIds(client);
    expect(after).not.toContain(marked);
    const rank = (list: string[], id: string) => (list.includes(id) ? list.indexOf(id) : list.length);
    const sum = (list: string[]) => like.reduce((total, id) => total + rank(list, id), 0);
    expect(sum(after)).toBeGreaterThan(sum(before));
    const undoPage = (await forYou(client, `/for-you?window=month&marked=${marked}`)).page;
    expect(undoPage).toContain('will not be recommended again');

    const undone = await client.postForm('/for-you/not-interested/undo', {
      csrf,
      paper: marked,
      next: `/for-you?window=month&marked=${marked}`,
    });
    expect(undone.headers.get('location')).toBe('/for-you?window=month');
    expect(await apiIds(client)).toEqual(before);
  });

  it('works from the API too, and a vote counts as seen', async () => {
    const client = await reader('api-marks@example.org');
    await save(client, SPEECH.slice(0, 4));
    const [first, second] = await apiIds(client);
    expect(
      (await client.request(`/api/papers/${first}/not-interested`, { method: 'POST', headers: { 'X-CSRF-Token': await client.csrf() } }))
        .status,
    ).toBe(200);
    expect((await client.postJson(`/api/papers/${second}/vote`, { voted: true })).status).toBe(200);
    const after = await apiIds(client);
    expect(after).not.toContain(first);
    expect(after).not.toContain(second);
    const undo = await client.request(`/api/papers/${first}/not-interested`, {
      method: 'DELETE',
      headers: { 'X-CSRF-Token': await client.csrf() },
    });
    expect(await undo.json()).toEqual({ paperId: first, notInterested: false, undone: true });
    expect(await apiIds(client)).toContain(first);
    const missing = await client.request('/api/papers/9999.99999/not-interested', {
      method: 'POST',
      headers: { 'X-CSRF-Token': await client.csrf() },
    });
    expect(missing.status).toBe(404);
  });
});

describe('recommendations seeded from one collection', () => {
  it('come from that collection alone and name it', async () => {
    const client = await reader('seeded@example.org');
    await save(client, SPEECH);
    const graphs = await createCollection(client, 'Graphs', GRAPH);
    const response = await client.request(`/api/recommendations?window=month&from=${graphs}&limit=10`);
    const body = (await response.json()) as ApiRecommendations;
    expect(body.collection).toEqual({ id: graphs, name: 'Graphs' });
    const ids = body.papers.map((paper) => paper.id);
    expect((await ofTopic(ids, isGraph)).length).toBeGreaterThanOrEqual(5);
    expect(await ofTopic(ids, isSpeech)).toEqual([]);
    expect(body.papers[0]!.reasons[0]!.text).toMatch(/^like “.+”, which you saved in Graphs$/);
    const { page } = await forYou(client, `/for-you?window=month&from=${graphs}`);
    expect(page).toContain(`<option value="${graphs}" selected="">your collection Graphs</option>`);
    const other = await reader('someone-else@example.org');
    expect((await other.request(`/api/recommendations?from=${graphs}`)).status).toBe(404);
  });
});

describe('the private feed', () => {
  it("serves a reader's recommendations at a secret URL that stops working when reset", async () => {
    const client = await reader('feed@example.org');
    await save(client, SPEECH);
    const feedPath = async () => {
      const page = await (await client.request('/account')).text();
      return new URL(/id="feed-url"[^>]* value="([^"]+)"/.exec(page)![1]!.replaceAll('&amp;', '&')).pathname;
    };
    const first = await feedPath();
    const anonymous = new WebClient((path, init) => app.request(path, init));
    const feed = await anonymous.request(first);
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toContain('application/atom+xml');
    expect(feed.headers.get('x-robots-tag')).toBe('noindex');
    const xml = await feed.text();
    expect(xml).toContain('<title>New papers for you</title>');
    expect(xml).toMatch(/<summary>Why: like “[^”]+”, which you saved/);
    const forged = first.replace(/.(\.atom)$/, (_, end: string) => `${first.at(-6) === 'A' ? 'B' : 'A'}${end}`);
    expect((await anonymous.request(forged)).status).toBe(404);

    const page = await (await client.request('/account')).text();
    const csrf = /name="csrf" value="([^"]+)"/.exec(page)![1]!;
    expect((await client.postForm('/account/feed/reset', { csrf })).headers.get('location')).toBe('/account#feed');
    const second = await feedPath();
    expect(second).not.toBe(first);
    expect((await anonymous.request(first)).status).toBe(404);
    expect((await anonymous.request(second)).status).toBe(200);
  });
});

describe('readers with nothing to go on', () => {
  it('are told how to get recommendations, signed out or new', async () => {
    const anonymous = new WebClient((path, init) => app.request(path, init));
    expect(await (await anonymous.request('/for-you')).text()).toContain('to see new papers chosen for you');
    expect((await anonymous.request('/api/recommendations')).status).toBe(401);
    const client = await reader('new@example.org');
    const page = await (await client.request('/for-you')).text();
    expect(page).toContain('Recommendations come from what you choose here');
    expect(linkedPaperIds(page)).toEqual([]);
    expect((await client.request('/api/recommendations?sort=new')).status).toBe(400);
    const documented = OPENAPI_DOCUMENT.paths['/api/recommendations'].get.responses['200'].content['application/json'].schema as {
      required: string[];
    };
    const body = (await (await client.request('/api/recommendations')).json()) as Record<string, unknown>;
    for (const field of documented.required) expect(body).toHaveProperty(field);
    expect(body.signals).toEqual({ liked: 0, authors: 0, categories: 0 });
    expect((await client.request('/for-you?window=year')).status).toBe(400);
  });
});

describe('hidden and merged papers', () => {
  it('are never recommended, on the page, in the API or in the feed', async () => {
    const client = await reader('moderated@example.org');
    await save(client, SPEECH);
    const [hidden, merged, kept] = await apiIds(client);
    const admin = await reader('admin@example.org');
    expect((await admin.postForm(`/admin/papers/${hidden}/hide`, { csrf: await admin.csrf() })).status).toBe(303);
    expect((await admin.postForm(`/admin/papers/${merged}/merge`, { csrf: await admin.csrf(), into: kept! })).status).toBe(303);
    const after = await apiIds(client);
    expect(after).not.toContain(hidden);
    expect(after).not.toContain(merged);
    expect((await forYou(client)).ids).not.toContain(hidden);
    const account = await (await client.request('/account')).text();
    const feed = await (await client.request(new URL(/id="feed-url"[^>]* value="([^"]+)"/.exec(account)![1]!).pathname)).text();
    expect(feed).not.toContain(`/papers/${hidden}<`);
    expect(feed).not.toContain(`/papers/${merged}<`);
  });
});

describe("the digest's For you section", () => {
  it("sends papers like the reader's own with their reasons, and never recommends them again", async () => {
    const client = await reader('digest-for-you@example.org');
    expect((await client.postForm('/subscribe', { csrf: await client.csrf() })).status).toBe(303);
    await save(client, SPEECH);
    const account = (await setup.services.digest.accountByEmail('digest-for-you@example.org'))!;
    const { digest } = await setup.services.digest.preview(account, '2026-07-01');
    const section = digest.sections.find((candidate) => candidate.kind === 'forYou')!;
    expect(section.title).toBe('For you');
    expect(section.items.length).toBeGreaterThan(0);
    expect(section.items[0]!.reasons.join(' · ')).toMatch(/like “.+”, which you saved/);

    await setup.services.digest.runEdition({ accountId: account.id, date: '2026-07-01' });
    const mail = await smtp.nextMessageTo('digest-for-you@example.org');
    expect(mail.text).toContain('For you');
    const sent = section.items.map((item) => item.paper.id);
    const after = await apiIds(client);
    for (const id of sent) expect(after).not.toContain(id);
  });

  it('is left out when the reader turns it off or has saved nothing', async () => {
    const client = await reader('digest-nothing@example.org');
    expect((await client.postForm('/subscribe', { csrf: await client.csrf() })).status).toBe(303);
    const account = (await setup.services.digest.accountByEmail('digest-nothing@example.org'))!;
    const kinds = async () => (await setup.services.digest.preview(account, '2026-07-01')).digest.sections.map((section) => section.kind);
    expect(await kinds()).not.toContain('forYou');
    await save(client, SPEECH.slice(0, 3));
    expect(await kinds()).toContain('forYou');
    const page = await (await client.request('/digest/preferences')).text();
    const csrf = /name="csrf" value="([^"]+)"/.exec(page)![1]!;
    const fields = { csrf, frequency: 'daily', weekday: '1', hour: '7', timeZone: 'UTC', maxPapers: '10', trending: 'day', quiet: 'skip' };
    expect((await client.postForm('/digest/preferences', fields)).status).toBe(303);
    expect(await kinds()).not.toContain('forYou');
  });
});

/** `paperboy ARGS` in this process, on the test's services. */
async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const texts = { out: '', err: '' };
  const stream = (name: 'out' | 'err') =>
    ({ write: (chunk: string) => ((texts[name] += chunk), true) }) as unknown as NodeJS.WritableStream;
  const context: CliContext = {
    config: setup.services.config,
    log: setup.services.log,
    services: async () => setup.services,
    explainError: classifyDatabaseError,
    serve: async () => {},
    runJobs: async () => {},
    out: stream('out'),
    err: stream('err'),
  };
  const code = await runCli(args, () => context, stream('out') as typeof process.stdout, stream('err') as typeof process.stderr);
  return { code, ...texts };
}

describe('paperboy recommend', () => {
  it("prints a reader's recommendations with why, as the page lists them", async () => {
    const client = await reader('cli@example.org');
    await save(client, SPEECH);
    const listed = await apiIds(client, 'window=month&limit=5');
    const { code, out } = await cli(['recommend', '--email', 'CLI@example.org', '--window', 'month', '--limit', '5']);
    expect(code).toBe(0);
    expect([...out.matchAll(/^ {4}(\S+) · why: like “.+”, which you saved/gm)].map((match) => match[1])).toEqual(listed);
    expect((await cli(['recommend', '--email', 'nobody@example.org'])).code).toBe(2);
    expect((await cli(['recommend', '--email', 'cli@example.org', '--window', 'year'])).code).toBe(2);
  });
});
