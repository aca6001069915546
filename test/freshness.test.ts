// A hub whose upstream data is months old: one fresh vote keeps every trending
// window full, the page says how old each source's data is, /status names the
// last import, and a quiet day's reason is true.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/web/app.ts';
import { ageInWords } from '../src/domain/days.ts';
import { TRENDING_WINDOWS } from '../src/domain/trending.ts';
import { createTestServices, tempDir } from './helpers.ts';
import { startSmtpServer, type TestSmtpServer } from './smtp-server.ts';
import { WebClient } from './web-client.ts';

let smtp: TestSmtpServer;
beforeAll(async () => {
  smtp = await startSmtpServer();
});
afterAll(() => smtp.close());

describe('a hub whose upstream data is old', () => {
  it('keeps every trending window full after a vote today, and says how old each source is', { timeout: 120_000 }, async () => {
    const { services, db } = await createTestServices({ SMTP_URL: smtp.url });
    await services.ingest.importDemoCorpus();
    await services.trending.computeTrending();
    const before = Object.fromEntries(
      await Promise.all(
        TRENDING_WINDOWS.map(async (window) => [
          window,
          (await services.trending.trendingPapers(window, 100)).papers.map((paper) => paper.id),
        ]),
      ),
    );
    for (const window of TRENDING_WINDOWS) expect(before[window]!.length, window).toBeGreaterThan(5);
    const app = createApp(services);
    const readers = [new WebClient((path, init) => app.request(path, init)), new WebClient((path, init) => app.request(path, init))];
    const voted = before.month![0]!;
    for (const [i, reader] of readers.entries()) {
      await reader.signIn(smtp, `fresh${i}@example.org`);
      expect((await reader.postJson(`/api/papers/${voted}/vote`, { voted: true })).status).toBe(200);
    }
    await services.trending.computeTrending();
    for (const window of TRENDING_WINDOWS) {
      const after = (await services.trending.trendingPapers(window, 100)).papers.map((paper) => paper.id);
      // The same list, with the voted paper counted; nothing fell out for want of fresh upstream data.
      expect(new Set(after), window).toEqual(new Set([...before[window]!, voted]));
    }
    const upstreamNewest = (await db.value('SELECT max(observed_at) FROM paper_signals')) as string;
    const shown = new Date(upstreamNewest).toLocaleDateString('en-GB', {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      timeZone: 'UTC',
    });
    const home = await (await readers[0]!.request('/')).text();
    expect(home).toContain(`Hugging Face ${shown} (${ageInWords(upstreamNewest, Date.now())})`);
    expect(home).toMatch(/Latest data: votes here \d+ \w+ \d{4} \(today\)/);
    const api = (await (await app.request('/api/trending?window=day')).json()) as { sources: { source: string; asOf: string }[] };
    expect(api.sources[0]!.source).toBe('this hub');
    expect(api.sources.map((source) => source.source)).toContain('Hugging Face');
    const status = await (await app.request('/status')).text();
    expect(status).toMatch(
      /Last import: demo corpus, \d{4}-\d\d-\d\d \d\d:\d\d UTC, today: added \d+, updated \d+, unchanged \d+, skipped 0\./,
    );
    expect(((await (await app.request('/api/status')).json()) as { lastImport: { source: string } }).lastImport.source).toBe('demo corpus');
  });
});

describe('a quiet day', () => {
  it('is explained truly: not imported yet, arXiv calendar only where this hub follows it', async () => {
    const { services } = await createTestServices();
    const days = ['2026-08-07', '2026-08-14', '2026-08-20', '2026-08-24', '2026-08-28'];
    const file = join(tempDir(), 'days.jsonl');
    writeFileSync(file, days.map((day, i) => JSON.stringify({ id: `d${i}`, title: `Paper of ${day}`, published: day })).join('\n'));
    await services.ingest.ingestFiles([file], 'jsonl');
    const reason = async (day: string) => (await services.daily.dailyPapers(day, 10)).quietReason;
    // Fridays hold papers here, so an empty Friday is not explained by arXiv's calendar.
    expect(await reason('2026-08-21')).toBeNull();
    expect(await reason('2026-08-22')).toBe('arXiv does not announce new papers on Saturdays');
    expect(await reason('2026-09-07')).toBe('not imported yet (the newest papers here are of 2026-08-28)');
    expect(await reason('2026-08-01')).toBe('not imported (the oldest papers here are of 2026-08-07)');
    expect((await (await createTestServices()).services.daily.dailyPapers('2026-08-21', 10)).quietReason).toBe(
      'no papers are imported here yet',
    );
  });
});
