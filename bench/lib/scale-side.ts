// One side of bench:scale in its own process: paperboy's searches over the
// benchmark's database, or FTS5 built from the snapshot and searched. Sends
// the latencies by kind, the build time and the peak memory to the parent.
import { readFileSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { ScaleQuery } from './scale-queries.ts';
import { timeQueries } from './timing.ts';

/** Rounds of every query; a side stops after BENCH_BUDGET_S seconds of timed queries (it always completes one round). */
const TIMING = { rounds: Number(process.env.BENCH_ROUNDS ?? 3), budgetS: Number(process.env.BENCH_BUDGET_S ?? 300) };
const LIMIT = 20;
/** Records per FTS5 transaction while building. */
const FTS5_BATCH = 10_000;

async function paperboy(database: string, queries: ScaleQuery[]) {
  const { loadConfig } = await import('../../src/config.ts');
  const { openDatabase } = await import('../../src/db/open.ts');
  const { createServices } = await import('../../src/services.ts');
  const { createLogger } = await import('../../src/log.ts');
  // The engine itself is timed: no cache of results between rounds.
  const config = loadConfig({ DATABASE_URL: `sqlite:${database}`, SEARCH_CACHE_SIZE: '0' });
  const started = performance.now();
  const { search } = await createServices(config, await openDatabase(config.databaseUrl), createLogger('silent'));
  const buildSeconds = (performance.now() - started) / 1000;
  const latenciesMs = await timeQueries(queries, (query) => search.searchPapers(query.text, { limit: LIMIT, sort: query.sort }), TIMING);
  return { latenciesMs, buildSeconds };
}

/** FTS5 as it comes: the records' title, abstract and authors, read and parsed as paperboy reads the file. */
async function fts5(database: string, queries: ScaleQuery[], snapshot: string) {
  const { readLines } = await import('../../src/sources/files.ts');
  const started = performance.now();
  const db = new Database(database);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE VIRTUAL TABLE papers USING fts5 (title, abstract, authors)');
  const insert = db.prepare('INSERT INTO papers (title, abstract, authors) VALUES (?, ?, ?)');
  const write = db.transaction((rows: string[][]) => rows.forEach((row) => insert.run(row)));
  let batch: string[][] = [];
  let count = 0;
  for await (const line of readLines(snapshot)) {
    const record = JSON.parse(line) as { title?: string; abstract?: string; authors?: string };
    batch.push([record.title ?? '', record.abstract ?? '', record.authors ?? '']);
    if (batch.length === FTS5_BATCH) {
      write(batch);
      count += batch.length;
      batch = [];
    }
  }
  write(batch);
  count += batch.length;
  db.exec("INSERT INTO papers (papers) VALUES ('optimize')");
  db.pragma('wal_checkpoint(TRUNCATE)');
  const buildSeconds = (performance.now() - started) / 1000;
  writeFileSync(`${database}.count`, String(count));
  const select = db.prepare('SELECT rowid FROM papers WHERE papers MATCH ? ORDER BY rank LIMIT ?').pluck();
  const text = queries.filter((query) => ['claim', 'title', 'keywords'].includes(query.kind));
  const latenciesMs = await timeQueries(
    text,
    (query) => {
      const words = query.text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
      return words.length ? select.all(words.map((word) => `"${word}"`).join(' OR '), LIMIT) : [];
    },
    TIMING,
  );
  return { latenciesMs, buildSeconds };
}

const [side, database, queriesFile, snapshot] = process.argv.slice(2);
const queries = JSON.parse(readFileSync(queriesFile!, 'utf8')) as ScaleQuery[];
const outcome = side === 'fts5' ? await fts5(database!, queries, snapshot!) : await paperboy(database!, queries);
process.send!({ ...outcome, peakRssMb: process.resourceUsage().maxRSS / 1024 });
