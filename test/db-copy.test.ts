// paperboy db copy: a real SQLite hub (papers, ranking index, vectors,
// accounts, votes, library, subscriptions, sent digests, its link key) moved
// into a real PostgreSQL server; killed mid-copy and run again; verified by
// counts and checksums, and by the hub answering alike on both stores.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { createLogger } from '../src/log.ts';
import { openDatabase, type Db } from '../src/db/open.ts';
import { createServices } from '../src/services.ts';
import { createVectorStore } from '../src/db/vector-store.ts';
import { createSqliteServices, fixturePath, tempDir } from './helpers.ts';
import { startPostgres, type PostgresServer } from './postgres-server.ts';

const BIN = fileURLToPath(new URL('../bin/paperboy.js', import.meta.url));

let server: PostgresServer;
let sourcePath: string;
beforeAll(async () => {
  server = await startPostgres();
  sourcePath = await sqliteHub();
}, 60_000);
afterAll(() => server?.stop());

/** A SQLite hub with something in every kind of table a reader fills. */
async function sqliteHub(): Promise<string> {
  const { services, db, path } = await createSqliteServices({ SECRET_KEY: '' }, join(tempDir(), 'hub.db'));
  await services.ingest.ingestFiles([fixturePath('hf-daily/2026-08-21.json'), fixturePath('arxiv-api/q_testing_s0_m10.xml')], undefined);
  await services.ingest.ingestFiles([fixturePath('kaggle/arxiv-metadata-oai-snapshot.head200.jsonl')], 'kaggle');
  await services.trending.computeTrending();
  const seqs = await db.column<number>('SELECT seq FROM papers ORDER BY seq LIMIT 20');
  await createVectorStore(db).save(
    'test-model',
    seqs.map((seq) => ({ seq, contentHash: 'h', vector: Float32Array.from({ length: 8 }, (_, i) => Math.sin(seq + i)) })),
  );
  await db.script(`INSERT INTO accounts (email, created_at) VALUES ('ada@example.org', '2026-08-20T00:00:00Z'), ('bob@example.org', '2026-08-20T00:00:00Z');
    INSERT INTO votes (account_id, paper_id, created_at) SELECT 1, id, '2026-08-20T01:00:00Z' FROM papers ORDER BY seq LIMIT 5;
    INSERT INTO collections (account_id, name, created_at) VALUES (1, 'Reading', '2026-08-20T01:00:00Z');
    INSERT INTO collection_papers (collection_id, paper_id, added_at) SELECT 1, id, '2026-08-20T01:00:00Z' FROM papers ORDER BY seq DESC LIMIT 3;
    INSERT INTO subscriptions (account_id, state, created_at, updated_at) VALUES (2, 'active', '2026-08-20T00:00:00Z', '2026-08-20T00:00:00Z');
    INSERT INTO digest_runs (started_at, audience, finished_at) VALUES ('2026-08-20T07:00:00Z', 1, '2026-08-20T07:01:00Z');
    INSERT INTO digests (account_id, edition, run_id, since, status, attempts, next_attempt_at, message_id, created_at, sent_at, items)
      SELECT 2, '2026-08-20', 1, '2026-08-19', 'sent', 1, '2026-08-20T07:00:00Z', '<2.2026-08-20@papers.example.org>', '2026-08-20T07:00:00Z',
        '2026-08-20T07:00:30Z', json_group_array(json_object('paperId', id, 'section', 'trending', 'reason', '#1 trending')) FROM papers WHERE seq <= 3;
    INSERT INTO sent_papers (account_id, paper_id) SELECT 2, id FROM papers WHERE seq <= 3;`);
  await services.close();
  return path;
}

function paperboy(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { PATH: process.env.PATH, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let [out, err] = ['', ''];
  child.stdout.on('data', (chunk) => (out += chunk));
  child.stderr.on('data', (chunk) => (err += chunk));
  return { child, done: once(child, 'exit').then(([code]) => ({ code: code as number | null, out, err })) };
}

async function newDatabase(name: string): Promise<string> {
  const admin = await openDatabase(server.url());
  await admin.run(`CREATE DATABASE ${name}`);
  await admin.close();
  return server.url(name);
}

const counts = async (db: Db, tables: string[]) =>
  Object.fromEntries(await Promise.all(tables.map(async (table) => [table, await db.value<number>(`SELECT count(*) FROM ${table}`)])));

async function until(condition: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; !(await condition()); await new Promise((resolve) => setTimeout(resolve, 20)))
    if (Date.now() > deadline) throw new Error('timed out');
}

const TABLES = [
  'papers',
  'paper_signals',
  'lexicon_postings',
  'paper_vectors',
  'accounts',
  'votes',
  'collection_papers',
  'subscriptions',
  'digests',
  'sent_papers',
  'trending_scores',
];

