// Search by meaning through an OpenAI-compatible embeddings endpoint on
// loopback: the embedding queue, vectors per model, and hybrid ranking.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestServices, tempDir } from './helpers.ts';
import { createApp } from '../src/web/app.ts';
import { startEmbeddingsServer, type EmbeddingsServer } from './embeddings-server.ts';
import { createOpenAiEmbedder } from '../src/embeddings/openai-http.ts';
import { createHttpClient } from '../src/sources/http-client.ts';
import { createWorkerEmbedder } from '../src/embeddings/worker-embedder.ts';
import { createModerationStore } from '../src/db/moderation-store.ts';

let server: EmbeddingsServer;
beforeEach(async () => {
  server = await startEmbeddingsServer();
});
afterEach(() => server.close());

const PAPERS = [
  {
    id: 'a',
    title: 'Automobile crash safety ratings',
    abstract: 'Ratings of automobiles in frontal collision tests.',
    categories: ['safety'],
  },
  { id: 'b', title: 'Car sharing economics', abstract: 'How car sharing changes ownership and safety habits.', categories: ['econ'] },
  { id: 'c', title: 'Protein folding with diffusion', abstract: 'A generative model of protein structure.', categories: ['bio'] },
];

async function servicesWithPapers(env: Record<string, string> = {}, path?: string) {
  const setup = await createTestServices(
    { EMBEDDINGS_PROVIDER: 'openai', EMBEDDINGS_URL: `${server.url}/v1`, EMBEDDINGS_MODEL: 'concepts-64', HTTP_RETRIES: '0', ...env },
    path,
  );
  const file = join(tempDir(), 'papers.jsonl');
  writeFileSync(file, PAPERS.map((paper) => JSON.stringify(paper)).join('\n'));
  await setup.services.ingest.ingestFiles([file], 'jsonl');
  return setup;
}

describe('OpenAI-compatible embedder', () => {
  const http = () => createHttpClient({ userAgent: 't', timeoutMs: 2000, retries: 0, minIntervalMs: 0 });

  it('sends the model, the texts and the key, and puts answers back in order', async () => {
    const embedder = createOpenAiEmbedder({ http: http(), url: `${server.url}/v1/`, model: 'concepts-64', apiKey: 'k-123' });
    const [car, automobile, protein] = await embedder.embed(['car', 'automobile', 'protein'], 'document');
    expect(server.bodies[0]).toMatchObject({
      model: 'concepts-64',
      input: ['car', 'automobile', 'protein'],
      authorization: 'Bearer k-123',
    });
    expect([...car!]).toEqual([...automobile!]);
    expect([...car!]).not.toEqual([...protein!]);
    expect(Math.hypot(...car!)).toBeCloseTo(1, 5);
    expect(embedder.modelId).toBe('openai-compatible:concepts-64');
  });

  it('reports the endpoint and its message when it fails', async () => {
    server.failWith = 503;
    const embedder = createOpenAiEmbedder({ http: http(), url: `${server.url}/v1`, model: 'm' });
    await expect(embedder.embed(['x'], 'query')).rejects.toThrow(/v1\/embeddings failed after 1 attempts: HTTP 503/);
    server.failWith = 401;
    await expect(embedder.embed(['x'], 'query')).rejects.toThrow(/v1\/embeddings answered HTTP 401: model is loading/);
  });
});

describe('embedding worker', () => {
  const spec = () => ({
    provider: 'openai' as const,
    url: `${server.url}/v1`,
    model: 'concepts-64',
    apiKey: '',
    userAgent: 't',
    timeoutMs: 2000,
    retries: 0,
  });

  it('runs one job at a time in its thread, search queries ahead of waiting batches', async () => {
    const embedder = createWorkerEmbedder(spec());
    const jobs = [
      embedder.embed(['batch one'], 'document'),
      embedder.embed(['batch two'], 'document'),
      embedder.embed(['batch three'], 'document'),
      embedder.embed(['a query'], 'query'),
    ];
    const vectors = await Promise.all(jobs);
    expect(server.bodies.map((body) => body.input[0])).toEqual(['batch one', 'a query', 'batch two', 'batch three']);
    expect(vectors.map((batch) => batch[0]!.length)).toEqual([64, 64, 64, 64]);
    expect(embedder.modelId).toBe('openai-compatible:concepts-64');
    await embedder.close();
  });

  it('passes errors through with their message, and fails waiting jobs when closed', async () => {
    const embedder = createWorkerEmbedder(spec());
    server.failWith = 401;
    await expect(embedder.embed(['x'], 'query')).rejects.toThrow(/answered HTTP 401: model is loading/);
    server.failWith = null;
    const outcomes = [embedder.embed(['y'], 'document'), embedder.embed(['z'], 'document')].map((job) =>
      expect(job).rejects.toThrow('the embedder was closed'),
    );
    await embedder.close();
    await Promise.all(outcomes);
  });
});

describe('embedding queue', () => {
  it('embeds what is missing, survives a rerun, and re-embeds an edited paper', async () => {
    const { services } = await servicesWithPapers();
    const queue = services.embedQueue!;
    expect(await queue.progress()).toEqual({ embedded: 0, pending: 3 });
    expect(await queue.drain({ batchSize: 2 })).toBe(3);
    expect(server.bodies.map((body) => body.input.length)).toEqual([2, 1]);
    expect(await queue.drain()).toBe(0);
    const edit = join(tempDir(), 'edit.jsonl');
    writeFileSync(edit, JSON.stringify({ ...PAPERS[2], title: 'Protein folding with flow matching' }));
    await services.ingest.ingestFiles([edit], 'jsonl');
    expect(await queue.progress()).toEqual({ embedded: 3, pending: 1 });
  });

  it('never mixes models: another model starts from nothing', async () => {
    const first = await servicesWithPapers();
    await first.services.embedQueue!.drain();
    await first.db.close();
    const second = await createTestServices(
      { EMBEDDINGS_PROVIDER: 'openai', EMBEDDINGS_URL: `${server.url}/v1`, EMBEDDINGS_MODEL: 'other-model' },
      first.path,
    );
    expect(await second.services.embedQueue!.progress()).toEqual({ embedded: 0, pending: 3 });
    const result = await second.services.search.searchPapers('automobile');
    expect(result.hits.map((hit) => hit.id)).toEqual(['jsonl:a']);
  });
});

