// Opens the store named by DATABASE_URL. SQLite is the embedded default.
import Database from 'better-sqlite3';
import * as sqliteVec from 'sqlite-vec';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppError } from '../errors.ts';

export type Db = Database.Database;

export function openDatabase(url: string): Db {
  const path = sqlitePath(url);
  let db: Db;
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    db = new Database(path);
  } catch (error) {
    throw new AppError('unavailable', `cannot open database ${path}: ${(error as Error).message}`, { cause: error });
  }
  // sqlite-vec: vector distance functions for semantic search.
  sqliteVec.load(db);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  return db;
}

/**
 * How long a writer waits for another to finish (a batch of an ingest in another process, a
 * ranking-index merge) before giving up. Writers queue behind each other rather than fail.
 */
export const BUSY_TIMEOUT_MS = 30_000;

/**
 * A transaction that takes the write lock as it begins (BEGIN IMMEDIATE), waiting its turn
 * behind other writers. A deferred one that reads and then writes fails at once, without
 * waiting, when another process wrote in between (SQLITE_BUSY_SNAPSHOT). Inside another
 * transaction it is a savepoint, as better-sqlite3 nests them.
 */
export function writeTransaction<Args extends unknown[], Result>(db: Db, work: (...args: Args) => Result): (...args: Args) => Result {
  const transaction = db.transaction(work);
  return (...args) => transaction.immediate(...args);
}

/**
 * For a connection that mostly reads (a web process): pages memory-mapped (shared by every
 * process on the file) and a larger page cache, so looking up a listing's papers by id costs
 * half as much. Not for bulk writers: mapped pages count in their memory.
 */
export function tuneForReading(db: Db): void {
  db.pragma('mmap_size = 1073741824');
  db.pragma('cache_size = -32768');
}

export function sqlitePath(url: string): string {
  if (!url.startsWith('sqlite:')) throw new AppError('invalid', `unsupported DATABASE_URL ${url}: expected sqlite:PATH`);
  return url.slice('sqlite:'.length) || ':memory:';
}
