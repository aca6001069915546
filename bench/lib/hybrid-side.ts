// paperboy's hybrid search for the search benchmark, with synthetic vectors in
// place of a model (none can run over 75,000 abstracts here): every paper gets
// a clustered 384-dimensional vector, the HNSW index is built as the server
// would build it, and queries get a vector from their text. What is timed is
// the keyword search, the vector search and their fusion; model inference is not.
import { loadConfig } from '../../src/config.ts';
import { openDatabase } from '../../src/db/open.ts';
import { createServices } from '../../src/services.ts';
import { createLogger } from '../../src/log.ts';
import { createVectorStore } from '../../src/db/vector-store.ts';
import { createVectorSearch } from '../../src/db/vector-index.ts';
import { createLexicalSearch } from '../../src/search/lexical.ts';
import { createSearch } from '../../src/search/search.ts';
import type { Embedder } from '../../src/embeddings/embedder.ts';
import type { Engine } from './peers.ts';
import { clusteredVectors, topicCentres, vectorAt } from './synthetic-vectors.ts';

const MODEL = 'synthetic:clustered-384';
const INDEX_OPTIONS = { threshold: 20_000, staleShare: 0.1 };
const log = createLogger('silent');

/** Stores a vector for every paper and builds the model's HNSW index file beside the database. */
export async function addSyntheticVectors(databaseUrl: string): Promise<void> {
  const db = await openDatabase(databaseUrl);
  const papers = (await db.all('SELECT seq, content_hash AS "contentHash" FROM papers ORDER BY seq')) as {
    seq: number;
    contentHash: string;
  }[];
  const vectors = clusteredVectors(papers.length, topicCentres(), 2);
  const store = createVectorStore(db);
  await store.save(
    MODEL,
    papers.map((paper, i) => ({ ...paper, vector: vectorAt(vectors, i) })),
  );
  await createVectorSearch(db, store, log, INDEX_OPTIONS).rebuild(MODEL);
  await db.close();
}

/** A query's vector: a point near a topic centre chosen by the text. */
function queryVector(text: string, centres: Float32Array): Float32Array {
  let seed = 17;
  for (const char of text) seed = (Math.imul(seed, 31) + char.charCodeAt(0)) >>> 0;
  return clusteredVectors(1, centres, seed);
}

export async function hybridEngine(databaseUrl: string): Promise<Engine> {
  const config = loadConfig({ DATABASE_URL: databaseUrl });
  const db = await openDatabase(config.databaseUrl);
  const { papers } = await createServices(config, db, log);
  const centres = topicCentres();
  const embedder: Embedder = { modelId: MODEL, embed: async (texts) => texts.map((text) => queryVector(text, centres)) };
  const vectors = createVectorSearch(db, createVectorStore(db), log, INDEX_OPTIONS);
  const search = createSearch({
    index: createLexicalSearch(db),
    papers,
    semantic: { embedder, vectors, log },
    generation: async () => '',
    cacheSize: 0,
    trendingScores: async () => new Map(),
  });
  return {
    name: 'paperboy_hybrid',
    search: async (query, k) => (await search.searchPapers(query, { limit: k })).hits.map((hit) => hit.id),
  };
}
