// npm run bench:ingest — imports the papers of the arXiv CS listing crawl
// (74,728) into a fresh SQLite file (parse, normalise, upsert and
// paperboy's ranking index), and into a fresh PostgreSQL database on a
// server the benchmark starts (lib/postgres.ts); in the same run, indexes the
// same records with MiniSearch, Orama and an FTS5 table, configured as in
// lib/peers.ts. Each run is its own child process so peak RSS is its own.
import { fork } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { machine, printTable, spread, writeResult } from './lib/report.ts';
import { buildFts5Porter, buildMiniSearch, buildOrama, PEER_SETTINGS, type Engine } from './lib/peers.ts';
import type { Doc } from './lib/collections.ts';
import { startBenchPostgres } from './lib/postgres.ts';
import { listingFiles, readListingPapers } from './lib/listing.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const PEERS = ['minisearch', 'orama', 'fts5_porter'] as const;
const SIDES = ['paperboy', 'postgres', ...PEERS] as const;
const PEER_BUILDERS: Record<(typeof PEERS)[number], (docs: Doc[]) => Engine | Promise<Engine>> = {
  minisearch: buildMiniSearch,
  orama: buildOrama,
  fts5_porter: buildFts5Porter,
};
type Side = (typeof SIDES)[number];

interface RunResult {
  side: Side;
  papers: number;
  seconds: number;
  peakRssMb: number;
  dbSizeMb?: number;
}

async function runSide(side: Side, files: string[], databaseUrl?: string): Promise<RunResult> {
  const started = performance.now();
  let papers: number;
  let dbSizeMb: number | undefined;
  if (side === 'paperboy') ({ papers, dbSizeMb } = await runPaperboy(files));
  else if (side === 'postgres') ({ papers, dbSizeMb } = await runPaperboyOnPostgres(files, databaseUrl!));
  else papers = await runPeer(side, files);
  const seconds = (performance.now() - started) / 1000;
  return { side, papers, seconds, peakRssMb: process.resourceUsage().maxRSS / 1024, dbSizeMb };
}

async function runPaperboy(files: string[]): Promise<{ papers: number; dbSizeMb: number }> {
  const { sqliteHandle } = await import('../src/db/sqlite-sql.ts');
  const { openDatabase } = await import('../src/db/open.ts');
  const { createServices } = await import('../src/services.ts');
  const { loadConfig } = await import('../src/config.ts');
  const { createLogger } = await import('../src/log.ts');
  const dir = mkdtempSync(join(tmpdir(), 'paperboy-bench-'));
  const config = loadConfig({ DATABASE_URL: `sqlite:${join(dir, 'bench.db')}` });
  const db = await openDatabase(config.databaseUrl);
  const services = await createServices(config, db, createLogger('silent'));
  const summary = await services.ingest.ingestFiles(files, 'arxiv-listing');
  sqliteHandle(db).pragma('wal_checkpoint(TRUNCATE)');
  const papers = await services.papers.countPapers();
  if (summary.skipped) throw new Error(`paperboy skipped ${summary.skipped} records`);
  await db.close();
  const dbSizeMb = readdirSync(dir).reduce((total, file) => total + statSync(join(dir, file)).size, 0) / 2 ** 20;
  rmSync(dir, { recursive: true, force: true });
  return { papers, dbSizeMb };
}

/** The same import into an empty PostgreSQL database. */
async function runPaperboyOnPostgres(files: string[], databaseUrl: string): Promise<{ papers: number; dbSizeMb: number }> {
  const { openDatabase } = await import('../src/db/open.ts');
  const { createServices } = await import('../src/services.ts');
  const { loadConfig } = await import('../src/config.ts');
  const { createLogger } = await import('../src/log.ts');
  const config = loadConfig({ DATABASE_URL: databaseUrl });
  const db = await openDatabase(config.databaseUrl);
  const services = await createServices(config, db, createLogger('silent'));
  const summary = await services.ingest.ingestFiles(files, 'arxiv-listing');
  if (summary.skipped) throw new Error(`paperboy skipped ${summary.skipped} records`);
  const papers = await services.papers.countPapers();
  const bytes = (await db.value<number>('SELECT pg_database_size(current_database())'))!;
  await db.close();
  return { papers, dbSizeMb: bytes / 2 ** 20 };
}

