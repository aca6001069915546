// npm run bench:ingest — imports the 74,728 papers of the arXiv CS listing
// crawl into a fresh SQLite file (parse, normalise, upsert, FTS5 index) and,
// in the same run, indexes the same records with MiniSearch addAll and Orama
// insertMultiple. Each run is its own child process so peak RSS is its own.
import { fork } from 'node:child_process';
import { readdirSync, rmSync, statSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SHARED_DATA, machine, printTable, requireData, spread, writeResult } from './lib/report.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SIDES = ['paperboy', 'minisearch', 'orama'] as const;
type Side = (typeof SIDES)[number];

interface RunResult {
  side: Side;
  papers: number;
  seconds: number;
  peakRssMb: number;
  dbSizeMb?: number;
}

function listingFiles(): string[] {
  const dir = requireData(join(SHARED_DATA, 'arxiv-cs-daily-listings'), 'the 74,728-paper arXiv CS listing crawl');
  return readdirSync(dir)
    .filter((file) => file.endsWith('.jsonl.gz'))
    .sort()
    .map((file) => join(dir, file));
}

async function runSide(side: Side, files: string[]): Promise<RunResult> {
  const started = performance.now();
  let papers: number;
  let dbSizeMb: number | undefined;
  if (side === 'paperboy') ({ papers, dbSizeMb } = await runPaperboy(files));
  else papers = await (side === 'minisearch' ? runMiniSearch(files) : runOrama(files));
  const seconds = (performance.now() - started) / 1000;
  return { side, papers, seconds, peakRssMb: process.resourceUsage().maxRSS / 1024, dbSizeMb };
}

async function runPaperboy(files: string[]): Promise<{ papers: number; dbSizeMb: number }> {
  const { openDatabase } = await import('../src/db/open.ts');
  const { createServices } = await import('../src/services.ts');
  const { loadConfig } = await import('../src/config.ts');
  const { createLogger } = await import('../src/log.ts');
  const dir = mkdtempSync(join(tmpdir(), 'paperboy-bench-'));
  const config = loadConfig({ DATABASE_URL: `sqlite:${join(dir, 'bench.db')}` });
  const db = openDatabase(config.databaseUrl);
  const services = createServices(config, db, createLogger('silent'));
  const summary = await services.ingest.ingestFiles(files, 'arxiv-listing');
  db.pragma('wal_checkpoint(TRUNCATE)');
  const papers = services.papers.countPapers();
  if (summary.skipped) throw new Error(`paperboy skipped ${summary.skipped} records`);
  db.close();
  const dbSizeMb = readdirSync(dir).reduce((total, file) => total + statSync(join(dir, file)).size, 0) / 2 ** 20;
  rmSync(dir, { recursive: true, force: true });
  return { papers, dbSizeMb };
}

interface Doc {
  id: string;
  title: string;
  abstract: string;
  authors: string;
}

/** Peers get the same gzip files and do the same reading and JSON parsing. */
async function readDocs(files: string[]): Promise<Doc[]> {
  const { readLines } = await import('../src/sources/files.ts');
  const docs: Doc[] = [];
  for (const file of files) {
    for await (const line of readLines(file)) {
      const record = JSON.parse(line) as { id: string; title: string; summary: string; authors: string[] };
      docs.push({ id: record.id, title: record.title, abstract: record.summary, authors: record.authors.join(', ') });
    }
  }
  return docs;
}

async function runMiniSearch(files: string[]): Promise<number> {
  const { default: MiniSearch } = await import('minisearch');
  const index = new MiniSearch<Doc>({ fields: ['title', 'abstract', 'authors'], idField: 'id' });
  index.addAll(await readDocs(files));
  return index.documentCount;
}

async function runOrama(files: string[]): Promise<number> {
  const { create, insertMultiple, count } = await import('@orama/orama');
  const db = create({ schema: { id: 'string', title: 'string', abstract: 'string', authors: 'string' } as const });
  await insertMultiple(db, await readDocs(files), 1000);
  return count(db);
}

