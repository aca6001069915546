// What the engine indexes: the rows of one table, each known by an integer key and
// holding up to FIELDS text columns, and optionally keys drawn from those columns
// and from others read for keys alone (whole terms, not words: an author's name,
// a category). Rows changed or deleted are queued in lexicon_pending by triggers
// on that table; rows added, by their writer
// (queueAdded, once a transaction: a trigger for each row made every insert keep a
// statement journal). The engine reads the queue and knows nothing else of them,
// but what their writer offers it of the rows it adds (checkColumn).
import { FIELDS } from './postings.ts';
import { bySql, type Dialect, type Sql } from './sql.ts';
import { dateKey, NO_DATE } from './date-keys.ts';

export interface TextSource {
  table: string;
  /** The integer key of a row (its document number in the index). */
  key: string;
  /** The text columns, in field order (field weights follow the same order). */
  fields: readonly string[];
  /** The field weights searches mostly rank with: each block of postings keeps its bound under them (impacts.ts). */
  weights: readonly number[];
  /**
   * Terms a document is found under as a whole, besides its words, from its fields and its key
   * columns: each starts with KEY_MARK, which no word holds (others are left out), and counts
   * toward neither ranking nor length.
   */
  keysOf?: (fields: readonly (string | null)[], keyValues: readonly unknown[]) => string[];
  /**
   * Values read for keysOf alone, in this order: SQL over the row (known as `d`) by dialect.
   * Written by the source's own code, never from input; a change of them must queue the row, as
   * a change of its fields does.
   */
  keyColumns?: readonly Readonly<Record<Dialect, string>>[];
  /** An SQL function each field is read through (to unpack a stored form), by field; none: as stored. */
  readThrough?: readonly (string | null)[];
  /**
   * A column of dates (text like 2025-01-31, or ISO times) the index keeps with each document as a
   * key (date-keys.ts), for searches to check dates in memory; a change of it must queue the row.
   */
  dateColumn?: string;
  /**
   * A column whose value changes with anything the index reads of a row (a hash of its content). With
   * it, the source's writer may offer the index the rows it adds (IndexWriter.offer): an offered row is
   * indexed as offered, unread, while the row stored still holds the value it was offered with.
   */
  checkColumn?: string;
}

/** The first character of every key term: words are letters and digits only. */
export const KEY_MARK = '@';

/** A document waiting for the index: its fields as stored now (null once deleted), and its place in the queue. */
export interface PendingDocument {
  seq: number;
  version: number;
  fields: (string | null)[] | null;
  /** Its keys (none once deleted). */
  keys?: string[];
  /** Its date's key (date-keys.ts); NO_DATE without one. */
  dateKey?: number;
}

/** What the index reads of a row: its fields (in field order), its key values (keyColumns') and its date. */
export interface StoredText {
  fields: (string | null)[];
  keyValues: unknown[];
  date: string | null;
}

interface PendingRow {
  seq: number;
  version: number;
  present: number | null;
  [field: `field${number}`]: string | null;
  [keyValue: `key${number}`]: unknown;
  date?: string | null;
}

