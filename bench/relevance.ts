// npm run bench:relevance — nDCG@10 and Recall@100 of paperboy's lexical
// search on SciFact (test queries) and CACM, side by side in the same run with
// MiniSearch, Orama and SQLite FTS5's default bm25() on the same documents and
// queries; and paperboy again on PostgreSQL (a server the benchmark starts,
// lib/postgres.ts), whose nDCG must equal SQLite's. `--tune` instead tries title weights on SciFact's train queries (the
// test queries are never used to tune). With EMBEDDINGS_PROVIDER (and a model) set in the environment,
// paperboy's hybrid search is measured too.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCacm, loadSciFact, type Collection } from './lib/collections.ts';
import { mean, ndcgAt, recallAt } from './lib/metrics.ts';
import { buildFts5Default, buildFts5Porter, buildMiniSearch, buildOrama, PEER_SETTINGS, type Engine } from './lib/peers.ts';
import { machine, printTable, writeResult } from './lib/report.ts';
import { loadConfig, readEnvironment } from '../src/config.ts';
import { createLogger } from '../src/log.ts';
import { openDatabase } from '../src/db/open.ts';
import { createServices } from '../src/services.ts';
import { createLexicalSearch, DEFAULT_RANKING, type RankingOptions } from '../src/search/lexical.ts';
import { createSearch } from '../src/search/search.ts';
import { startBenchPostgres, type BenchPostgres } from './lib/postgres.ts';
import { tempDir } from '../test/helpers.ts';

const K = 100;

/** paperboy over the collection, through the real ingest (generic JSON lines) and search; on SQLite unless given a database. */
async function buildPaperboy(collection: Collection, databaseUrl?: string) {
  const dir = tempDir();
  const file = join(dir, 'docs.jsonl');
  writeFileSync(
    file,
    collection.docs
      .map((doc) => JSON.stringify({ id: doc.id, title: doc.title || '(untitled)', abstract: doc.text, authors: doc.authors }))
      .join('\n'),
  );
  // The embedding keys come from the environment: with a model configured, hybrid search is measured too.
  const config = loadConfig({ ...readEnvironment(), DATABASE_URL: databaseUrl ?? `sqlite:${join(dir, 'bench.db')}` });
  const db = await openDatabase(config.databaseUrl);
  const services = await createServices(config, db, createLogger('silent'));
  const summary = await services.ingest.ingestFiles([file], 'jsonl');
  if (summary.skipped) throw new Error(`paperboy skipped ${summary.skipped} documents: ${summary.skippedRecords[0]?.reason}`);
  const hybrid = services.embedQueue ? await embedAll(services) : null;
  const lexical = (ranking: RankingOptions): Engine => {
    const search = createSearch({
      index: createLexicalSearch(db, ranking),
      papers: services.papers,
      generation: async () => '',
      cacheSize: 0,
      trendingScores: async () => new Map(),
    });
    return {
      name: 'paperboy_lexical',
      search: async (query, k) => (await search.searchPapers(query, { limit: k })).hits.map((hit) => hit.id.replace(/^jsonl:/, '')),
    };
  };
  return { lexical, hybrid, close: () => services.close() };
}

/** Embeds every document with the configured model; the engine then searches as the product does (hybrid). */
async function embedAll(services: Awaited<ReturnType<typeof createServices>>): Promise<Engine> {
  const queue = services.embedQueue!;
  console.error(`embedding the documents with ${queue.modelId}…`);
  await queue.drain({ batchSize: 32 });
  const name = `paperboy_hybrid (${queue.modelId})`;
  return {
    name,
    search: async (query, k) => (await services.search.searchPapers(query, { limit: k })).hits.map((hit) => hit.id.replace(/^jsonl:/, '')),
  };
}

async function evaluate(engine: Engine, collection: Collection) {
  const ndcg: number[] = [];
  const recall: number[] = [];
  for (const query of collection.queries) {
    const ranked = await engine.search(query.text, K);
    const relevant = collection.qrels.get(query.id)!;
    ndcg.push(ndcgAt(10, ranked, relevant));
    recall.push(recallAt(K, ranked, relevant));
  }
  return { ndcg10: +mean(ndcg).toFixed(4), recall100: +mean(recall).toFixed(4), queries: collection.queries.length };
}

async function compare(collection: Collection, postgres: BenchPostgres) {
  const paperboy = await buildPaperboy(collection);
  const onPostgres = await buildPaperboy(collection, await postgres.database(collection.name.replace(/\W/g, '_')));
  const engines = [
    paperboy.lexical(DEFAULT_RANKING),
    { ...onPostgres.lexical(DEFAULT_RANKING), name: 'paperboy_lexical_postgres' },
    ...(paperboy.hybrid ? [paperboy.hybrid] : []),
    buildMiniSearch(collection.docs),
    await buildOrama(collection.docs),
    buildFts5Default(collection.docs),
    buildFts5Porter(collection.docs),
    buildFts5Porter(collection.docs, { eachWordOnce: true }),
  ];
  const results: Record<string, Awaited<ReturnType<typeof evaluate>>> = {};
  for (const engine of engines) results[engine.name] = await evaluate(engine, collection);
  await Promise.all([paperboy.close(), onPostgres.close()]);
  return results;
}

async function tune(): Promise<void> {
  const train = loadSciFact('train');
  const withRanking = (await buildPaperboy(train)).lexical;
  const rows = [];
  for (const title of [1, 1.5, 2, 2.5, 3, 4, 6]) {
    const ranking = { weights: { ...DEFAULT_RANKING.weights, title } };
    rows.push({ title, ...(await evaluate(withRanking(ranking), train)) });
  }
  printTable(rows.sort((a, b) => b.ndcg10 - a.ndcg10));
}

async function main(): Promise<void> {
  if (process.argv.includes('--tune')) return tune();
  const collections = [loadSciFact('test'), loadCacm()];
  const result: Record<string, unknown> = { benchmark: 'relevance', ranking: DEFAULT_RANKING, peers: PEER_SETTINGS, machine: machine() };
  printSettings();
  const postgres = await startBenchPostgres();
  const onPostgres: Record<string, unknown> = { server: postgres.settings };
  for (const collection of collections) {
    const scores = await compare(collection, postgres);
    const counts = { documents: collection.docs.length, queries: collection.queries.length };
    const name = collection.name === 'scifact-test' ? 'scifact' : collection.name;
    result[name] = { ...counts, engines: scores };
    const [sqlite, pg] = [scores.paperboy_lexical!, scores.paperboy_lexical_postgres!];
    onPostgres[name] = { ...pg, identical_to_sqlite: sqlite.ndcg10 === pg.ndcg10 && sqlite.recall100 === pg.recall100 };
    console.log(`\n${collection.name}: ${collection.docs.length} documents, ${collection.queries.length} judged queries`);
    printTable(
      Object.entries(scores).map(([engine, score]) => ({
        engine,
        'nDCG@10': score.ndcg10.toFixed(3),
        'Recall@100': score.recall100.toFixed(3),
        'vs paperboy nDCG': (score.ndcg10 / scores.paperboy_lexical!.ndcg10).toFixed(2),
      })),
    );
  }
  postgres.stop();
  result.postgres = onPostgres;
  console.log(`\nwrote ${writeResult('relevance', result)}`);
}

function printSettings(): void {
  console.log('How each peer is configured:');
  for (const [name, settings] of Object.entries(PEER_SETTINGS)) console.log(`  ${name}: ${settings}`);
}

await main();
