// npm run bench:scale — the whole of arXiv on one machine: `paperboy ingest
// file` of a Kaggle arXiv snapshot (2.7 million papers) into a fresh SQLite
// file, timed with its peak memory; next month's snapshot imported over it;
// the file's size; then search latency over it: text queries, every filter,
// newest-first and trending. The peer, built over the same papers in the same
// run: plain SQLite FTS5 (default tokenizer, default bm25()), for build time,
// size and text-query latency. Each side runs in its own process.
//
// The snapshot: BENCH_SCALE_SNAPSHOT names a real arxiv-metadata-oai-snapshot.json
// (and BENCH_SCALE_NEXT a later one; without it the same file is imported
// again); otherwise BENCH_SCALE_PAPERS (2,700,000) synthetic papers are
// written in that format from the real listing papers (lib/kaggle-synthetic.ts),
// with next month's edition, and kept in BENCH_SCALE_DIR for later runs.
// BENCH_SCALE_STEPS picks steps (import,reimport,search,fts5; all by default);
// a run of some steps writes bench/results/scale-<steps>.json, not scale.json.
// At 2.7 million papers it took 26 minutes on 2 cores (docs/benchmarks.md),
// and a quarter of an hour more the first time, to write the two synthetic
// snapshots; it needs about 30 GB of disk: not in CI.
import { fork, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { machine, printTable, writeResult } from './lib/report.ts';
import { readListingPapers } from './lib/listing.ts';
import { writeSyntheticSnapshot, type SnapshotStats } from './lib/kaggle-synthetic.ts';
import { latencySummary } from './lib/metrics.ts';
import { scaleQueries, type ScaleQuery } from './lib/scale-queries.ts';

const PAPERS = Number(process.env.BENCH_SCALE_PAPERS ?? 2_700_000);
const DIR = process.env.BENCH_SCALE_DIR ?? join(tmpdir(), 'paperboy-scale');
const STEPS = new Set((process.env.BENCH_SCALE_STEPS ?? 'import,reimport,search,fts5').split(','));
/** Version of the synthetic papers: a file written by another version is written again. */
const SYNTHETIC_VERSION = 1;
const DATABASE = join(DIR, 'paperboy.db');
const FTS5_DATABASE = join(DIR, 'fts5.db');
const BIN = fileURLToPath(new URL('../bin/paperboy.js', import.meta.url));

interface Snapshots {
  first: string;
  next: string;
  synthetic: (SnapshotStats & { next: SnapshotStats }) | null;
}

/** The snapshot files: the user's, or synthetic ones, written once and kept. */
async function snapshots(): Promise<Snapshots> {
  const given = process.env.BENCH_SCALE_SNAPSHOT;
  if (given) return { first: given, next: process.env.BENCH_SCALE_NEXT ?? given, synthetic: null };
  mkdirSync(DIR, { recursive: true });
  const file = (edition: string) => join(DIR, `synthetic-v${SYNTHETIC_VERSION}-${PAPERS}-${edition}.json`);
  const stats: Partial<Record<'first' | 'next', SnapshotStats>> = {};
  let real: Awaited<ReturnType<typeof readListingPapers>> | null = null;
  for (const edition of ['first', 'next'] as const) {
    const done = `${file(edition)}.done`;
    if (!existsSync(done)) {
      console.error(`writing ${PAPERS.toLocaleString('en')} synthetic papers (${edition} edition; 10 to 20 minutes for 2.7 million)…`);
      real ??= await readListingPapers();
      writeFileSync(done, JSON.stringify(await writeSyntheticSnapshot(real, { papers: PAPERS, edition }, file(edition))));
    }
    stats[edition] = JSON.parse(readFileSync(done, 'utf8')) as SnapshotStats;
  }
  return { first: file('first'), next: file('next'), synthetic: { ...stats.first!, next: stats.next! } };
}

/** A process's peak resident memory so far (Linux), in MB. */
function peakRssMb(pid: number): number | null {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmHWM:\s+(\d+) kB/m);
    return line ? Number(line[1]) / 1024 : null;
  } catch {
    return null;
  }
}

interface Timed {
  seconds: number;
  peakRssMb: number | null;
  /** The ingest summary the command logged. */
  summary: Record<string, number>;
}

/** `paperboy ingest file FILE` on the benchmark's database, timed, its memory watched, its progress shown now and then. */
function ingest(file: string): Promise<Timed> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [BIN, 'ingest', 'file', file], {
      env: { ...process.env, DATABASE_URL: `sqlite:${DATABASE}`, LOG_LEVEL: 'info' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let peak: number | null = null;
    const watch = setInterval(() => (peak = Math.max(peak ?? 0, peakRssMb(child.pid!) ?? 0) || null), 200);
    let summary: Record<string, number> = {};
    let shown = 0;
    let rest = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop()!;
      for (const line of lines) {
        if (line.includes('"ingest finished"')) summary = JSON.parse(line) as Record<string, number>;
        if (line.includes('"progress"') && performance.now() - shown > 30_000) {
          shown = performance.now();
          const { records } = JSON.parse(line) as { records: number };
          console.error(`  ${records.toLocaleString('en')} records after ${Math.round((shown - started) / 1000)} s`);
        }
      }
    });
    child.once('exit', (code) => {
      clearInterval(watch);
      if (code !== 0) return reject(new Error(`paperboy ingest exited with ${code}`));
      const { added = 0, updated = 0, unchanged = 0, skipped = 0 } = summary;
      resolve({ seconds: (performance.now() - started) / 1000, peakRssMb: peak, summary: { added, updated, unchanged, skipped } });
    });
  });
}

