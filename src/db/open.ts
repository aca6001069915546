// Opens the store named by DATABASE_URL. SQLite is the embedded default.
import Database from 'better-sqlite3';
import * as sqliteVec from 'sqlite-vec';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppError } from '../errors.ts';

export type Db = Database.Database;

export function openDatabase(url: string): Db {
  const path = sqlitePath(url);
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  let db: Db;
  try {
    db = new Database(path);
  } catch (error) {
    throw new AppError('unavailable', `cannot open database ${path}: ${(error as Error).message}`, { cause: error });
  }
  // sqlite-vec: vector distance functions for semantic search.
  sqliteVec.load(db);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  return db;
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
