// What a database error means for the caller: a record the database refuses
// for its own content (skip it, go on), or a failure of the database itself
// (stop, say so plainly, lose nothing). SQLite's result codes decide.
import { AppError } from '../errors.ts';

/** The database refused one record for its content (a constraint, a value too big); the rest can go on. */
export class RecordRefused extends Error {}

/** The database itself failed (disk full, read-only, locked too long, damaged): nothing more can be written. */
export class StorageFailure extends AppError {
  constructor(message: string, cause: unknown) {
    super('unavailable', message, { cause });
    this.name = 'StorageFailure';
  }
}

const RECORD_CODES = /^SQLITE_(CONSTRAINT|TOOBIG|MISMATCH)/;

const PLAIN_REASONS: [RegExp, string][] = [
  [/^SQLITE_FULL/, 'the disk is full'],
  [/^SQLITE_READONLY/, 'the database file is read-only (check the permissions of the file and its folder)'],
  [/^SQLITE_(BUSY|LOCKED)/, 'the database stayed locked by another process for too long'],
  [/^SQLITE_(CORRUPT|NOTADB)/, 'the database file is damaged'],
  [/^SQLITE_IOERR/, 'the disk could not read or write the database'],
  [/^SQLITE_CANTOPEN/, 'the database file cannot be opened'],
  [/^SQLITE_NOMEM/, 'the database ran out of memory'],
];

/** `error` as a RecordRefused or a StorageFailure when it comes from SQLite; anything else as it is. */
export function classifyDatabaseError(error: unknown): unknown {
  if (error instanceof RecordRefused || error instanceof StorageFailure) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return error;
  if (RECORD_CODES.test(code)) return new RecordRefused((error as Error).message, { cause: error });
  const reason = PLAIN_REASONS.find(([pattern]) => pattern.test(code))?.[1] ?? `the database failed (${code})`;
  return new StorageFailure(reason, error);
}

/** Runs `work`, turning SQLite's errors into RecordRefused or StorageFailure. */
export function classifyingErrors<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw classifyDatabaseError(error);
  }
}