/** Bytes of a SQLite database: its file and write-ahead log. */
function databaseBytes(path: string): number {
  const dir = join(path, '..');
  const name = path.split('/').pop()!;
  return readdirSync(dir)
    .filter((file) => file === name || file === `${name}-wal`)
    .reduce((total, file) => total + statSync(join(dir, file)).size, 0);
}

interface SearchResult {
  latenciesMs: Record<string, number[]>;
  buildSeconds: number;
  peakRssMb: number;
}

/** Runs one side's searches (or build) in a child process, as lib/scale-side.ts does them. */
function runSide(side: 'paperboy' | 'fts5', args: string[]): Promise<SearchResult> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(new URL('./lib/scale-side.ts', import.meta.url)), [side, ...args], {
      execArgv: ['--import', 'tsx', '--max-old-space-size=8192'],
    });
    child.once('message', (message) => resolve(message as SearchResult));
    child.once('exit', (code) => code !== 0 && reject(new Error(`${side} exited with ${code}`)));
  });
}

const rounded = (value: number | null, digits = 1) => (value === null ? null : +value.toFixed(digits));

function summarize(latencies: Record<string, number[]>, kinds: readonly string[]) {
  return latencySummary(kinds.flatMap((kind) => latencies[kind] ?? []));
}

async function main(): Promise<void> {
  const files = await snapshots();
  const queries: ScaleQuery[] = scaleQueries(await readListingPapers());
  writeFileSync(join(DIR, 'queries.json'), JSON.stringify(queries));
  const result: Record<string, unknown> = { benchmark: 'scale', snapshot: files.synthetic ? 'synthetic' : files.first };
  if (STEPS.has('import')) {
    rmSync(DATABASE, { force: true });
    rmSync(`${DATABASE}-wal`, { force: true });
    console.error(`paperboy ingest file ${files.first}…`);
    const first = await ingest(files.first);
    Object.assign(result, { import_s: rounded(first.seconds), peak_rss_mb: rounded(first.peakRssMb, 0), import_summary: first.summary });
    result.db_bytes_after_import = databaseBytes(DATABASE);
  }
  if (STEPS.has('reimport')) {
    console.error(`paperboy ingest file ${files.next} (next month's snapshot)…`);
    const next = await ingest(files.next);
    Object.assign(result, {
      reimport_s: rounded(next.seconds),
      reimport_peak_rss_mb: rounded(next.peakRssMb, 0),
      reimport_summary: next.summary,
    });
  }
  const papers = await countPapers();
  const bytes = databaseBytes(DATABASE);
  Object.assign(result, { papers, db_bytes: bytes, db_bytes_per_paper: Math.round(bytes / papers) });
  if (STEPS.has('search')) {
    console.error('searching…');
    const searched = await runSide('paperboy', [DATABASE, join(DIR, 'queries.json')]);
    result.search = summarize(searched.latenciesMs, ['claim', 'title', 'keywords']);
    result.filters_p99_ms = Object.fromEntries(
      Object.entries(searched.latenciesMs)
        .filter(([kind]) => !['claim', 'title', 'keywords'].includes(kind))
        .map(([kind, values]) => [kind, latencySummary(values).p99_ms]),
    );
    result.by_kind = Object.fromEntries(Object.entries(searched.latenciesMs).map(([kind, values]) => [kind, latencySummary(values)]));
    result.search_peak_rss_mb = Math.round(searched.peakRssMb);
  }
  if (STEPS.has('fts5')) {
    console.error('building FTS5 over the same snapshot…');
    rmSync(FTS5_DATABASE, { force: true });
    const fts5 = await runSide('fts5', [FTS5_DATABASE, join(DIR, 'queries.json'), files.first]);
    const fts5Papers = Number(readFileSync(`${FTS5_DATABASE}.count`, 'utf8'));
    result.fts5 = {
      build_s: rounded(fts5.buildSeconds),
      peak_rss_mb: Math.round(fts5.peakRssMb),
      papers: fts5Papers,
      db_bytes_per_paper: Math.round(databaseBytes(FTS5_DATABASE) / fts5Papers),
      search: summarize(fts5.latenciesMs, ['claim', 'title', 'keywords']),
      settings:
        'SQLite FTS5: title, abstract and authors of each record; default unicode61 tokenizer, default bm25(), the query words ORed, LIMIT 20; built in transactions of 10,000 records, then optimized',
    };
  }
  result.synthetic = files.synthetic;
  result.machine = machine();
  printTable(scaleRows(result));
  const everyStep = ['import', 'reimport', 'search', 'fts5'].every((step) => STEPS.has(step));
  console.log(`wrote ${writeResult(everyStep ? 'scale' : `scale-${[...STEPS].join('-')}`, result)}`);
}

/** Papers in the benchmark's database. */
async function countPapers(): Promise<number> {
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(DATABASE, { readonly: true });
  const count = db.prepare('SELECT count(*) FROM papers').pluck().get() as number;
  db.close();
  return count;
}

function scaleRows(result: Record<string, unknown>): Record<string, string | number>[] {
  const fts5 = result.fts5 as { build_s: number; db_bytes_per_paper: number; search: { p50_ms: number; p99_ms: number } } | undefined;
  const search = result.search as { p50_ms: number; p99_ms: number } | undefined;
  return [
    {
      engine: 'paperboy',
      'build s': String(result.import_s ?? ''),
      'bytes/paper': String(result.db_bytes_per_paper ?? ''),
      p50: search?.p50_ms ?? '',
      p99: search?.p99_ms ?? '',
    },
    ...(fts5
      ? [
          {
            engine: 'FTS5',
            'build s': fts5.build_s,
            'bytes/paper': fts5.db_bytes_per_paper,
            p50: fts5.search.p50_ms,
            p99: fts5.search.p99_ms,
          },
        ]
      : []),
  ];
}

await main();
