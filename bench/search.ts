// npm run bench:search — search latency over the real papers of the arXiv CS
// listing crawl (74,728): paperboy (lexical, with snippets) against MiniSearch,
// Orama and SQLite FTS5 bm25() (the engine paperboy's own index replaced), on
// the same corpus and queries, each engine in its own process
// after the same warm-up. Queries: SciFact claims, title fragments, 1-3
// keyword queries, and (paperboy only) author and category filters. paperboy
// runs twice: lexical, and hybrid over synthetic vectors (lib/hybrid-side.ts);
// then lexical again on PostgreSQL (the same database copied by `db copy` onto
// a server the benchmark starts, lib/postgres.ts). The same queries over
// 2.7 million papers: npm run bench:scale.
import { fork } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { machine, printTable, writeResult } from './lib/report.ts';
import { buildFts5Porter, buildMiniSearch, buildOrama, PEER_SETTINGS, type Engine } from './lib/peers.ts';
import type { Doc } from './lib/collections.ts';
import { listingFiles, readListingPapers } from './lib/listing.ts';
import { buildQueries } from './lib/queries.ts';
import { latencySummary } from './lib/metrics.ts';
import { timeQueries } from './lib/timing.ts';
import { startBenchPostgres } from './lib/postgres.ts';
import { tempDir } from '../test/helpers.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
/** A slow engine stops after this many seconds of timed queries (it always completes one round). */
const BUDGET_S = Number(process.env.BENCH_BUDGET_S ?? 90);
const LIMIT = 20;
const PEERS = ['minisearch', 'orama', 'fts5_porter'] as const;
/** Queries of each kind. Orama needs seconds for a long OR query, which bounds the set. */
const PER_KIND = Number(process.env.BENCH_QUERIES_PER_KIND ?? 40);
const SIDES = ['paperboy', 'paperboy_hybrid', ...PEERS] as const;
type Side = (typeof SIDES)[number];

interface SideResult {
  side: Side;
  latenciesMs: Record<string, number[]>;
  buildSeconds: number;
  peakRssMb: number;
}

/** The database and how many papers it holds (counted, not assumed). */
async function buildPaperboyDb(
  dir: string,
  files: string[],
  format: 'arxiv-listing' | 'jsonl',
): Promise<{ databaseUrl: string; papers: number }> {
  const { loadConfig } = await import('../src/config.ts');
  const { openDatabase } = await import('../src/db/open.ts');
  const { createServices } = await import('../src/services.ts');
  const { createLogger } = await import('../src/log.ts');
  const config = loadConfig({ DATABASE_URL: `sqlite:${join(dir, 'search.db')}` });
  const db = await openDatabase(config.databaseUrl);
  const services = await createServices(config, db, createLogger('silent'));
  await services.ingest.ingestFiles(files, format);
  const papers = await services.papers.countPapers();
  await db.close();
  return { databaseUrl: config.databaseUrl, papers };
}

async function paperboyEngine(databaseUrl: string): Promise<Engine> {
  const { loadConfig } = await import('../src/config.ts');
  const { openDatabase } = await import('../src/db/open.ts');
  const { createServices } = await import('../src/services.ts');
  const { createLogger } = await import('../src/log.ts');
  // The engine itself is timed: no cache of results between rounds.
  const config = loadConfig({ DATABASE_URL: databaseUrl, SEARCH_CACHE_SIZE: '0' });
  const { search } = await createServices(config, await openDatabase(config.databaseUrl), createLogger('silent'));
  return { name: 'paperboy', search: async (query, k) => (await search.searchPapers(query, { limit: k })).hits.map((hit) => hit.id) };
}

async function buildEngine(side: Side, databaseUrl: string, docs: Doc[]): Promise<Engine> {
  if (side === 'paperboy') return paperboyEngine(databaseUrl);
  if (side === 'paperboy_hybrid') return (await import('./lib/hybrid-side.ts')).hybridEngine(databaseUrl);
  if (side === 'fts5_porter') return buildFts5Porter(docs);
  return side === 'minisearch' ? buildMiniSearch(docs) : await buildOrama(docs);
}

async function runSide(side: Side, databaseUrl: string): Promise<SideResult> {
  const docs = await readListingPapers();
  const ours = side.startsWith('paperboy');
  const queries = buildQueries(docs, PER_KIND).filter((query) => ours || (query.kind !== 'author' && query.kind !== 'category'));
  const started = performance.now();
  const engine = await buildEngine(side, databaseUrl, docs);
  const buildSeconds = (performance.now() - started) / 1000;
  const latenciesMs = await timeQueries(queries, (query) => engine.search(query.text, LIMIT), { rounds: ROUNDS, budgetS: BUDGET_S });
  return { side, latenciesMs, buildSeconds, peakRssMb: process.resourceUsage().maxRSS / 1024 };
}

