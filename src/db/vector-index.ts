// Nearest vectors for search by meaning. Below a configurable number of
// vectors, exact search in SQLite (sqlite-vec). From there on, an HNSW index
// (usearch) kept in a file beside the database: built in a worker thread when
// missing or stale, memory-mapped once built, and complemented by an exact
// search over the vectors stored since it was built, so nothing is missed.
// A collection far above the threshold waits for its first index (searches
// are keyword-only meanwhile) rather than scan millions of vectors per query.
// On PostgreSQL with pgvector, its HNSW index plays that part (pgvector-index.ts).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import usearch, { type Index, type IndexConfig } from 'usearch';
import type { Logger } from '../log.ts';
import { AppError } from '../errors.ts';
import { startWorker } from '../worker.ts';
import { sqliteFile, type Db } from './open.ts';
import type { Neighbour, VectorStore } from './vector-store.ts';
import type { BuildJob } from './vector-index-worker.ts';
import type { PgvectorIndex } from './pgvector-index.ts';

/** Cosine over half-precision vectors: half the memory of f32 at the same recall (bench/vectors.ts). */
export function hnswConfig(dimensions: number): IndexConfig {
  return {
    dimensions,
    metric: usearch.MetricKind.Cos,
    quantization: usearch.ScalarKind.F16,
    connectivity: 16,
    expansion_add: 128,
    expansion_search: 192,
    multi: false,
  };
}

/** Without an index, exact search stops at this many times the threshold (it would take seconds); keyword search answers meanwhile. */
const EXACT_LIMIT = 5;

/** After a failed build, the next try waits this long. */
const RETRY_AFTER_MS = 60_000;

/** What an index file holds: vectors of one model stored up to builtThrough. */
export interface IndexManifest {
  model: string;
  dimensions: number;
  count: number;
  /** The newest embedded_at in the index: each save has its own time, so later ones are not in it. */
  builtThrough: string;
}

export interface VectorIndexOptions {
  /** From this many vectors of a model on, search goes through the HNSW index. */
  threshold: number;
  /** Rebuild once this share of the vectors was stored after the index was built. */
  staleShare: number;
}

interface LoadedIndex {
  index: Index;
  manifest: IndexManifest;
}

