// Search by meaning with the real transformers.js pipeline, running a tiny
// BERT-shaped ONNX model the suite writes itself; the embedding worker thread,
// the background embedder, model changes, and "paperboy models pull" from a
// loopback hub.
import { execFile } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestServices, tempDir } from './helpers.ts';
import { startReplayServer } from './replay-server.ts';
import { writeTinyModel } from './tiny-model/tiny-bert.ts';
import { createTransformersEmbedder } from '../src/embeddings/transformers.ts';
import { createApp } from '../src/web/app.ts';
import { createBackgroundEmbedding, embeddingLease } from '../src/embeddings/background.ts';
import { createLogger } from '../src/log.ts';

const PAPERS = [
  {
    id: 'codec',
    title: 'A neural speech codec at low bitrate',
    abstract: 'We compress speech audio with a learned codec.',
    categories: ['eess.AS'],
  },
  {
    id: 'protein',
    title: 'Protein folding with diffusion',
    abstract: 'A generative model of protein structure.',
    categories: ['q-bio.BM'],
  },
  {
    id: 'traffic',
    title: 'Traffic forecasting for cities',
    abstract: 'Predicting road congestion from sensor data.',
    categories: ['cs.LG'],
  },
];
const WORDS = [
  ...new Set(PAPERS.flatMap((paper) => `${paper.title} ${paper.abstract}`.toLowerCase().match(/[a-z]+/g)!)),
  'vocoder',
  'waveform',
];
const CONCEPTS = { vocoder: 'codec', waveform: 'audio', speech: 'audio' };

let modelDir: string;
beforeAll(async () => {
  modelDir = writeTinyModel(join(tempDir(), 'tiny-bert'), { words: WORDS, concepts: CONCEPTS });
});

const dot = (a: Float32Array, b: Float32Array) => a.reduce((sum, value, index) => sum + value * b[index]!, 0);

async function servicesWithPapers(env: Record<string, string> = {}, path?: string) {
  const setup = await createTestServices({ EMBEDDINGS_PROVIDER: 'transformers', EMBEDDINGS_MODEL: modelDir, ...env }, path);
  await setup.services.ingest.ingestFiles([papersFile(PAPERS)], 'jsonl');
  return setup;
}

function papersFile(papers: object[]): string {
  const file = join(tempDir(), 'papers.jsonl');
  writeFileSync(file, papers.map((paper) => JSON.stringify(paper)).join('\n'));
  return file;
}