describe('paperboy db copy', () => {
  it('moves a SQLite hub into PostgreSQL, goes on after being killed, and answers alike there', { timeout: 120_000 }, async () => {
    const to = await newDatabase('moved');
    const from = `sqlite:${sourcePath}`;
    // Killed once some rows have arrived: one small batch at a time, so it is mid-copy.
    const first = paperboy(['db', 'copy', '--from', from, '--to', to, '--batch', '3']);
    const target = await openDatabase(to);
    await until(
      async () =>
        ((await target.value<number>("SELECT count(*) FROM pg_tables WHERE tablename = 'paperboy_copy_progress'")) ?? 0) > 0 &&
        ((await target.value<number>('SELECT coalesce(sum(copied), 0) FROM paperboy_copy_progress')) ?? 0) > 30,
    );
    first.child.kill('SIGKILL');
    await first.done;
    // Killed before the end: the copy's own table is still there (a finished copy drops it).
    expect(await target.value("SELECT to_regclass('paperboy_copy_progress') IS NOT NULL")).toBe(true);

    const second = await paperboy(['db', 'copy', '--from', from, '--to', to, '--batch', '500']).done;
    expect(second.code, second.err).toBe(0);
    expect(second.err).toContain('went on with a copy begun before');
    expect(second.out).toMatch(/copied \d+ rows in \d+ tables; counts and checksums match the source; the link key moved too/);
    expect(second.out).toMatch(/^papers +\d+ {2}[0-9a-f]{16}$/m);

    const source = await openDatabase(from);
    const held = await counts(source, TABLES);
    for (const table of TABLES) expect(held[table], table).toBeGreaterThan(0);
    expect(await counts(target, TABLES)).toEqual(held);
    expect(await target.value('SELECT items FROM digests')).toBe(await source.value('SELECT items FROM digests'));
    expect(await target.value("SELECT value FROM hub_secrets WHERE name = 'link_key'")).toBe(
      readFileSync(join(dirname(sourcePath), 'secret.key'), 'utf8').trim(),
    );
    expect(await target.value("SELECT to_regclass('paperboy_copy_progress')")).toBeNull();
    // Analyzed for the planner: a table never analyzed counts -1 tuples.
    expect(await target.value("SELECT reltuples FROM pg_class WHERE relname = 'papers'")).toBe(held.papers);
    // New rows take keys after the copied ones.
    const next = await target.value<number>(
      "INSERT INTO accounts (email, created_at) VALUES ('cy@example.org', '2026-09-01T00:00:00Z') RETURNING id",
    );
    expect(next).toBe(3);
    await source.close();
    await target.close();

    // The same hub on either store: the same search, scores and all, and the same votes and subscribers.
    const hubOn = async (url: string) => createServices(loadConfig({ DATABASE_URL: url }), await openDatabase(url), createLogger('silent'));
    const [before, after] = [await hubOn(from), await hubOn(to)];
    for (const query of ['quantum', 'language models', 'graph -neural', '"neural network"']) {
      const [a, b] = [await before.search.searchPapers(query), await after.search.searchPapers(query)];
      expect(
        b.hits.map((hit) => [hit.id, hit.score.toFixed(9)]),
        query,
      ).toEqual(a.hits.map((hit) => [hit.id, hit.score.toFixed(9)]));
      expect(b.matched).toEqual(a.matched);
    }
    expect((await after.trending.trendingPapers('week', 10)).papers.map((paper) => paper.id)).toEqual(
      (await before.trending.trendingPapers('week', 10)).papers.map((paper) => paper.id),
    );
    await before.close();
    await after.close();
  });

  it('refuses a database that holds a hub already, and a target that is not PostgreSQL', async () => {
    const to = await newDatabase('busy');
    const done = await paperboy(['db', 'copy', '--from', `sqlite:${sourcePath}`, '--to', to]).done;
    expect(done.code, done.err).toBe(0);
    const again = await paperboy(['db', 'copy', '--from', `sqlite:${sourcePath}`, '--to', to]).done;
    expect(again.code).toBe(2);
    expect(again.err).toContain('the target database already holds papers or accounts: copy into an empty database');
    const sqlite = await paperboy(['db', 'copy', '--from', `sqlite:${sourcePath}`, '--to', `sqlite:${join(tempDir(), 'x.db')}`]).done;
    expect(sqlite.code).toBe(2);
    expect(sqlite.err).toContain('--to must be a postgres:// URL');
    const usage = await paperboy(['db', 'move']).done;
    expect(usage.code).toBe(2);
    expect(usage.err).toContain('the only action is "copy"');
  });
});
