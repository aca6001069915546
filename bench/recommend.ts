// npm run bench:recommend — how well and how fast paperboy recommends new
// papers to a reader, beside arxiv-sanity-lite's method, a centroid and
// newest-first, on the 74,728 papers of the arXiv CS listing crawl. Readers
// are authors with enough papers before the cut-off month; each saves their
// earlier papers in paperboy, and the papers to find are the ones they wrote
// in the month, among every paper of it. Only titles and abstracts count:
// author names are never a feature. Protocol: docs/benchmarks.md.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { machine, printTable, writeResult } from './lib/report.ts';
import { latencySummary, ndcgAt, recallAt } from './lib/metrics.ts';
import { bootstrapDifference, bootstrapMean, resamples } from './lib/bootstrap.ts';
import { drawReaders, loadListing, type BenchReader, type ListedPaper } from './lib/recommend-readers.ts';
import { createPeers, PEER_SETTINGS } from './lib/recommend-peers.ts';
import { tempDir } from '../test/helpers.ts';
import { loadConfig, type Config } from '../src/config.ts';
import { createLogger } from '../src/log.ts';
import { openDatabase, type Db } from '../src/db/open.ts';
import { createServices, type Services } from '../src/services.ts';
import { createAccountStore } from '../src/db/accounts-store.ts';
import { createLibraryStore } from '../src/db/library-store.ts';

const READERS = Number(process.env.BENCH_READERS ?? 400);
/** The cut-off month (YYMM of arXiv ids). paperboy's ranking was tuned on 2605; 2606 is reported. */
const MONTH = process.env.BENCH_MONTH ?? '2606';
const MIN_HISTORY = 5;
const SEED = 20261201;
const BIN = fileURLToPath(new URL('../bin/paperboy.js', import.meta.url));
const SECRET = 'bench-recommend-secret-key-0123456789';
const METHODS = ['paperboy', 'arxiv_sanity_svm', 'centroid', 'newest'] as const;
type Method = (typeof METHODS)[number];

