// What a database error means for the caller: a record the database refuses
// for its own content (skip it, go on), or a failure of the database itself
// (stop, say so plainly, lose nothing). SQLite's result codes and PostgreSQL's
// SQLSTATEs decide.
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

/** SQLite's refusals of a record, and PostgreSQL's (class 22, data exceptions; class 23, constraints). */
const RECORD_CODES = /^(SQLITE_(CONSTRAINT|TOOBIG|MISMATCH)|2[23][0-9A-Z]{3}$)/;

const PLAIN_REASONS: [RegExp, string][] = [
  [/^53100$/, 'the disk of the database server is full'],
  [/^53200$/, 'the database server ran out of memory'],
  [/^25006$/, 'the database is read-only (a standby server: writes go to the primary)'],
  [/^(57P0[1-3]|08[0-9A-Z]{3}|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND)$/, 'the database server cannot be reached'],
  [/^(40P01|55P03|40001)$/, 'the database was locked by another process for too long'],
  [/^(28[0-9A-Z]{3}|42501)$/, 'the database server refused paperboy (check the user and its rights in DATABASE_URL)'],
  [/^SQLITE_FULL/, 'the disk is full'],
  [/^SQLITE_READONLY/, 'the database file is read-only (check the permissions of the file and its folder)'],
  [/^SQLITE_(BUSY|LOCKED)/, 'the database stayed locked by another process for too long'],
  [/^SQLITE_(CORRUPT|NOTADB)/, 'the database file is damaged'],
  [/^SQLITE_IOERR/, 'the disk could not read or write the database'],
  [/^SQLITE_CANTOPEN/, 'the database file cannot be opened'],
  [/^SQLITE_NOMEM/, 'the database ran out of memory'],
];

/** `error` as a RecordRefused or a StorageFailure when it comes from the database; anything else as it is. */
export function classifyDatabaseError(error: unknown): unknown {
  if (error instanceof RecordRefused || error instanceof StorageFailure) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return error;
  if (RECORD_CODES.test(code)) return new RecordRefused((error as Error).message, { cause: error });
  const reason = PLAIN_REASONS.find(([pattern]) => pattern.test(code))?.[1];
  if (reason) return new StorageFailure(reason, error);
  return code.startsWith('SQLITE_') ? new StorageFailure(`the database failed (${code})`, error) : error;
}

/** Runs `work`, turning the database's errors into RecordRefused or StorageFailure. */
export async function classifyingErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw classifyDatabaseError(error);
  }
}