/** A waiting document's place in the queue, and the check column's value of its row (null once deleted). */
export interface PendingCheck {
  seq: number;
  version: number;
  checked: unknown;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/** The source, its names checked to be plain SQL names (statements are written with them). */
function checked(source: TextSource): TextSource {
  const names = [
    source.table,
    source.key,
    ...source.fields,
    ...(source.readThrough ?? []).filter((name) => name !== null),
    ...(source.dateColumn ? [source.dateColumn] : []),
    ...(source.checkColumn ? [source.checkColumn] : []),
  ];
  const unsafe = names.find((name) => !IDENTIFIER.test(name));
  if (unsafe !== undefined) throw new Error(`not a plain SQL name: ${unsafe}`);
  return source;
}

/** The SQL that reads field `index` of the source's table (known as `alias`) as text. */
export function fieldSql(source: TextSource, index: number, alias: string): string {
  const column = `${alias}.${checked(source).fields[index]}`;
  const through = source.readThrough?.[index];
  return through ? `${through}(${column})` : column;
}

/** The greatest key of the source's table now (0 when it is empty): rows added after it have greater ones. */
export async function newestKey(sql: Sql, source: TextSource): Promise<number> {
  const { table, key } = checked(source);
  return (await sql.value<number>(`SELECT coalesce(max(${key}), 0) FROM ${table}`))!;
}

/** Queues the rows added since `newest` (newestKey, read earlier in the transaction) for the index; returns how many. */
export function queueAdded(sql: Sql, source: TextSource, newest: number): Promise<number> {
  const { table, key } = checked(source);
  return sql.run(
    `INSERT INTO lexicon_pending (seq) SELECT ${key} FROM ${table} WHERE ${key} > ?
      ON CONFLICT (seq) DO UPDATE SET version = lexicon_pending.version + 1`,
    [newest],
  );
}

/**
 * The documents waiting for the index whose keys are above the first parameter, up to the second's count,
 * in key order, with their fields and key values as stored now.
 */
export function pendingDocumentsSql(sql: Sql, source: TextSource): string {
  if (!source.fields.length || source.fields.length > FIELDS) throw new Error(`a text source has 1 to ${FIELDS} fields`);
  const fields = source.fields.map((_field, index) => `${fieldSql(source, index, 'd')} AS field${index}`);
  const keyValues = (source.keyColumns ?? []).map((column, index) => `${bySql(sql, column)} AS key${index}`);
  const date = source.dateColumn ? [`d.${source.dateColumn} AS date`] : [];
  return `SELECT q.seq, q.version, d.${source.key} AS present, ${[...fields, ...keyValues, ...date].join(', ')}
    FROM lexicon_pending q LEFT JOIN ${source.table} d ON d.${source.key} = q.seq WHERE q.seq > ? ORDER BY q.seq LIMIT ?`;
}

/**
 * The documents waiting whose keys are above the first parameter, up to the second's count, in key order:
 * their places in the queue and their rows' check column (see pendingDocumentsSql).
 */
export function pendingChecksSql(source: TextSource): string {
  const { table, key, checkColumn } = checked(source);
  if (!checkColumn) throw new Error('the text source has no check column');
  return `SELECT q.seq, q.version, d.${checkColumn} AS checked
    FROM lexicon_pending q LEFT JOIN ${table} d ON d.${key} = q.seq WHERE q.seq > ? ORDER BY q.seq LIMIT ?`;
}

/** A waiting document of a row as stored (or offered), or of no row: deleted. */
export function pendingDocument(seq: number, version: number, stored: StoredText | null, source: TextSource): PendingDocument {
  if (!stored) return { seq, version, fields: null, dateKey: NO_DATE };
  const keys = (source.keysOf?.(stored.fields, stored.keyValues) ?? []).filter((key) => key.startsWith(KEY_MARK));
  return { seq, version, fields: stored.fields, keys, dateKey: dateKey(stored.date) };
}

function storedText(row: PendingRow, source: TextSource): StoredText | null {
  if (row.present === null) return null;
  return {
    fields: Array.from({ length: source.fields.length }, (_unused, index) => row[`field${index}`] ?? null),
    keyValues: (source.keyColumns ?? []).map((_column, index) => row[`key${index}`] ?? null),
    date: row.date ?? null,
  };
}

/** Up to `limit` documents waiting, in key order, from the first after `after` (a key: 0 for all), read as stored now. */
export async function readPending(sql: Sql, source: TextSource, limit: number, after = 0): Promise<PendingDocument[]> {
  const rows = await sql.all<PendingRow>(pendingDocumentsSql(sql, source), [after, limit]);
  return rows.map((row) => pendingDocument(row.seq, row.version, storedText(row, source), source));
}