async function until(condition: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('transformers.js embedder', () => {
  it('runs the model: unit vectors of its hidden size, the same text the same vector, related words close', async () => {
    const embedder = createTransformersEmbedder({ model: modelDir, modelsDir: tempDir(), hubCache: tempDir(), threads: 1 });
    const [codec, vocoder, protein, again] = await embedder.embed(
      ['speech codec', 'vocoder', 'protein folding', 'speech codec'],
      'document',
    );
    expect(codec).toHaveLength(32);
    expect(Math.hypot(...codec!)).toBeCloseTo(1, 5);
    expect([...again!]).toEqual([...codec!]);
    expect(dot(codec!, vocoder!)).toBeGreaterThan(dot(codec!, protein!) + 0.3);
    expect(embedder.modelId).toBe(`transformers:${modelDir}`);
  });

  it('finds a model in the Hugging Face hub cache, at the snapshot its main ref names', async () => {
    const hubCache = tempDir();
    const repo = join(hubCache, 'models--tiny--cached-bert');
    writeTinyModel(join(repo, 'snapshots', 'abc123'), { words: WORDS, dimensions: 8 });
    mkdirSync(join(repo, 'refs'));
    writeFileSync(join(repo, 'refs', 'main'), 'abc123\n');
    const embedder = createTransformersEmbedder({ model: 'tiny/cached-bert', modelsDir: tempDir(), hubCache, threads: 1 });
    expect((await embedder.embed(['speech codec'], 'document'))[0]).toHaveLength(8);
  });

  it('says how to get a model that is not on this machine', async () => {
    const embedder = createTransformersEmbedder({ model: 'nobody/no-such-model', modelsDir: tempDir(), hubCache: tempDir(), threads: 1 });
    await expect(embedder.embed(['x'], 'query')).rejects.toThrow(
      /embedding model nobody\/no-such-model is not on this machine .*paperboy models pull/,
    );
  });
});

describe('search by meaning with transformers.js in the embedding worker', () => {
  it('finds lexically before vectors exist, and by meaning once the worker has embedded', async () => {
    const { services } = await servicesWithPapers();
    expect((await services.search.searchPapers('protein')).hits.map((hit) => hit.id)).toEqual(['jsonl:protein']);
    expect(await services.embedQueue!.drain()).toBe(3);
    const ids = (await services.search.searchPapers('vocoder')).hits.map((hit) => hit.id);
    expect(ids[0]).toBe('jsonl:codec');
    await services.close();
  });

  it('embeds in the background while serving, shows progress, and re-embeds when the model changes', async () => {
    const first = await servicesWithPapers();
    const background = first.services.backgroundEmbedding!;
    expect(await background.status()).toMatchObject({ state: 'stopped', embedded: 0, pending: 3 });
    background.start();
    await until(async () => (await background.status()).state === 'idle');
    const status = await createApp(first.services).request('/api/status');
    expect(await status.json()).toMatchObject({
      papers: 3,
      embeddings: { model: `transformers:${modelDir}`, state: 'idle', embedded: 3, pending: 0 },
    });
    const page = await (await createApp(first.services).request('/status')).text();
    expect(page).toContain('3 of 3 papers have');
    await first.services.close();

    const otherModel = writeTinyModel(join(tempDir(), 'other-bert'), { words: WORDS, dimensions: 16 });
    const second = await createTestServices({ EMBEDDINGS_PROVIDER: 'transformers', EMBEDDINGS_MODEL: otherModel }, first.path);
    const rerun = second.services.backgroundEmbedding!;
    expect(await rerun.status()).toMatchObject({ embedded: 0, pending: 3 });
    rerun.start();
    await until(async () => (await rerun.status()).state === 'idle');
    expect(await rerun.status()).toMatchObject({ model: `transformers:${otherModel}`, embedded: 3, pending: 0 });
    const stored = await second.db.all('SELECT model, count(*) AS n FROM paper_vectors GROUP BY model');
    expect(stored).toHaveLength(2);
    expect(stored).toEqual(
      expect.arrayContaining([
        { model: `transformers:${otherModel}`, n: 3 },
        { model: `transformers:${modelDir}`, n: 3 },
      ]),
    );
    expect((await second.services.search.searchPapers('protein folding')).hits[0]!.id).toBe('jsonl:protein');
    await second.services.close();
  });

  it('embeds in one process at a time when several share a database, and another takes over when it stops', async () => {
    const { services, path } = await servicesWithPapers();
    const other = await createTestServices({ EMBEDDINGS_PROVIDER: 'transformers', EMBEDDINGS_MODEL: modelDir }, path);
    const options = { batchSize: 1, idleMs: 50, retryMs: 50 };
    const log = createLogger('silent');
    const first = createBackgroundEmbedding(services.embedQueue!, log, embeddingLease(services.jobLeases, 'first'), options);
    const second = createBackgroundEmbedding(other.services.embedQueue!, log, embeddingLease(other.services.jobLeases, 'second'), options);
    first.start();
    await until(async () => (await first.status()).state !== 'starting');
    second.start();
    await until(async () => (await second.status()).state === 'elsewhere');
    await until(async () => (await first.status()).state === 'idle');
    expect(await second.status()).toMatchObject({ state: 'elsewhere', embedded: 3, pending: 0 });
    await first.stop();
    await services.ingest.ingestFiles(
      [papersFile([{ id: 'later', title: 'A later paper on audio', abstract: 'Speech.', categories: ['cs.SD'] }])],
      'jsonl',
    );
    await until(async () => (await second.status()).state === 'idle' && (await second.status()).pending === 0);
    expect(await second.status()).toMatchObject({ embedded: 4 });
    await second.stop();
    await other.services.close();
    await services.close();
  });

  it('keeps serving keyword results, saying why, while the model is missing', async () => {
    const { services } = await servicesWithPapers({ EMBEDDINGS_MODEL: 'nobody/no-such-model' });
    const background = services.backgroundEmbedding!;
    background.start();
    await until(async () => (await background.status()).state === 'failing');
    expect((await background.status()).lastError).toMatch(/paperboy models pull/);
    const result = await services.search.searchPapers('protein');
    expect(result.hits.map((hit) => hit.id)).toEqual(['jsonl:protein']);
    expect(result.notes).toContain('search by meaning is unavailable right now; these are keyword matches');
    await services.close();
  });
});

describe('the paperboy command with transformers.js', () => {
  const BIN = fileURLToPath(new URL('../bin/paperboy.js', import.meta.url));
  // Asynchronous, so that the loopback hub in this process can answer meanwhile.
  const run = (args: string[], env: Record<string, string>) =>
    new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      const options = {
        encoding: 'utf8' as const,
        env: { PATH: process.env.PATH, LOG_LEVEL: 'warn', DATABASE_URL: `sqlite:${join(tempDir(), 'x.db')}`, ...env },
      };
      execFile(process.execPath, [BIN, ...args], options, (error, stdout, stderr) =>
        resolve({ status: error ? (error.code as number) : 0, stdout, stderr }),
      );
    });

  it('downloads a model from the hub into MODELS_DIR, ready for offline use', async () => {
    // A loopback hub serving the tiny model's files at /{model}/resolve/main/{file}.
    const hub = await startReplayServer((request, response) => {
      const file = join(modelDir, decodeURIComponent(request.url!.replace(/^\/tiny\/bert\/resolve\/main\//, '')));
      if (!request.url!.startsWith('/tiny/bert/resolve/main/') || !existsSync(file)) return response.writeHead(404).end('Entry not found');
      response.writeHead(200, { 'content-type': 'application/octet-stream' });
      createReadStream(file).pipe(response);
    });
    const modelsDir = tempDir();
    const pulled = await run(['models', 'pull', 'tiny/bert'], { HF_HUB_URL: hub.url, MODELS_DIR: modelsDir });
    await hub.close();
    expect(pulled.stderr).toContain('fetched onnx/model.onnx');
    expect(pulled.status).toBe(0);
    expect(pulled.stdout).toContain(`tiny/bert is ready in ${join(modelsDir, 'tiny/bert')}`);
    expect(existsSync(join(modelsDir, 'tiny/bert/1_Pooling/config.json'))).toBe(true);
    const embedder = createTransformersEmbedder({ model: 'tiny/bert', modelsDir, hubCache: tempDir(), threads: 1 });
    expect(await embedder.embed(['speech codec'], 'query')).toHaveLength(1);
  });

  it('says clearly when the hub cannot be reached', async () => {
    const failed = await run(['models', 'pull', 'tiny/bert'], { HF_HUB_URL: 'http://127.0.0.1:9', MODELS_DIR: tempDir() });
    expect(failed.status).toBe(3);
    expect(failed.stderr).toMatch(/could not download tiny\/bert from http:\/\/127\.0\.0\.1:9: .*set EMBEDDINGS_MODEL to that folder/);
  });

  it('embeds from the command line, with progress in paperboy stats', async () => {
    const env = { EMBEDDINGS_PROVIDER: 'transformers', EMBEDDINGS_MODEL: modelDir, DATABASE_URL: `sqlite:${join(tempDir(), 'cli.db')}` };
    const papers = join(tempDir(), 'papers.jsonl');
    writeFileSync(papers, PAPERS.map((paper) => JSON.stringify(paper)).join('\n'));
    expect((await run(['ingest', 'file', papers], env)).status).toBe(0);
    const before = JSON.parse((await run(['stats', '--json'], env)).stdout) as { embeddings: object };
    expect(before.embeddings).toEqual({ model: `transformers:${modelDir}`, embedded: 0, pending: 3 });
    const embedded = await run(['embed'], env);
    expect(embedded.stdout).toContain(`embedded 3 papers with transformers:${modelDir}; 3 have vectors, 0 pending`);
    expect((await run(['stats'], env)).stdout).toContain(`embeddings    3 embedded, 0 pending (transformers:${modelDir})`);
  });

  it('rejects an unknown action', async () => {
    expect((await run(['models', 'fetch'], {})).status).toBe(2);
  });
});