function importCorpus(path: string, files: string[]): void {
  const env = { PATH: process.env.PATH, DATABASE_URL: `sqlite:${path}`, LOG_LEVEL: 'warn' };
  const result = spawnSync(process.execPath, [BIN, 'ingest', 'file', ...files, '--format', 'arxiv-listing'], { env, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`paperboy ingest failed: ${result.stderr}`);
}

/** Each reader's history saved in their reading list, each paper at the start of its month. */
async function addLibraries(db: Db, readers: readonly BenchReader[], byId: Map<string, ListedPaper>): Promise<number[]> {
  return db.transaction(async (tx) => {
    const accounts = createAccountStore(tx);
    const library = createLibraryStore(tx);
    const ids: number[] = [];
    for (const [n, reader] of readers.entries()) {
      const account = await accounts.accountFor(`reader${n}@bench.example.org`, '2025-01-01T00:00:00.000Z');
      const list = (await library.collections(account.id, '2025-01-01T00:00:00.000Z'))[0]!;
      for (const id of reader.history)
        await library.save(list.id, [id], `20${byId.get(id)!.month.slice(0, 2)}-${byId.get(id)!.month.slice(2)}-01T00:00:00.000Z`);
      ids.push(account.id);
    }
    return ids;
  });
}

function monthDays(month: string): { after: string; before: string } {
  const year = 2000 + Number(month.slice(0, 2));
  const next = Number(month.slice(2)) === 12 ? `${year + 1}-01-01` : `${year}-${String(Number(month.slice(2)) + 1).padStart(2, '0')}-01`;
  return { after: `${year}-${month.slice(2)}-01`, before: next };
}

async function runPaperboy(services: Services, accounts: number[], window: { after: string; before: string }) {
  // The first reader's call builds the month's candidates (once, as a digest run does per window); every reader is then timed.
  const started = performance.now();
  await services.recommend.rank(accounts[0]!, { ...window, limit: 50 });
  const spaceMs = performance.now() - started;
  const ranked: string[][] = [];
  const times: number[] = [];
  for (const accountId of accounts) {
    const start = performance.now();
    const result = await services.recommend.rank(accountId, { ...window, limit: 50 });
    times.push(performance.now() - start);
    ranked.push(result.papers.map((paper) => paper.paperId));
  }
  return { ranked, spaceMs, times };
}

function scores(ranked: string[][], readers: readonly BenchReader[]) {
  const relevant = readers.map((reader) => new Map(reader.targets.map((id) => [id, 1])));
  return {
    recall50: ranked.map((list, i) => recallAt(50, list, relevant[i]!)),
    ndcg10: ranked.map((list, i) => ndcgAt(10, list, relevant[i]!)),
  };
}

async function main(): Promise<void> {
  const { files, papers } = loadListing();
  const byId = new Map(papers.map((paper) => [paper.id, paper]));
  const readers = drawReaders(papers, MONTH, MIN_HISTORY, READERS, SEED);
  const corpus = papers.filter((paper) => paper.month <= MONTH);
  const candidates = corpus.filter((paper) => paper.month === MONTH).map((paper) => paper.id);
  const window = monthDays(MONTH);
  console.log(
    `${readers.length} readers, ${candidates.length.toLocaleString('en')} candidates (${window.after} to ${window.before}); importing the corpus…`,
  );
  const path = join(tempDir(), 'recommend.db');
  importCorpus(path, files);
  const config = loadConfig({ DATABASE_URL: `sqlite:${path}`, SECRET_KEY: SECRET, LOG_LEVEL: 'warn' });
  const db = await openDatabase(config.databaseUrl);
  const services = await createServices(config, db, createLogger('warn'));
  const held = (await db.value('SELECT count(*) FROM papers WHERE published_at >= ? AND published_at < ? AND hidden_at IS NULL', [
    window.after,
    window.before,
  ])) as number;
  if (held !== candidates.length) throw new Error(`paperboy holds ${held} papers of the month, the peers rank ${candidates.length}`);
  const accounts = await addLibraries(db, readers, byId);

  console.log('paperboy…');
  const paperboy = await runPaperboy(services, accounts, window);
  const fused = await runFused(config, db, accounts, window);
  console.log('arxiv-sanity-lite, centroid, newest (fitting TF-IDF)…');
  const peers = createPeers(corpus, candidates);
  const ranked: Record<Method, string[][]> = { paperboy: paperboy.ranked, arxiv_sanity_svm: [], centroid: [], newest: [] };
  const svmTimes: number[] = [];
  const iterations: number[] = [];
  readers.forEach((reader, n) => {
    const start = performance.now();
    const svm = peers.svm(reader.history);
    svmTimes.push(performance.now() - start);
    iterations.push(svm.iterations);
    ranked.arxiv_sanity_svm.push(svm.ranked.slice(0, 50));
    ranked.centroid.push(peers.centroid(reader.history).slice(0, 50));
    ranked.newest.push(peers.newest().slice(0, 50));
    if ((n + 1) % 50 === 0) console.log(`  ${n + 1}/${readers.length} readers`);
  });
  report({ readers, candidates: candidates.length, ranked, paperboy, fused, svmTimes, iterations, features: peers.features });
  await services.close();
}

/** The embedding model's settings, when the environment names one (EMBEDDINGS_PROVIDER and the rest). */
function modelSettings(): Record<string, string> | null {
  if (!process.env.EMBEDDINGS_PROVIDER) return null;
  return Object.fromEntries(
    Object.entries(process.env).filter((entry): entry is [string, string] => entry[0].startsWith('EMBEDDINGS_') && entry[1] !== undefined),
  );
}

/** With a model configured: every paper embedded first, then paperboy's ranking fused with meaning. */
async function runFused(config: Config, db: Db, accounts: number[], window: { after: string; before: string }) {
  const model = modelSettings();
  if (!model) return null;
  const services = await createServices(
    loadConfig({ DATABASE_URL: config.databaseUrl, SECRET_KEY: SECRET, LOG_LEVEL: 'warn', ...model }),
    db,
    createLogger('warn'),
  );
  console.log(`embedding every paper with ${model.EMBEDDINGS_MODEL ?? 'the default model'}…`);
  const started = performance.now();
  const embedded = await services.embedQueue!.drain();
  console.log(`  ${embedded} papers in ${Math.round((performance.now() - started) / 1000)} s; paperboy fused with meaning…`);
  return { ...(await runPaperboy(services, accounts, window)), model: model.EMBEDDINGS_MODEL ?? model.EMBEDDINGS_PROVIDER! };
}

interface Outcome {
  readers: BenchReader[];
  candidates: number;
  ranked: Record<Method, string[][]>;
  paperboy: { spaceMs: number; times: number[] };
  fused: { ranked: string[][]; model: string } | null;
  svmTimes: number[];
  iterations: number[];
  features: { rows: number; columns: number; fitMs: number };
}

function report(outcome: Outcome): void {
  const draws = resamples(outcome.readers.length, SEED);
  const measured = Object.fromEntries(METHODS.map((method) => [method, scores(outcome.ranked[method], outcome.readers)])) as Record<
    Method,
    ReturnType<typeof scores>
  >;
  const results = Object.fromEntries(
    METHODS.map((method) => [
      method,
      { recall50: bootstrapMean(measured[method].recall50, draws), ndcg10: bootstrapMean(measured[method].ndcg10, draws) },
    ]),
  ) as Record<Method, { recall50: ReturnType<typeof bootstrapMean>; ndcg10: ReturnType<typeof bootstrapMean> }>;
  const interval = (value: { mean: number; low: number; high: number }) =>
    `${value.mean.toFixed(4)} (${value.low.toFixed(4)}..${value.high.toFixed(4)})`;
  printTable(
    METHODS.map((method) => ({ method, 'Recall@50': interval(results[method].recall50), 'nDCG@10': interval(results[method].ndcg10) })),
  );
  const paperboyOverSvm = {
    recall50: bootstrapDifference(measured.paperboy.recall50, measured.arxiv_sanity_svm.recall50, draws),
    ndcg10: bootstrapDifference(measured.paperboy.ndcg10, measured.arxiv_sanity_svm.ndcg10, draws),
  };
  const speed = { paperboy: latencySummary(outcome.paperboy.times), arxiv_sanity_svm: latencySummary(outcome.svmTimes) };
  console.log(
    `paperboy minus arxiv-sanity-lite: Recall@50 ${interval(paperboyOverSvm.recall50)}, nDCG@10 ${interval(paperboyOverSvm.ndcg10)}`,
  );
  console.log(
    `per reader: paperboy p50 ${speed.paperboy.p50_ms} ms (p95 ${speed.paperboy.p95_ms}, p99 ${speed.paperboy.p99_ms}) after a first call that built the month's candidates in ${Math.round(outcome.paperboy.spaceMs)} ms; arxiv-sanity-lite's SVM p50 ${speed.arxiv_sanity_svm.p50_ms} ms`,
  );
  const history = outcome.readers.map((reader) => reader.history.length).sort((a, b) => a - b);
  const file = writeResult('recommend', {
    benchmark: 'recommend',
    machine: machine(),
    data: `arxiv-cs-daily-listings: readers are authors with at least ${MIN_HISTORY} papers before ${MONTH} and one in it (${READERS} drawn, seed ${SEED}); candidates are every paper of ${MONTH}`,
    readers: outcome.readers.length,
    candidates: outcome.candidates,
    history_papers: { min: history[0], median: history[history.length >> 1], max: history.at(-1) },
    targets_per_reader: +(outcome.readers.reduce((sum, reader) => sum + reader.targets.length, 0) / outcome.readers.length).toFixed(2),
    ...results,
    paperboy_minus_arxiv_sanity_svm: paperboyOverSvm,
    paperboy_fused: fusedResult(outcome, draws),
    speed: {
      ...speed,
      paperboy_first_call_ms: Math.round(outcome.paperboy.spaceMs),
      svm_iterations_median: median(outcome.iterations),
    },
    tfidf: outcome.features,
    peers: PEER_SETTINGS,
  });
  console.log(`wrote ${file}`);
}

function fusedResult(outcome: Outcome, draws: Int32Array[]) {
  if (!outcome.fused) return 'not measured: no embedding model was configured for this run (EMBEDDINGS_PROVIDER unset)';
  const measured = scores(outcome.fused.ranked, outcome.readers);
  const result = {
    model: outcome.fused.model,
    recall50: bootstrapMean(measured.recall50, draws),
    ndcg10: bootstrapMean(measured.ndcg10, draws),
  };
  console.log(`paperboy fused with ${result.model}: Recall@50 ${result.recall50.mean}, nDCG@10 ${result.ndcg10.mean}`);
  return result;
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[values.length >> 1]!;
}

await main();
