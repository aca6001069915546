// Opens the store named by DATABASE_URL: one SQLite file (the embedded default) or a
// PostgreSQL server (postgres://). Both answer the same Sql interface.
import BetterSqlite3 from 'better-sqlite3';
import * as sqliteVec from 'sqlite-vec';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppError } from '../errors.ts';
import type { Database } from './sql.ts';
import { sqliteDatabase, sqliteHandle } from './sqlite-sql.ts';
import { postgresDatabase } from './postgres-sql.ts';
import { replicatedDatabase } from './replicated-sql.ts';

export type Db = Database;

export interface OpenOptions {
  /** PostgreSQL streaming replicas that web requests read from. */
  replicaUrls?: readonly string[];
  /** Connections kept to PostgreSQL (and to each replica). */
  poolSize?: number;
}

/** The store at `url` (with replicas, PostgreSQL only). */
export async function openDatabase(url: string, { replicaUrls = [], poolSize }: OpenOptions = {}): Promise<Db> {
  if (!isPostgresUrl(url)) {
    if (replicaUrls.length) throw new AppError('invalid', 'DATABASE_REPLICA_URLS needs a PostgreSQL DATABASE_URL: SQLite has no replicas');
    return openSqlite(sqlitePath(url));
  }
  const primary = await openPostgres(url, poolSize);
  if (!replicaUrls.length) return primary;
  const replicas: Db[] = [];
  try {
    for (const replica of replicaUrls) replicas.push(await openPostgres(replica, poolSize));
  } catch (error) {
    await Promise.all([primary, ...replicas].map((db) => db.close()));
    throw error;
  }
  return replicatedDatabase(primary, replicas);
}

export function isPostgresUrl(url: string): boolean {
  return url.startsWith('postgres://') || url.startsWith('postgresql://');
}

function openSqlite(path: string): Db {
  let db: BetterSqlite3.Database;
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    db = new BetterSqlite3(path);
  } catch (error) {
    throw new AppError('unavailable', `cannot open database ${path}: ${(error as Error).message}`, { cause: error });
  }
  // sqlite-vec: vector distance functions for semantic search.
  sqliteVec.load(db);
  // A new file gets 16 KB pages (SQLite's default is 4 KB): a paper's row of 1 to 3 KB then
  // packs well, which took a fifth off the papers table. And its free pages can be given back
  // (compactAfterImport). Only an empty file can take either.
  if (db.pragma('page_count', { simple: true }) === 0) {
    db.pragma(`page_size = ${PAGE_SIZE}`);
    db.pragma('auto_vacuum = INCREMENTAL');
  }
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  return sqliteDatabase(db);
}

async function openPostgres(url: string, poolSize?: number): Promise<Db> {
  const db = postgresDatabase(url, { max: poolSize });
  try {
    await db.value('SELECT 1');
  } catch (error) {
    await db.close().catch(() => undefined);
    throw new AppError('unavailable', `cannot reach PostgreSQL at ${redactedUrl(url)}: ${(error as Error).message}`, { cause: error });
  }
  return db;
}

/** The URL without its password, for messages and logs. */
export function redactedUrl(url: string): string {
  return url.replace(/\/\/([^:/@]*):[^@/]*@/, '//$1:***@');
}

/**
 * How long a SQLite writer waits for another to finish (a batch of an ingest in another process,
 * a ranking-index merge) before giving up. Writers queue behind each other rather than fail.
 */
export const BUSY_TIMEOUT_MS = 30_000;
/** Bytes of a page of a new SQLite file. */
const PAGE_SIZE = 16_384;

/** The SQLite file behind `db`, or null for PostgreSQL or an in-memory database. */
export function sqliteFile(db: Db): string | null {
  if (db.dialect !== 'sqlite') return null;
  const handle = sqliteHandle(db);
  return handle.memory ? null : handle.name;
}

/**
 * For a connection that mostly reads (a web process): SQLite's pages memory-mapped (shared by
 * every process on the file) and a larger page cache, so looking up a listing's papers by id
 * costs half as much. Not for bulk writers: mapped pages count in their memory.
 */
export function tuneForReading(db: Db): void {
  if (db.dialect !== 'sqlite') return;
  sqliteHandle(db).pragma('mmap_size = 1073741824');
  sqliteHandle(db).pragma('cache_size = -32768');
}

/**
 * For a connection that imports many papers (the CLI's ingest): a page cache large enough to
 * hold the parts of the indexes a batch writes (64 MB: at 128, an import of the whole of arXiv
 * peaked over 1 GB once the text index took the papers it adds from memory), a write-ahead log
 * copied into the file every 256 MB instead of every 4 MB (each copy ends with a sync of the whole file), and
 * statement journals kept in memory: a statement that may need undoing alone (an upsert, a
 * row with triggers) keeps the pages it touches, four or five pages of 16 KB, which went
 * to a temporary file past 64 KB (it halved the time of an insert with triggers).
 */
export function tuneForImport(db: Db): void {
  if (db.dialect !== 'sqlite') return;
  const handle = sqliteHandle(db);
  handle.pragma('cache_size = -65536');
  handle.pragma('temp_store = MEMORY');
  handle.pragma(`wal_autocheckpoint = ${(256 * 2 ** 20) / (handle.pragma('page_size', { simple: true }) as number)}`);
}

/** SQLite's auto_vacuum mode that lets free pages be given back on demand. */
const INCREMENTAL = 2;

/** Papers added by an import that rebuilds the indexes it fills out of order. */
export const LARGE_IMPORT = 10_000;
/**
 * Indexes an import fills nearly in order (papers come in id order, their dates nearly so): each
 * entry that comes late splits a full page in two, and pages behind the newest are never filled again.
 */
const OUT_OF_ORDER_INDEXES = ['papers_published_at', 'papers_newest'];

/**
 * After an import: rebuilds, when it added LARGE_IMPORT papers or more, the indexes it filled out of
 * order (at 100,000 papers, half of the newest-first index was empty space; rebuilt in 0.2 s); then
 * gives the file's free pages back to the file system (a merge of the text index frees what it
 * merged: a quarter of the file at 100,000 papers). Returns the bytes given back. Only SQLite files
 * made since this existed can give pages back; others keep them for later writes.
 */
export function compactAfterImport(db: Db, added: number): number {
  if (db.dialect !== 'sqlite') return 0;
  const handle = sqliteHandle(db);
  if (added >= LARGE_IMPORT) for (const index of OUT_OF_ORDER_INDEXES) handle.exec(`REINDEX ${index}`);
  if (handle.pragma('auto_vacuum', { simple: true }) !== INCREMENTAL) return 0;
  const free = (handle.pragma('freelist_count', { simple: true }) as number) * (handle.pragma('page_size', { simple: true }) as number);
  if (free) handle.pragma('incremental_vacuum');
  return free;
}

export function sqlitePath(url: string): string {
  if (!url.startsWith('sqlite:')) throw new AppError('invalid', `unsupported DATABASE_URL ${url}: expected sqlite:PATH or postgres://…`);
  return url.slice('sqlite:'.length) || ':memory:';
}
