// The live clients against a loopback server that replays captured arXiv and
// Hugging Face responses: paging, harvesting with resumption tokens,
// throttling, interruption and resume.
import { afterEach, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTestServices, tempDir } from './helpers.ts';
import { dropMidBody, sendFixture, sendThrottle, startReplayServer, type ReplayServer } from './replay-server.ts';

let server: ReplayServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Upstreams on the replay server, no spacing between requests, quick retries. */
function servicesFor(url: string, retries = '2', path?: string) {
  return createTestServices(
    {
      ARXIV_API_URL: `${url}/api/query`,
      ARXIV_OAI_URL: `${url}/oai`,
      HF_API_URL: `${url}/api/daily_papers`,
      ARXIV_MIN_INTERVAL_MS: '0',
      HTTP_RETRIES: retries,
      HTTP_TIMEOUT_MS: '2000',
    },
    path,
  );
}

describe('arXiv API', () => {
  it('pages through results until it has enough', async () => {
    server = await startReplayServer((request, response) => {
      const start = new URL(request.url, 'http://x').searchParams.get('start');
      sendFixture(response, `arxiv-api/q_testing_s${start}_m10.xml`);
    });
    const { services } = await servicesFor(server.url);
    const summary = await services.ingest.ingestArxivApi('all:testing', 30, { pageSize: 10 });
    expect(summary).toMatchObject({ added: 30, skipped: 0 });
    expect(server.requests.map((request) => new URL(request.url, 'http://x').searchParams.get('start'))).toEqual(['0', '10', '20']);
    expect(new URL(server.requests[0]!.url, 'http://x').searchParams.get('search_query')).toBe('all:testing');
  });

  it('stops at an empty result and reports an API error clearly', async () => {
    server = await startReplayServer((request, response) =>
      sendFixture(
        response,
        request.url.includes('abc') ? 'arxiv-api/id_abc_s0_m100.xml' : 'arxiv-api/id_0000.0000_s0_m100.xml',
        request.url.includes('abc') ? 400 : 200,
      ),
    );
    const { services } = await servicesFor(server.url);
    expect(await services.ingest.ingestArxivApi('id:0000.0000', 100)).toMatchObject({ added: 0, skipped: 0 });
    await expect(services.ingest.ingestArxivApi('abc', 100)).rejects.toThrow('arXiv API error: incorrect id format for abc');
  });
});

describe('Hugging Face daily papers', () => {
  it('imports a day with upvotes and GitHub stars and no account data', async () => {
    server = await startReplayServer((request, response) =>
      sendFixture(response, `hf-daily/${new URL(request.url, 'http://x').searchParams.get('date')}.json`),
    );
    const { services, db } = await servicesFor(server.url);
    const summary = await services.ingest.ingestHfDaily('2026-08-21');
    expect(summary).toMatchObject({ added: 17, skipped: 0 });
    expect(await db.value("SELECT value FROM paper_signals WHERE paper_id = '2608.19880' AND name = 'upvotes'")).toBe(163);
    const stored = JSON.stringify(await db.all('SELECT * FROM papers')) + JSON.stringify(await db.all('SELECT * FROM paper_sources'));
    expect(stored).not.toMatch(/account-\d+/);
  });
});