export function createVectorSearch(
  db: Db,
  store: VectorStore,
  log: Logger,
  options: VectorIndexOptions,
  pgvector: PgvectorIndex | null = null,
) {
  // A SQLite file keeps its index beside it; PostgreSQL uses pgvector when it has it; others search exactly.
  const file = sqliteFile(db);
  const dir = file ? `${file}-vectors` : null;
  const loaded = new Map<string, LoadedIndex>();
  const building = new Map<string, Promise<void>>();
  const failedAt = new Map<string, number>();

  const fileFor = (model: string) => join(dir!, `${createHash('sha256').update(model).digest('hex').slice(0, 16)}.usearch`);

  function load(model: string): LoadedIndex | null {
    const file = fileFor(model);
    const current = loaded.get(model);
    if (current) return current;
    if (!existsSync(file) || !existsSync(`${file}.json`)) return null;
    const manifest = JSON.parse(readFileSync(`${file}.json`, 'utf8')) as IndexManifest;
    if (manifest.model !== model) return null;
    const index = new usearch.Index(hnswConfig(manifest.dimensions));
    index.view(file);
    const entry = { index, manifest };
    loaded.set(model, entry);
    return entry;
  }

  /** Builds the model's index in a worker thread; the next searches use it once it is written. */
  function rebuild(model: string): Promise<void> {
    const running = building.get(model);
    if (running) return running;
    if (Date.now() - (failedAt.get(model) ?? -Infinity) < RETRY_AFTER_MS) return Promise.resolve();
    mkdirSync(dir!, { recursive: true });
    const job: BuildJob = { dbPath: file!, model, file: fileFor(model), threads: Math.max(1, availableParallelism() - 1) };
    const started = Date.now();
    log.info({ model }, 'building the vector index');
    const done = new Promise<void>((resolve, reject) => {
      const worker = startWorker(new URL('./vector-index-worker.ts', import.meta.url), job);
      worker.once('message', (answer: { ok: true; manifest: IndexManifest } | { ok: false; message: string }) => {
        if (answer.ok) {
          loaded.delete(model);
          log.info({ model, vectors: answer.manifest.count, seconds: (Date.now() - started) / 1000 }, 'vector index built');
          resolve();
        } else reject(new Error(answer.message));
      });
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`the index builder stopped (exit code ${code})`)));
    })
      .catch((error: unknown) => {
        failedAt.set(model, Date.now());
        log.warn({ model, err: (error as Error).message }, 'building the vector index failed; searching exactly meanwhile');
      })
      .finally(() => building.delete(model));
    building.set(model, done);
    return done;
  }

  /** Copies new vectors into pgvector's table in the background (one fill at a time). */
  function fill(model: string): Promise<void> {
    const running = building.get(model);
    if (running) return running;
    const done = pgvector!
      .fill(model)
      .catch((error: unknown) =>
        log.warn({ model, err: (error as Error).message }, 'filling the pgvector index failed; searching exactly meanwhile'),
      )
      .finally(() => building.delete(model));
    building.set(model, done);
    return done;
  }

  async function nearestByPgvector(model: string, query: Float32Array, k: number): Promise<Neighbour[]> {
    const state = await pgvector!.state(model);
    if (!state || state.dimensions !== query.length) {
      void fill(model);
      return exactWhileBuilding(model, query, k);
    }
    const recent = await store.nearestSince(model, query, k, state.builtThrough);
    if (recent.count) void fill(model);
    return merge(await pgvector!.nearest(model, query, k), recent.neighbours, k);
  }

  /** Exact search, unless the collection is too large for it (keyword search answers until the index is there). */
  async function exactWhileBuilding(model: string, query: Float32Array, k: number): Promise<Neighbour[]> {
    if ((await store.count(model)) > EXACT_LIMIT * options.threshold)
      throw new AppError('unavailable', `the vector index of ${model} is being built`);
    return store.nearest(model, query, k);
  }

  async function nearest(model: string, query: Float32Array, k: number): Promise<Neighbour[]> {
    if (pgvector) return nearestByPgvector(model, query, k);
    if (!dir) return store.nearest(model, query, k);
    const entry = load(model);
    if (!entry || entry.manifest.dimensions !== query.length) {
      // Cheap beside the exact search that follows: it reads the small time index, not the vectors.
      if ((await store.count(model)) >= options.threshold) void rebuild(model);
      return exactWhileBuilding(model, query, k);
    }
    const recent = await store.nearestSince(model, query, k, entry.manifest.builtThrough);
    if (recent.count > options.staleShare * entry.manifest.count) void rebuild(model);
    return merge(searchIndex(entry, query, k), recent.neighbours, k);
  }

  return {
    nearest,
    vectorOf: store.vectorOf,
    /** Brings the model's index up to date: a new HNSW file on SQLite, new vectors into pgvector's table. */
    rebuild: (model: string) => (pgvector ? fill(model) : rebuild(model)),
    /** The index file of a model, or null for an in-memory database (which always searches exactly). */
    indexFile: (model: string) => (dir ? fileFor(model) : null),
    /** Resolves when no index is being built. */
    settled: async () => void (await Promise.all(building.values())),
  };
}

export type VectorSearch = ReturnType<typeof createVectorSearch>;

function searchIndex(entry: LoadedIndex, query: Float32Array, k: number): Neighbour[] {
  const found = entry.index.search(query, k, 0);
  return Array.from(found.keys, (key, i) => ({ seq: Number(key), distance: found.distances[i]! }));
}

/** Both lists by distance; a paper re-embedded since the build counts with its new vector. */
function merge(fromIndex: Neighbour[], recent: Neighbour[], k: number): Neighbour[] {
  const renewed = new Set(recent.map((neighbour) => neighbour.seq));
  return [...recent, ...fromIndex.filter((neighbour) => !renewed.has(neighbour.seq))].sort((a, b) => a.distance - b.distance).slice(0, k);
}