function runInChild(side: Side, databaseUrl: string): Promise<SideResult> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), ['--side', side, databaseUrl], {
      execArgv: ['--import', 'tsx', '--max-old-space-size=8192'],
    });
    child.once('message', (message) => resolve(message as SideResult));
    child.once('exit', (code) => code !== 0 && reject(new Error(`${side} exited with ${code}`)));
  });
}

/** paperboy's lexical side again, on the same database copied into PostgreSQL. */
async function postgresSide(sqliteUrl: string, sqliteP50: number) {
  const { copyDatabase } = await import('../src/services.ts');
  const server = await startBenchPostgres();
  console.error('copying the database into PostgreSQL…');
  const url = await server.database('search');
  await copyDatabase(sqliteUrl, url);
  const result = await runInChild('paperboy', url);
  server.stop();
  const text = latencySummary(['claim', 'title', 'keywords'].flatMap((kind) => result.latenciesMs[kind] ?? []));
  return {
    server: server.settings,
    text_queries: text,
    by_kind: Object.fromEntries(Object.entries(result.latenciesMs).map(([kind, values]) => [kind, latencySummary(values)])),
    build_s: +result.buildSeconds.toFixed(2),
    peak_rss_mb: Math.round(result.peakRssMb),
    p50_vs_sqlite: +(text.p50_ms / sqliteP50).toFixed(2),
    targets: { p50_ms: 10, p50_vs_sqlite: 3 },
  };
}

/** How many queries of each kind were timed (each engine runs the same set). */
async function queryCounts(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const query of buildQueries(await readListingPapers(), PER_KIND)) counts[query.kind] = (counts[query.kind] ?? 0) + 1;
  return counts;
}

async function main(): Promise<void> {
  const sideAt = process.argv.indexOf('--side');
  if (sideAt > 0) {
    process.send!(await runSide(process.argv[sideAt + 1] as Side, process.argv[sideAt + 2]!));
    return;
  }
  for (const [name, settings] of Object.entries(PEER_SETTINGS))
    if ((PEERS as readonly string[]).includes(name)) console.log(`${name}: ${settings}`);
  const dir = tempDir();
  console.error('building the paperboy database from the listing crawl…');
  const { databaseUrl, papers: count } = await buildPaperboyDb(dir, listingFiles(), 'arxiv-listing');
  console.error('adding synthetic vectors and building their HNSW index…');
  await (await import('./lib/hybrid-side.ts')).addSyntheticVectors(databaseUrl);
  const sides: Record<string, unknown> = {};
  const rows = [];
  for (const side of SIDES) {
    const result = await runInChild(side, databaseUrl);
    const text = ['claim', 'title', 'keywords'].flatMap((kind) => result.latenciesMs[kind] ?? []);
    const byKind = Object.fromEntries(Object.entries(result.latenciesMs).map(([kind, values]) => [kind, latencySummary(values)]));
    sides[side] = {
      text_queries: latencySummary(text),
      by_kind: byKind,
      build_s: +result.buildSeconds.toFixed(2),
      peak_rss_mb: Math.round(result.peakRssMb),
    };
    rows.push({ engine: side, ...latencySummary(text), 'peak RSS MB': Math.round(result.peakRssMb) });
    if (side.startsWith('paperboy'))
      for (const kind of ['author', 'category'])
        rows.push({ engine: `${side} ${kind} filter`, ...latencySummary(result.latenciesMs[kind]!), 'peak RSS MB': '' });
  }
  const postgres = await postgresSide(databaseUrl, (sides.paperboy as { text_queries: { p50_ms: number } }).text_queries.p50_ms);
  rows.push({ engine: 'paperboy on PostgreSQL', ...postgres.text_queries, 'peak RSS MB': postgres.peak_rss_mb });
  for (const kind of ['author', 'category'])
    rows.push({ engine: `paperboy on PostgreSQL ${kind} filter`, ...postgres.by_kind[kind]!, 'peak RSS MB': '' });
  rmSync(dir, { recursive: true, force: true });
  printTable(rows);
  const paperboy = (sides.paperboy as { text_queries: { p50_ms: number } }).text_queries.p50_ms;
  const ratios = Object.fromEntries(
    PEERS.map((peer) => [
      `${peer}_p50_vs_paperboy`,
      +((sides[peer] as { text_queries: { p50_ms: number } }).text_queries.p50_ms / paperboy).toFixed(2),
    ]),
  );
  console.log(ratios);
  const path = writeResult('search', {
    benchmark: 'search',
    papers: count,
    queries: await queryCounts(),
    peers: Object.fromEntries(PEERS.map((peer) => [peer, PEER_SETTINGS[peer]])),
    limit: LIMIT,
    rounds: ROUNDS,
    sides,
    postgres,
    ratios,
    targets: { p50_ms: 5, p99_ms: 30 },
    machine: machine(),
  });
  console.log(`wrote ${path}`);
}

await main();
