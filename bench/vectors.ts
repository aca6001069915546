// Vector search benchmark: top-10 nearest of 384-dimensional unit vectors, by
// paperboy's HNSW index (usearch, the settings of src/db/vector-index.ts) and
// by the exact sqlite-vec search it replaces above VECTOR_INDEX_THRESHOLD, on
// the same vectors and queries. Recall@10 is against exact brute force.
//
// No model can run over a million abstracts here, so the vectors are
// synthetic: unit vectors around 2,000 random cluster centres (topics), the
// way sentence embeddings of papers group by subject; queries are drawn the
// same way.
//
//   npm run bench:vectors                 sizes 100,000 and 1,000,000
//   VECTORS_SIZES=20000 npm run bench:vectors
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { availableParallelism } from 'node:os';
import Database from 'better-sqlite3';
import * as sqliteVec from 'sqlite-vec';
import usearch, { type BatchMatches, type Matches } from 'usearch';
import { hnswConfig } from '../src/db/vector-index.ts';
import { machine, printTable, writeResult } from './lib/report.ts';
import { latencySummary } from './lib/metrics.ts';
import { CLUSTERS, DIMENSIONS, clusteredVectors, topicCentres, vectorAt as row } from './lib/synthetic-vectors.ts';

const QUERIES = 200;
const EXACT_QUERIES = { small: 50, large: 10 };
const SIZES = (process.env.VECTORS_SIZES ?? '100000,1000000').split(',').map(Number);

function time<T>(work: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = work();
  return { value, ms: performance.now() - start };
}

function recallAt10(found: bigint[][], truth: bigint[][]): number {
  const hits = found.reduce((sum, keys, q) => sum + keys.filter((key) => truth[q]!.includes(key)).length, 0);
  return hits / (found.length * 10);
}

function exactTruth(vectors: Float32Array, queries: Float32Array): bigint[][] {
  const matches = usearch.exactSearch(vectors, queries, DIMENSIONS, 10, usearch.MetricKind.Cos, availableParallelism()) as BatchMatches;
  return Array.from({ length: QUERIES }, (_, q) => Array.from(matches.get(q).keys));
}

function benchHnsw(vectors: Float32Array, count: number, queries: Float32Array, truth: bigint[][]) {
  const index = new usearch.Index(hnswConfig(DIMENSIONS));
  const keys = BigUint64Array.from({ length: count }, (_, i) => BigInt(i));
  const build = time(() => index.add(keys, vectors, availableParallelism()));
  const times: number[] = [];
  const found: bigint[][] = [];
  for (let q = 0; q < QUERIES; q++) {
    const { value, ms } = time(() => index.search(row(queries, q), 10, 0) as Matches);
    times.push(ms);
    found.push(Array.from(value.keys));
  }
  return {
    buildSeconds: build.ms / 1000,
    latencyMs: latencySummary(times),
    recall10: recallAt10(found, truth),
    rssMb: Math.round(process.memoryUsage().rss / 2 ** 20),
  };
}

/** The statement VectorStore.nearest runs, over a table of the same vectors. */
function benchSqliteVec(vectors: Float32Array, count: number, queries: Float32Array, truth: bigint[][], queryCount: number) {
  const dir = mkdtempSync(join(tmpdir(), 'paperboy-vectors-'));
  const db = new Database(join(dir, 'vectors.db'));
  sqliteVec.load(db);
  db.exec(
    'CREATE TABLE paper_vectors (model TEXT NOT NULL, paper_seq INTEGER NOT NULL, vector BLOB NOT NULL, PRIMARY KEY (model, paper_seq)) WITHOUT ROWID',
  );
  const insert = db.prepare('INSERT INTO paper_vectors VALUES (?, ?, ?)');
  db.transaction(() => {
    for (let i = 0; i < count; i++) insert.run('m', i, Buffer.from(row(vectors, i).slice().buffer));
  })();
  const nearest = db
    .prepare(
      `SELECT paper_seq FROM paper_vectors WHERE model = 'm' AND length(vector) = length(@query)
    ORDER BY vec_distance_cosine(vector, @query) LIMIT 10`,
    )
    .pluck();
  const times: number[] = [];
  const found: bigint[][] = [];
  for (let q = 0; q < queryCount; q++) {
    const query = Buffer.from(row(queries, q).slice().buffer);
    const { value, ms } = time(() => nearest.all({ query }) as number[]);
    times.push(ms);
    found.push(value.map(BigInt));
  }
  db.close();
  rmSync(dir, { recursive: true, force: true });
  return { latencyMs: latencySummary(times), recall10: recallAt10(found, truth.slice(0, queryCount)), queries: queryCount };
}

const results: Record<string, unknown> = {};
const centres = topicCentres();
const queries = clusteredVectors(QUERIES, centres, 3);
for (const size of SIZES) {
  console.log(`${size.toLocaleString('en')} vectors × ${DIMENSIONS}: generating`);
  const vectors = clusteredVectors(size, centres, 2);
  const truth = exactTruth(vectors, queries);
  console.log('  HNSW (usearch): building');
  const hnsw = benchHnsw(vectors, size, queries, truth);
  console.log(`  sqlite-vec exact: ${size >= 500_000 ? EXACT_QUERIES.large : EXACT_QUERIES.small} queries`);
  const exact = benchSqliteVec(vectors, size, queries, truth, size >= 500_000 ? EXACT_QUERIES.large : EXACT_QUERIES.small);
  results[String(size)] = { hnsw, sqlite_vec_exact: exact, speedup_p50: +(exact.latencyMs.p50_ms / hnsw.latencyMs.p50_ms).toFixed(1) };
  printTable([
    {
      engine: 'paperboy HNSW',
      p50: hnsw.latencyMs.p50_ms,
      p99: hnsw.latencyMs.p99_ms,
      'recall@10': hnsw.recall10.toFixed(3),
      build_s: hnsw.buildSeconds.toFixed(1),
    },
    {
      engine: 'sqlite-vec exact',
      p50: exact.latencyMs.p50_ms,
      p99: exact.latencyMs.p99_ms,
      'recall@10': exact.recall10.toFixed(3),
      build_s: '-',
    },
  ]);
}
console.log(
  `wrote ${writeResult('vectors', { machine: machine(), dimensions: DIMENSIONS, clusters: CLUSTERS, queries: QUERIES, settings: hnswConfig(DIMENSIONS), sizes: results })}`,
);
