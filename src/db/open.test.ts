import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { compactAfterImport, LARGE_IMPORT, openDatabase, tuneForImport } from './open.ts';
import { sqliteHandle } from './sqlite-sql.ts';
import { migrate } from './migrate.ts';
import { tempDir } from '../../test/helpers.ts';

describe('opening a SQLite file', () => {
  it('gives a new file 16 KB pages, and leaves an existing file its own', async () => {
    const fresh = await openDatabase(`sqlite:${join(tempDir(), 'new.db')}`);
    expect(sqliteHandle(fresh).pragma('page_size', { simple: true })).toBe(16_384);
    await fresh.close();
    const path = join(tempDir(), 'old.db');
    const old = new Database(path);
    old.exec('CREATE TABLE t (x)');
    old.close();
    const reopened = await openDatabase(`sqlite:${path}`);
    expect(sqliteHandle(reopened).pragma('page_size', { simple: true })).toBe(4096);
    expect(await reopened.value('SELECT count(*) FROM t')).toBe(0);
    await reopened.close();
  });

  it('gives the free pages of a new file back, and leaves an old file its own', async () => {
    const path = join(tempDir(), 'freed.db');
    const db = await openDatabase(`sqlite:${path}`);
    const handle = sqliteHandle(db);
    await db.run('CREATE TABLE t (x BLOB)');
    await db.run(
      'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000) INSERT INTO t SELECT randomblob(4000) FROM n',
    );
    await db.run('DELETE FROM t');
    const free = handle.pragma('freelist_count', { simple: true }) as number;
    expect(free).toBeGreaterThan(100);
    const pages = handle.pragma('page_count', { simple: true }) as number;
    expect(compactAfterImport(db, 0)).toBe(free * 16_384);
    expect(handle.pragma('freelist_count', { simple: true })).toBe(0);
    expect(handle.pragma('page_count', { simple: true })).toBe(pages - free);
    await db.close();
    const oldPath = join(tempDir(), 'old.db');
    const old = new Database(oldPath);
    old.exec('CREATE TABLE t (x BLOB); INSERT INTO t VALUES (randomblob(100000)); DELETE FROM t;');
    old.close();
    const reopened = await openDatabase(`sqlite:${oldPath}`);
    expect(compactAfterImport(reopened, 0)).toBe(0);
    expect(sqliteHandle(reopened).pragma('freelist_count', { simple: true })).toBeGreaterThan(0);
    await reopened.close();
  });

  it('rebuilds the newest-first index after a large import, which fills it nearly in order, half empty', async () => {
    const db = await openDatabase(`sqlite:${join(tempDir(), 'reindexed.db')}`);
    await migrate(db);
    await db.run(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)
      INSERT INTO papers (id, title, metadata_source, content_hash, created_at, modified_at, published_at)
      SELECT 'p' || i, 'T', 'jsonl', 'h', '2026', '2026', strftime('%Y-%m-%dT%H:%M:%fZ', 1000000000 + i * 1000 + abs(random() % 100000), 'unixepoch') FROM n`);
    const pages = () => db.value<number>("SELECT count(*) FROM dbstat WHERE name = 'papers_published_at'");
    const filled = (await pages())!;
    compactAfterImport(db, LARGE_IMPORT - 1);
    expect(await pages()).toBe(filled);
    compactAfterImport(db, LARGE_IMPORT);
    expect(await pages()).toBeLessThan(filled * 0.7);
    expect(await db.value('SELECT count(*) FROM papers WHERE published_at > ?', ['2001'])).toBeGreaterThan(0);
    await db.close();
  });

  it('gives an importing connection a 64 MB page cache and a log copied into the file every 256 MB', async () => {
    const db = await openDatabase(`sqlite:${join(tempDir(), 'import.db')}`);
    tuneForImport(db);
    expect(sqliteHandle(db).pragma('cache_size', { simple: true })).toBe(-65_536);
    expect(sqliteHandle(db).pragma('wal_autocheckpoint', { simple: true })).toBe((256 * 2 ** 20) / 16_384);
    await db.close();
  });
});