describe('hybrid search', () => {
  it('finds by meaning what keywords miss, fused with keyword matches', async () => {
    const { services } = await servicesWithPapers();
    await services.embedQueue!.drain();
    const ids = (await services.search.searchPapers('car safety')).hits.map((hit) => hit.id);
    expect(ids.slice(0, 2).sort()).toEqual(['jsonl:a', 'jsonl:b']);
    const keywordsOnly = (await createTestServices()).services;
    const file = join(tempDir(), 'p.jsonl');
    writeFileSync(file, PAPERS.map((paper) => JSON.stringify(paper)).join('\n'));
    await keywordsOnly.ingest.ingestFiles([file], 'jsonl');
    expect((await keywordsOnly.search.searchPapers('car')).hits.map((hit) => hit.id)).toEqual(['jsonl:b']);
  });

  it('applies filters and exclusions to papers found by meaning', async () => {
    const { services } = await servicesWithPapers();
    await services.embedQueue!.drain();
    expect((await services.search.searchPapers('car -crash')).hits.map((hit) => hit.id)).not.toContain('jsonl:a');
    expect((await services.search.searchPapers('car cat:econ')).hits.map((hit) => hit.id)).toEqual(['jsonl:b']);
  });

  it('says on every page while search by meaning is still being built', async () => {
    const { services } = await servicesWithPapers();
    const app = createApp(services);
    for (const path of ['/', '/search?q=car', '/about']) {
      expect(await (await app.request(path)).text(), path).toContain(
        '<p class="status-line" role="status">Search by meaning is still being built (0% of papers done)',
      );
    }
    await services.embedQueue!.drain();
    expect(await (await createApp(services).request('/')).text()).not.toContain('status-line');
  });

  it('leaves hidden papers out of what it finds by meaning, and of similar papers', async () => {
    const { services, db } = await servicesWithPapers();
    await services.embedQueue!.drain();
    const found = async (sort: 'relevance' | 'trending') => (await services.search.searchPapers('car', { sort })).hits.map((hit) => hit.id);
    expect(await found('relevance')).toContain('jsonl:a');
    expect((await services.search.similarPapers('jsonl:b')).map((hit) => hit.id)).toContain('jsonl:a');
    await createModerationStore(db).hide('jsonl:a', new Date().toISOString());
    for (const sort of ['relevance', 'trending'] as const) {
      expect(await found(sort)).toContain('jsonl:b');
      expect(await found(sort)).not.toContain('jsonl:a');
    }
    expect((await services.search.similarPapers('jsonl:b')).map((hit) => hit.id)).not.toContain('jsonl:a');
  });

  it('pages through the fused list with a cursor', async () => {
    const { services } = await servicesWithPapers();
    await services.embedQueue!.drain();
    const first = await services.search.searchPapers('car safety protein', { limit: 1 });
    const second = await services.search.searchPapers('car safety protein', { limit: 1, cursor: first.nextCursor });
    expect(first.hits).toHaveLength(1);
    expect(second.hits[0]!.id).not.toBe(first.hits[0]!.id);
  });

  it('finds similar papers by meaning too, which TF-IDF alone cannot', async () => {
    const papers = [
      { id: 'x', title: 'Automobile insurance pricing', abstract: 'Premiums for automobiles.' },
      { id: 'y', title: 'Car dealers and markets', abstract: 'How dealers sell cars.' },
      { id: 'z', title: 'Protein folding with diffusion', abstract: 'A generative model of protein structure.' },
    ];
    const file = join(tempDir(), 'similar.jsonl');
    writeFileSync(file, papers.map((paper) => JSON.stringify(paper)).join('\n'));
    const keywordsOnly = (await createTestServices()).services;
    await keywordsOnly.ingest.ingestFiles([file], 'jsonl');
    expect((await keywordsOnly.search.similarPapers('jsonl:x')).map((hit) => hit.id)).not.toContain('jsonl:y');
    const { services } = await createTestServices({
      EMBEDDINGS_PROVIDER: 'openai',
      EMBEDDINGS_URL: `${server.url}/v1`,
      EMBEDDINGS_MODEL: 'concepts-64',
    });
    await services.ingest.ingestFiles([file], 'jsonl');
    expect(await services.search.similarPapers('jsonl:x')).toEqual([]);
    await services.embedQueue!.drain();
    expect((await services.search.similarPapers('jsonl:x'))[0]!.id).toBe('jsonl:y');
    expect((await services.search.similarPapers('jsonl:x')).map((hit) => hit.id)).not.toContain('jsonl:x');
  });

  it('falls back to keywords, saying so, when the model is down', async () => {
    const { services } = await servicesWithPapers();
    await services.embedQueue!.drain();
    server.failWith = 500;
    const result = await services.search.searchPapers('car');
    expect(result.hits.map((hit) => hit.id)).toEqual(['jsonl:b']);
    expect(result.notes).toContain('search by meaning is unavailable right now; these are keyword matches');
  });
});