function runInChild(side: Side): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), ['--side', side], { execArgv: ['--import', 'tsx', '--max-old-space-size=8192'] });
    child.once('message', (message) => resolve(message as RunResult));
    child.once('exit', (code) => code !== 0 && reject(new Error(`${side} run exited with ${code}`)));
  });
}

function summarize(runs: RunResult[]) {
  const rates = runs.map((run) => run.papers / run.seconds);
  return {
    papers: runs[0]!.papers,
    papers_per_s: Math.round(spread(rates).median),
    papers_per_s_runs: spread(rates.map(Math.round)),
    seconds: spread(runs.map((run) => +run.seconds.toFixed(2))),
    peak_rss_mb: Math.round(Math.max(...runs.map((run) => run.peakRssMb))),
    ...(runs[0]!.dbSizeMb !== undefined ? { db_size_mb: +runs[0]!.dbSizeMb.toFixed(1) } : {}),
  };
}

async function main(): Promise<void> {
  const files = listingFiles();
  const sideIndex = process.argv.indexOf('--side');
  if (sideIndex > 0) {
    process.send!(await runSide(process.argv[sideIndex + 1] as Side, files));
    return;
  }
  const runs: Record<Side, RunResult[]> = { paperboy: [], minisearch: [], orama: [] };
  for (let run = 1; run <= RUNS; run++) {
    for (const side of SIDES) {
      const result = await runInChild(side);
      runs[side].push(result);
      console.error(
        `run ${run}/${RUNS} ${side}: ${result.papers} papers in ${result.seconds.toFixed(1)} s, peak RSS ${Math.round(result.peakRssMb)} MB`,
      );
    }
  }
  const paperboy = summarize(runs.paperboy);
  const peers = { minisearch: summarize(runs.minisearch), orama: summarize(runs.orama) };
  const result = {
    benchmark: 'ingest',
    data: 'arxiv-cs-daily-listings (17 gzip JSONL files)',
    runs: RUNS,
    ...paperboy,
    what: 'paperboy: read gzip, parse, normalise, upsert into a fresh SQLite file with the FTS5 index (WAL, one transaction per 1,000 papers). Peers: read the same files, parse, build an in-memory index over title, abstract, authors.',
    peers,
    ratios: {
      paperboy_vs_minisearch_speed: +(paperboy.papers_per_s / peers.minisearch.papers_per_s).toFixed(2),
      paperboy_vs_orama_speed: +(paperboy.papers_per_s / peers.orama.papers_per_s).toFixed(2),
      paperboy_vs_minisearch_rss: +(paperboy.peak_rss_mb / peers.minisearch.peak_rss_mb).toFixed(2),
      paperboy_vs_orama_rss: +(paperboy.peak_rss_mb / peers.orama.peak_rss_mb).toFixed(2),
    },
    target: { papers_per_s: 5000, peak_rss_mb: 500 },
    machine: machine(),
  };
  printTable([
    {
      side: 'paperboy (SQLite + FTS5, on disk)',
      'papers/s': paperboy.papers_per_s,
      'min..max': `${paperboy.papers_per_s_runs.min}..${paperboy.papers_per_s_runs.max}`,
      'peak RSS MB': paperboy.peak_rss_mb,
      'vs paperboy': '1.00',
    },
    ...(['minisearch', 'orama'] as const).map((name) => ({
      side: name === 'minisearch' ? 'MiniSearch addAll (in memory)' : 'Orama insertMultiple (in memory)',
      'papers/s': peers[name].papers_per_s,
      'min..max': `${peers[name].papers_per_s_runs.min}..${peers[name].papers_per_s_runs.max}`,
      'peak RSS MB': peers[name].peak_rss_mb,
      'vs paperboy': (peers[name].papers_per_s / paperboy.papers_per_s).toFixed(2),
    })),
  ]);
  console.log(`database size ${paperboy.db_size_mb} MB for ${paperboy.papers} papers; wrote ${writeResult('ingest', result)}`);
}

await main();
