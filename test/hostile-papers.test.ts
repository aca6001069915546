// Papers whose titles and abstracts attack the renderers ($\constructor$, 40,000
// braces inside math) degrade nothing: every page, feed, API answer and the CLI
// that lists them answers, with the papers in it.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/web/app.ts';
import { createTestServices, fixturePath, tempDir } from './helpers.ts';
import { testDatabaseUrl } from './test-database.ts';
import { startSmtpServer, type TestSmtpServer } from './smtp-server.ts';
import { WebClient } from './web-client.ts';

const BIN = fileURLToPath(new URL('../bin/paperboy.js', import.meta.url));
const TWIN = '2608.19880';

let smtp: TestSmtpServer;
beforeAll(async () => {
  smtp = await startSmtpServer();
});
afterAll(() => smtp.close());

/** Three hostile papers written as twins of a real one, so they show wherever it does (similar papers too). */
async function hubWithHostilePapers() {
  const setup = await createTestServices({ SMTP_URL: smtp.url });
  await setup.services.ingest.ingestFiles([fixturePath('hf-daily/2026-08-21.json')], undefined);
  const twin = (await setup.services.papers.getPaper(TWIN))!;
  const papers = [
    { id: '2608.99001', title: `$\\constructor$ ${twin.title}`, abstract: `${twin.abstract} $${'{'.repeat(40_000)}$` },
    { id: '2608.99002', title: `\\toString ${twin.title} $\\mathbb{__proto__}$`, abstract: `$\\hasOwnProperty{x}$ ${twin.abstract}` },
    { id: '2608.99003', title: `${twin.title} $${'\\sqrt'.repeat(300)}x$`, abstract: `${twin.abstract} \\(${'^'.repeat(10_000)}` },
  ].map((paper) => ({ ...paper, authors: twin.authors, published: twin.publishedAt, categories: twin.categories }));
  const file = join(tempDir(), 'hostile.jsonl');
  writeFileSync(file, papers.map((paper) => JSON.stringify(paper)).join('\n'));
  const summary = await setup.services.ingest.ingestFiles([file], 'jsonl');
  expect(summary.added).toBe(3);
  const app = createApp(setup.services);
  const client = () => new WebClient((path, init) => app.request(path, init));
  const [reader, other] = [client(), client()];
  await reader.signIn(smtp, 'reader@example.org');
  await other.signIn(smtp, 'other@example.org');
  // Two votes each: enough evidence to trend.
  for (const voter of [reader, other])
    for (const paper of papers) expect((await voter.postJson(`/api/papers/${paper.id}/vote`, { voted: true })).status).toBe(200);
  await setup.services.trending.computeTrending();
  return {
    ...setup,
    client,
    reader,
    ids: papers.map((paper) => paper.id),
    day: twin.publishedAt!.slice(0, 10),
    words: twin.title.split(/\s+/).slice(0, 3).join(' '),
  };
}

describe('papers with hostile TeX', () => {
  it('show on every page, feed and API answer that lists them', async () => {
    const { reader, ids, day, words } = await hubWithHostilePapers();
    const q = encodeURIComponent(words);
    const places = [
      '/',
      '/?window=week',
      `/daily/${day}`,
      '/authors/Chengsong%20Huang',
      '/authors.atom?name=Chengsong%20Huang',
      `/daily.atom?date=${day}`,
      `/daily.rss?date=${day}`,
      '/trending.atom?window=week',
      `/search?q=${q}`,
      `/search?q=${q}&sort=newest`,
      `/search?q=${q}&sort=trending`,
      `/search.atom?q=${q}`,
      `/api/papers?q=${q}&limit=100`,
      `/api/papers?q=${q}&sort=newest&limit=100`,
      `/api/daily?date=${day}&limit=100`,
      '/api/trending?window=week&limit=100',
      `/papers/${TWIN}`,
      `/api/papers/${TWIN}/similar`,
    ];
    for (const place of places) {
      const response = await reader.request(place);
      const body = await response.text();
      expect(response.status, place).toBe(200);
      for (const id of ids) expect(body, `${place} lists ${id}`).toContain(`papers/${id}`);
    }
    for (const id of ids) {
      expect((await reader.request(`/papers/${id}`)).status).toBe(200);
      expect((await reader.request(`/api/papers/${id}`)).status).toBe(200);
      expect((await reader.request(`/api/papers/${id}/similar`)).status).toBe(200);
    }
    const page = await (await reader.request('/papers/2608.99001')).text();
    expect(page).toContain('\\constructor');
    expect(page).toContain('{{{{{{{{');
  });

  it('are recommended, and named as the reason, on the For you tab, in the API and in the private feed', async () => {
    const { client, ids } = await hubWithHostilePapers();
    const fan = client();
    await fan.signIn(smtp, 'fan@example.org');
    expect((await fan.postForm('/library/save', { paper: ids[0]!, next: '/' })).status).toBe(303);
    const account = await (await fan.request('/account')).text();
    const feed = new URL(/id="feed-url"[^>]* value="([^"]+)"/.exec(account)![1]!).pathname;
    for (const place of ['/for-you?window=month', '/api/recommendations?window=month&limit=100', feed]) {
      const response = await fan.request(place);
      const body = await response.text();
      expect(response.status, place).toBe(200);
      for (const id of [TWIN, ...ids.slice(1)]) expect(body, `${place} lists ${id}`).toContain(`papers/${id}`);
      expect(body, place).toContain('\\constructor');
    }
  });

  it('are found by the CLI, which prints them as written', async () => {
    const { path, ids, words } = await hubWithHostilePapers();
    const run = spawnSync(process.execPath, [BIN, 'search', words, '--limit', '50'], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH, DATABASE_URL: await testDatabaseUrl(path), LOG_LEVEL: 'warn' },
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    for (const id of ids) expect(run.stdout).toContain(id);
    expect(run.stdout).toContain('\\constructor');
  });
});
