// Search by meaning over the HNSW index file: built in a worker when a model
// reaches VECTOR_INDEX_THRESHOLD vectors, reused after a restart, complemented
// by exact search over vectors stored since, rebuilt when stale or missing.
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSqliteServices, tempDir } from './helpers.ts';
import { startEmbeddingsServer, type EmbeddingsServer } from './embeddings-server.ts';

let server: EmbeddingsServer;
beforeEach(async () => {
  server = await startEmbeddingsServer();
});
afterEach(() => server.close());

const PAPERS = [
  { id: 'a', title: 'Automobile crash safety ratings', abstract: 'Ratings of automobiles in frontal collision tests.' },
  { id: 'b', title: 'Car sharing economics', abstract: 'How car sharing changes ownership habits.' },
  { id: 'c', title: 'Protein folding with diffusion', abstract: 'A generative model of protein structure.' },
];
const MODEL = 'openai-compatible:concepts-64';

async function setup(path?: string, threshold = '3') {
  const env = {
    EMBEDDINGS_PROVIDER: 'openai',
    EMBEDDINGS_URL: `${server.url}/v1`,
    EMBEDDINGS_MODEL: 'concepts-64',
    VECTOR_INDEX_THRESHOLD: threshold,
  };
  // The HNSW index is a file beside a SQLite database; PostgreSQL searches exactly (or with pgvector).
  return createSqliteServices(env, path);
}

async function ingest(services: Awaited<ReturnType<typeof setup>>['services'], papers: object[]) {
  const file = join(tempDir(), 'papers.jsonl');
  writeFileSync(file, papers.map((paper) => JSON.stringify(paper)).join('\n'));
  await services.ingest.ingestFiles([file], 'jsonl');
  await services.embedQueue!.drain();
}

const idsFor = async (services: Awaited<ReturnType<typeof setup>>['services'], query: string) =>
  (await services.search.searchPapers(query)).hits.map((hit) => hit.id);
/** "vehicle" is in no paper: what it finds, it finds by meaning, the two car papers first. */
const carPapersFirst = (ids: string[]) => ids.slice(0, 2).sort().join() === 'jsonl:a,jsonl:b';

describe('HNSW vector index', () => {
  it('gives every save of a model its own, later time, so the index knows exactly which vectors it lacks', async () => {
    const { services, db } = await setup();
    await ingest(services, PAPERS.slice(0, 1));
    await ingest(services, PAPERS.slice(1, 2));
    await ingest(services, PAPERS.slice(2));
    const times = (await db.column('SELECT embedded_at FROM paper_vectors ORDER BY paper_seq')) as string[];
    expect(new Set(times).size).toBe(3);
    expect([...times].sort()).toEqual(times);
    await services.close();
  });

  it('is built in the background once the threshold is reached, and then answers the searches', async () => {
    const { services, db } = await setup();
    await ingest(services, PAPERS.slice(0, 2));
    const file = services.vectorSearch.indexFile(MODEL)!;
    await idsFor(services, 'automobile');
    await services.vectorSearch.settled();
    expect(existsSync(file)).toBe(false);

    await ingest(services, PAPERS.slice(2));
    expect(carPapersFirst(await idsFor(services, 'vehicle'))).toBe(true);
    await services.vectorSearch.settled();
    expect(JSON.parse(readFileSync(`${file}.json`, 'utf8'))).toMatchObject({ model: MODEL, dimensions: 64, count: 3 });
    // With the stored vectors gone, only the index can still find papers by meaning.
    await db.run('DELETE FROM paper_vectors');
    expect(carPapersFirst(await idsFor(services, 'vehicle'))).toBe(true);
    await services.close();
  });

  it('survives a restart, finds papers embedded since it was built, and is rebuilt when stale or missing', async () => {
    const first = await setup();
    await ingest(first.services, PAPERS);
    const file = first.services.vectorSearch.indexFile(MODEL)!;
    await first.services.vectorSearch.rebuild(MODEL);
    const builtAt = statSync(file).mtimeMs;
    await first.services.close();

    const second = await setup(first.path);
    expect(carPapersFirst(await idsFor(second.services, 'vehicle'))).toBe(true);
    await second.services.vectorSearch.settled();
    expect(statSync(file).mtimeMs).toBe(builtAt);

    await ingest(second.services, [{ id: 'd', title: 'Collision avoidance for vehicles' }]);
    expect(await idsFor(second.services, 'crash')).toContain('jsonl:d');
    await second.services.vectorSearch.settled();
    expect(JSON.parse(readFileSync(`${file}.json`, 'utf8'))).toMatchObject({ count: 4 });

    rmSync(file);
    rmSync(`${file}.json`);
    const third = await setup(first.path);
    expect(await idsFor(third.services, 'crash')).toContain('jsonl:d');
    await third.services.vectorSearch.settled();
    expect(existsSync(file)).toBe(true);
    await second.services.close();
    await third.services.close();
  });

  it('answers by keyword while the first index of a collection far above the threshold is built', async () => {
    const { services } = await setup(undefined, '1');
    await ingest(services, [
      ...PAPERS,
      { id: 'd', title: 'Vehicle routing' },
      { id: 'e', title: 'Car engines' },
      { id: 'f', title: 'Crash tests' },
    ]);
    const waiting = await services.search.searchPapers('automobile');
    expect(waiting.hits.map((hit) => hit.id)).toEqual(['jsonl:a']);
    expect(waiting.notes).toContain('search by meaning is unavailable right now; these are keyword matches');
    await services.vectorSearch.settled();
    const ready = await services.search.searchPapers('automobile');
    expect(ready.notes).toEqual([]);
    expect(ready.hits.length).toBeGreaterThan(1);
    await services.close();
  });
});