/** Indexes the files with a peer; returns how many documents it was given to index. */
async function runPeer(side: (typeof PEERS)[number], files: string[]): Promise<number> {
  // Peers get the same gzip files and do the same reading and JSON parsing, then index as peers.ts configures them.
  const docs = await readListingPapers(files);
  await PEER_BUILDERS[side](docs);
  return docs.length;
}

function runInChild(side: Side, databaseUrl = ''): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), ['--side', side, databaseUrl], {
      execArgv: ['--import', 'tsx', '--max-old-space-size=8192'],
    });
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
    process.send!(await runSide(process.argv[sideIndex + 1] as Side, files, process.argv[sideIndex + 2]));
    return;
  }
  const postgres = await startBenchPostgres();
  const runs = Object.fromEntries(SIDES.map((side) => [side, [] as RunResult[]])) as Record<Side, RunResult[]>;
  for (let run = 1; run <= RUNS; run++) {
    for (const side of SIDES) {
      const result = await runInChild(side, side === 'postgres' ? await postgres.database(`ingest_${run}`) : '');
      runs[side].push(result);
      console.error(
        `run ${run}/${RUNS} ${side}: ${result.papers} papers in ${result.seconds.toFixed(1)} s, peak RSS ${Math.round(result.peakRssMb)} MB`,
      );
    }
  }
  postgres.stop();
  const paperboy = summarize(runs.paperboy);
  const onPostgres = summarize(runs.postgres);
  const peers = Object.fromEntries(PEERS.map((peer) => [peer, summarize(runs[peer])])) as Record<
    (typeof PEERS)[number],
    ReturnType<typeof summarize>
  >;
  const result = {
    benchmark: 'ingest',
    data: `arxiv-cs-daily-listings (${files.length} gzip JSONL files)`,
    runs: RUNS,
    ...paperboy,
    what: 'paperboy: read gzip, parse, normalise, upsert into a fresh SQLite file with its own ranking index (WAL, one transaction per 1,000 papers). Peers: read the same files, parse, build an index over title, abstract, authors in memory, configured as in peer_settings.',
    peer_settings: Object.fromEntries(PEERS.map((peer) => [peer, PEER_SETTINGS[peer]])),
    peers,
    postgres: {
      ...onPostgres,
      what: `the same import into an empty PostgreSQL database: paperboy's ranking index in its tables; ${postgres.settings}`,
      vs_sqlite_speed: +(onPostgres.papers_per_s / paperboy.papers_per_s).toFixed(2),
      target_vs_sqlite_speed: 0.5,
    },
    ratios: Object.fromEntries(
      PEERS.flatMap((peer) => [
        [`paperboy_vs_${peer}_speed`, +(paperboy.papers_per_s / peers[peer].papers_per_s).toFixed(2)],
        [`paperboy_vs_${peer}_rss`, +(paperboy.peak_rss_mb / peers[peer].peak_rss_mb).toFixed(2)],
      ]),
    ),
    target: { papers_per_s: 5000, peak_rss_mb: 500 },
    machine: machine(),
  };
  printTable([
    {
      side: 'paperboy (SQLite, on disk)',
      'papers/s': paperboy.papers_per_s,
      'min..max': `${paperboy.papers_per_s_runs.min}..${paperboy.papers_per_s_runs.max}`,
      'peak RSS MB': paperboy.peak_rss_mb,
      'vs paperboy': '1.00',
    },
    {
      side: 'paperboy (PostgreSQL)',
      'papers/s': onPostgres.papers_per_s,
      'min..max': `${onPostgres.papers_per_s_runs.min}..${onPostgres.papers_per_s_runs.max}`,
      'peak RSS MB': onPostgres.peak_rss_mb,
      'vs paperboy': (onPostgres.papers_per_s / paperboy.papers_per_s).toFixed(2),
    },
    ...PEERS.map((name) => ({
      side: `${name} (in memory)`,
      'papers/s': peers[name].papers_per_s,
      'min..max': `${peers[name].papers_per_s_runs.min}..${peers[name].papers_per_s_runs.max}`,
      'peak RSS MB': peers[name].peak_rss_mb,
      'vs paperboy': (peers[name].papers_per_s / paperboy.papers_per_s).toFixed(2),
    })),
  ]);
  console.log(`database size ${paperboy.db_size_mb} MB for ${paperboy.papers} papers; wrote ${writeResult('ingest', result)}`);
}

await main();
