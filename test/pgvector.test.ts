// Search by meaning on PostgreSQL: through pgvector's HNSW index when the
// server has the extension (real pgvector, in PGlite, served over the
// PostgreSQL protocol on loopback: Debian's PostgreSQL 15 has no pgvector
// package), and exactly, with a notice at start, when it has not.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/open.ts';
import { createServices } from '../src/services.ts';
import { fixturePath, tempDir } from './helpers.ts';
import { freePort, startPostgres, type PostgresServer } from './postgres-server.ts';
import { writeTinyModel } from './tiny-model/tiny-bert.ts';

const WORDS = 'language model agent learning graph neural network quantum speech audio codec vision image diffusion retrieval'.split(' ');

let pglite: PGlite;
let socket: PGLiteSocketServer;
let pgliteUrl: string;
let plain: PostgresServer;
let modelDir: string;
beforeAll(async () => {
  modelDir = writeTinyModel(join(tempDir(), 'tiny-bert'), { words: WORDS, dimensions: 16 });
  pglite = await PGlite.create({ extensions: { vector } });
  const port = await freePort();
  socket = new PGLiteSocketServer({ db: pglite, port, host: '127.0.0.1', maxConnections: 20 });
  await socket.start();
  pgliteUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
  plain = await startPostgres();
}, 60_000);
afterAll(async () => {
  await socket?.stop();
  await pglite?.close();
  plain?.stop();
});

/** A hub on `url` with the tiny model, its log lines kept. */
async function hubOn(url: string) {
  const logs: string[] = [];
  const sink = new Writable({ write: (chunk: Buffer, _encoding, done) => (logs.push(chunk.toString()), done()) });
  // PGlite is one session, shared by the connections its server multiplexes: one connection, so
  // that prepared statements of one are not those of another.
  const config = loadConfig({
    DATABASE_URL: url,
    DATABASE_POOL_SIZE: '1',
    EMBEDDINGS_PROVIDER: 'transformers',
    EMBEDDINGS_MODEL: modelDir,
  });
  const services = await createServices(
    config,
    await openDatabase(url, { poolSize: config.databasePoolSize }),
    pino({ level: 'info' }, sink),
  );
  return { services, logs };
}

describe('search by meaning on PostgreSQL', () => {
  it('goes through an HNSW index with pgvector, finding what exact search finds', { timeout: 120_000 }, async () => {
    const { services, logs } = await hubOn(pgliteUrl);
    expect(logs.join('')).toContain('search by meaning uses pgvector (HNSW)');
    await services.ingest.ingestFiles([fixturePath('hf-daily/2026-08-21.json')], undefined);
    expect(await services.embedQueue!.drain()).toBeGreaterThan(10);
    const model = services.embedQueue!.modelId;
    const query = (await services.vectorSearch.vectorOf(model, '2608.19880'))!.vector;

    // The first search is exact (there is no index yet) and starts filling one; later ones go through it.
    const hnswIndexes = "SELECT indexdef FROM pg_indexes WHERE indexdef LIKE '%USING hnsw%'";
    expect((await pglite.query(hnswIndexes)).rows).toHaveLength(0);
    const exact = await services.vectorSearch.nearest(model, query, 100);
    expect(exact[0]).toMatchObject({ distance: expect.closeTo(0, 5) });
    const exactDistance = new Map(exact.map((hit) => [hit.seq, hit.distance]));
    await services.vectorSearch.settled();
    const table = await pglite.query<{ indexdef: string }>(hnswIndexes);
    expect(table.rows).toHaveLength(1);
    expect(table.rows[0]!.indexdef).toContain('vector_cosine_ops');
    const indexTable = /ON (?:public\.)?(\w+)/.exec(table.rows[0]!.indexdef)![1]!;
    const plan = await pglite.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN SELECT paper_seq FROM ${indexTable} ORDER BY embedding <=> '[${Array.from(query).join(',')}]' LIMIT 10`,
    );
    expect(plan.rows.map((row) => row['QUERY PLAN']).join('\n')).toMatch(/Index Scan using \w+_hnsw/);
    // The ten nearest, as exact search ranks them (papers at equal distances may swap places).
    const viaIndex = await services.vectorSearch.nearest(model, query, 10);
    expect(viaIndex).toHaveLength(10);
    viaIndex.forEach((hit, index) => {
      expect(hit.distance).toBeCloseTo(exactDistance.get(hit.seq)!, 5);
      expect(hit.distance).toBeCloseTo(exact[index]!.distance, 5);
    });

    // A paper embedded after the fill is found at once (searched exactly beside the index), then filled in.
    const file = join(tempDir(), 'late.jsonl');
    writeFileSync(
      file,
      JSON.stringify({ id: 'late', title: 'Quantum speech codec', abstract: 'Audio diffusion retrieval.', categories: ['cs.SD'] }),
    );
    await services.ingest.ingestFiles([file], 'jsonl');
    await services.embedQueue!.drain();
    const late = (await services.vectorSearch.vectorOf(model, 'jsonl:late'))!;
    const indexed = async () => (await pglite.query(`SELECT 1 FROM ${indexTable} WHERE paper_seq = ${late.seq}`)).rows.length;
    expect(await indexed()).toBe(0);
    expect((await services.vectorSearch.nearest(model, late.vector, 3))[0]).toMatchObject({ seq: late.seq });
    await services.vectorSearch.settled();
    expect(await indexed()).toBe(1);
    await services.close();
  });

  it('searches exactly without pgvector, and says so at start', async () => {
    const { services, logs } = await hubOn(plain.url());
    expect(logs.join('')).toContain(
      'pgvector is not installed on this PostgreSQL server: search by meaning compares the query with every stored vector',
    );
    await services.ingest.ingestFiles([fixturePath('hf-daily/2026-08-21.json')], undefined);
    await services.embedQueue!.drain();
    const model = services.embedQueue!.modelId;
    const query = (await services.vectorSearch.vectorOf(model, '2608.19880'))!.vector;
    const found = await services.vectorSearch.nearest(model, query, 5);
    expect(found[0]!.distance).toBeCloseTo(0, 5);
    await services.close();
  });
});
