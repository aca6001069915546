// Shared test helpers: fixture paths, temporary folders, wired services on a test
// database (a SQLite file, or a PostgreSQL database with TEST_DATABASE=postgres).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/config.ts';
import { createLogger } from '../src/log.ts';
import { openDatabase, type Db } from '../src/db/open.ts';
import { createServices, type Services } from '../src/services.ts';
import { testDatabaseUrl } from './test-database.ts';
import { postgresBinDir } from './postgres-server.ts';
import { sqliteHandle } from '../src/db/sqlite-sql.ts';

export const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

export function fixturePath(name: string): string {
  return join(FIXTURES, name);
}

export function readFixture(name: string): string {
  return readFileSync(fixturePath(name), 'utf8');
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'paperboy-test-'));
}

/** Services on a fresh test database (or the one of `path`); env overrides config keys (e.g. upstream URLs). */
/**
 * Services on a SQLite file whatever the test store: for what only SQLite has (FTS5, the HNSW
 * index file beside the database) and how a SQLite file fails (full, read-only).
 */
export async function createSqliteServices(
  env: Record<string, string> = {},
  path = join(tempDir(), 'paperboy.db'),
): Promise<{ services: Services; db: Db; path: string }> {
  const config = loadConfig({ DATABASE_URL: `sqlite:${path}`, ...env });
  const db = await openDatabase(config.databaseUrl);
  return { services: await createServices(config, db, createLogger('silent')), db, path };
}

export async function createTestServices(
  env: Record<string, string> = {},
  path = join(tempDir(), 'paperboy.db'),
): Promise<{ services: Services; db: Db; path: string }> {
  const config = loadConfig({ DATABASE_URL: await testDatabaseUrl(path), ...env });
  const db = await openDatabase(config.databaseUrl);
  return { services: await createServices(config, db, createLogger('silent')), db, path };
}

/**
 * A trigger that makes an insert into `table` fail with `message` while `condition` (SQL over
 * `new` and the tables) holds, as a constraint the database enforces would: a real refusal, on
 * either store. Returns what removes it.
 */
export async function refuseInserts(db: Db, table: string, condition: string, message: string): Promise<() => Promise<void>> {
  const name = `refuse_${table}`;
  if (db.dialect === 'sqlite') {
    await db.script(`CREATE TRIGGER ${name} BEFORE INSERT ON ${table} WHEN ${condition} BEGIN SELECT RAISE(ABORT, '${message}'); END`);
    return () => db.script(`DROP TRIGGER ${name}`);
  }
  await db.script(`CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN IF ${condition} THEN RAISE EXCEPTION '${message}' USING ERRCODE = 'check_violation'; END IF; RETURN new; END $$;
    CREATE TRIGGER ${name} BEFORE INSERT ON ${table} FOR EACH ROW EXECUTE FUNCTION ${name}();`);
  return () => db.script(`DROP TRIGGER ${name} ON ${table}; DROP FUNCTION ${name}();`);
}

/** Everything a test database holds, as text to search: the SQLite file's bytes, or a PostgreSQL dump of its data. */
export async function storedText(db: Db, path: string): Promise<string> {
  if (db.dialect === 'sqlite') {
    sqliteHandle(db).pragma('wal_checkpoint(TRUNCATE)');
    return readFileSync(path, 'latin1');
  }
  const dump = spawnSync(join(postgresBinDir()!, 'pg_dump'), ['--data-only', await testDatabaseUrl(path)], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  if (dump.status !== 0) throw new Error(`pg_dump failed: ${dump.stderr}`);
  return dump.stdout;
}

/**
 * SQLite FTS5 over the papers of `db` (same seqs, title, abstract and authors), the reference
 * paperboy's ranking index is compared with: its table papers_fts, tokenized as paperboy's index is.
 */
export async function fts5Twin(db: Db): Promise<Db> {
  const twin = await openDatabase(`sqlite:${join(tempDir(), 'fts5-twin.db')}`);
  await twin.script(`CREATE TABLE papers (seq INTEGER PRIMARY KEY, title TEXT NOT NULL, abstract TEXT NOT NULL, authors TEXT NOT NULL);
    CREATE VIRTUAL TABLE papers_fts USING fts5 (title, abstract, authors, content = 'papers', content_rowid = 'seq',
      tokenize = 'porter unicode61 remove_diacritics 2')`);
  const papers = await db.all<Record<string, unknown>>(
    'SELECT seq, title, paper_abstract(abstract) AS abstract, authors FROM papers ORDER BY seq',
  );
  await twin.transaction(async (tx) => {
    for (const paper of papers) {
      await tx.run('INSERT INTO papers (seq, title, abstract, authors) VALUES (@seq, @title, @abstract, @authors)', paper);
      await tx.run('INSERT INTO papers_fts (rowid, title, abstract, authors) VALUES (@seq, @title, @abstract, @authors)', paper);
    }
  });
  return twin;
}