describe('arXiv OAI-PMH harvest', () => {
  /** Page 1: arXivRaw records with a resumption token; page 2 (by token): the last page. */
  function harvestServer(page2: 'ok' | 'drop' | 'throttle-once') {
    let throttled = false;
    return startReplayServer((request, response) => {
      const params = new URL(request.url, 'http://x').searchParams;
      if (params.get('set') === 'moo') return sendFixture(response, 'oai-pmh/ErrorResponseNoRecordsMatch.xml');
      if (!params.has('resumptionToken')) return sendFixture(response, 'oai-pmh/ListRecordsResponse.xml');
      if (params.get('resumptionToken') !== '726959|1001') return sendFixture(response, 'oai-pmh/ErrorResponseBadResumptionToken.xml');
      if (page2 === 'drop') return dropMidBody(response, 'oai-pmh/ListRecords_1_200.xml');
      if (page2 === 'throttle-once' && !throttled) {
        throttled = true;
        return sendThrottle(response, 0);
      }
      sendFixture(response, 'oai-pmh/ListRecords_1_200.xml');
    });
  }

  it('follows the resumption token to the end and remembers the next date', async () => {
    server = await harvestServer('throttle-once');
    const { services, db } = await servicesFor(server.url);
    const summary = await services.ingest.harvestArxivOai({ metadataPrefix: 'arXivRaw', set: 'physics', from: '2014-10-01' });
    expect(summary).toMatchObject({ added: 8, skipped: 0, resumed: false });
    const first = new URL(server.requests[0]!.url, 'http://x').searchParams;
    expect(Object.fromEntries(first)).toEqual({ verb: 'ListRecords', metadataPrefix: 'arXivRaw', from: '2014-10-01', set: 'physics' });
    expect(server.requests.map((request) => new URL(request.url, 'http://x').searchParams.get('resumptionToken'))).toEqual([
      null,
      '726959|1001',
      '726959|1001',
    ]);
    const state = (await db.get('SELECT next_from, resumption_token FROM harvest_state')) as {
      next_from: string;
      resumption_token: string | null;
    };
    expect(state).toEqual({ next_from: new Date().toISOString().slice(0, 10), resumption_token: null });
  });

  it('resumes an interrupted harvest from its resumption token', async () => {
    server = await harvestServer('drop');
    const { services, db, path } = await servicesFor(server.url, '1');
    await expect(services.ingest.harvestArxivOai({ metadataPrefix: 'arXivRaw', set: 'physics', from: '2014-10-01' })).rejects.toThrow(
      /failed after 2 attempts/,
    );
    expect(await services.papers.countPapers()).toBe(6);
    expect(await db.value('SELECT resumption_token FROM harvest_state')).toBe('726959|1001');
    await server.close();
    await db.close();

    server = await harvestServer('ok');
    const again = (await servicesFor(server.url, '1', path)).services;
    const summary = await again.ingest.harvestArxivOai({ metadataPrefix: 'arXivRaw', set: 'physics' });
    expect(summary).toMatchObject({ added: 2, resumed: true });
    expect(server.requests.map((request) => new URL(request.url, 'http://x').searchParams.get('resumptionToken'))).toEqual(['726959|1001']);
    expect(await again.papers.countPapers()).toBe(8);
  });

  it('treats noRecordsMatch as nothing new', async () => {
    server = await harvestServer('ok');
    const { services } = await servicesFor(server.url);
    expect(await services.ingest.harvestArxivOai({ metadataPrefix: 'arXivRaw', set: 'moo' })).toMatchObject({ added: 0, skipped: 0 });
  });

  it('starts the list again when the saved token has expired', async () => {
    server = await harvestServer('ok');
    const { services, db } = await servicesFor(server.url);
    await db.run(
      "INSERT INTO harvest_state (name, next_from, resumption_token, request, updated_at) VALUES ('arxiv-oai:arXivRaw:physics', NULL, 'stale', ?, 'x')",
      [JSON.stringify({ metadataPrefix: 'arXivRaw', set: 'physics', from: '2014-10-01', startedOn: '2014-10-02' })],
    );
    const summary = await services.ingest.harvestArxivOai({ metadataPrefix: 'arXivRaw', set: 'physics' });
    expect(summary.added).toBe(8);
    expect(server.requests.map((request) => new URL(request.url, 'http://x').searchParams.get('resumptionToken'))).toEqual([
      'stale',
      null,
      '726959|1001',
    ]);
  });
});

describe('filling missing fields from the arXiv API', () => {
  /** Two papers a source gave without categories, as Hugging Face gives every paper. */
  async function uncategorized(url: string) {
    const setup = await servicesFor(url);
    const path = join(tempDir(), 'uncategorized.jsonl');
    const lines = [
      { id: '1605.08386', title: 'Heat-bath random walks', abstract: 'Walks.', authors: ['Caprice Stanley'], published: '2016-05-26' },
      { id: '2104.12255', title: 'A paper', abstract: 'Text.', authors: ['Someone'], published: '2021-04-25' },
    ];
    writeFileSync(path, lines.map((line) => JSON.stringify(line)).join('\n'));
    await setup.services.ingest.ingestFiles([path], 'jsonl');
    return setup;
  }
  const idList = (request: { url: string }) => new URL(request.url, 'http://x').searchParams.get('id_list');

  it('asks for the ids in batches and fills the categories; the search says how many still lack one', async () => {
    server = await startReplayServer((request, response) =>
      sendFixture(
        response,
        idList(request) === '1605.08386' ? 'arxiv-api/id_1605.08386_s0_m100.xml' : 'arxiv-api/id_2104.12255v1_s0_m100.xml',
      ),
    );
    const { services } = await uncategorized(server.url);
    const before = await services.search.searchPapers('walks', { filters: { categories: ['math.CO'] } });
    expect(before.hits).toEqual([]);
    expect(before.notes).toContain(
      '2 papers here have no category yet (their source gave none; it is filled in from arXiv), so a category filter leaves them out',
    );
    const summary = await services.ingest.fillFromArxiv({ batchSize: 1 });
    expect(summary).toMatchObject({ asked: 2, updated: 2, skipped: 0 });
    expect(server.requests.map(idList).sort()).toEqual(['1605.08386', '2104.12255']);
    expect((await services.papers.getPaper('1605.08386'))!.categories).toEqual(['math.CO', 'math.ST']);
    expect((await services.papers.getPaper('2104.12255'))!.categories).toEqual(['cs.CR']);
    const after = await services.search.searchPapers('walks', { filters: { categories: ['math.CO'] } });
    expect(after.hits.map((hit) => hit.id)).toEqual(['1605.08386']);
    expect(after.notes.join(' ')).not.toContain('no category');
  });

  it('batches ids in one request, and does not ask again soon for a paper arXiv did not answer for', async () => {
    server = await startReplayServer((_request, response) => sendFixture(response, 'arxiv-api/id_1605.08386_s0_m100.xml'));
    const { services } = await uncategorized(server.url);
    expect(await services.ingest.fillFromArxiv()).toMatchObject({ asked: 2, updated: 1 });
    expect(server.requests.map(idList)).toEqual(['1605.08386,2104.12255']);
    expect(new URL(server.requests[0]!.url, 'http://x').searchParams.get('max_results')).toBe('2');
    expect(await services.ingest.fillFromArxiv()).toMatchObject({ asked: 0 });
    expect(server.requests).toHaveLength(1);
    expect((await services.papers.getPaper('2104.12255'))!.categories).toEqual([]);
  });
});
