// What the engine, and every store of db/, asks of a database: SQL text with named (@name)
// or positional (?) parameters, answered asynchronously by SQLite or PostgreSQL (db/ opens
// either). Where the dialects differ a statement names both texts (`bySql`).

export type Dialect = 'sqlite' | 'postgres';

/** Named parameters (`@name` in the text) or positional ones (`?`). Arrays and booleans are bound as each engine reads them. */
export type Params = object | readonly unknown[];

export interface Sql {
  readonly dialect: Dialect;
  /** Every row. */
  all<Row = Record<string, unknown>>(text: string, params?: Params): Promise<Row[]>;
  /** The first row, or undefined. */
  get<Row = Record<string, unknown>>(text: string, params?: Params): Promise<Row | undefined>;
  /** The first column of the first row, or undefined when there is no row. */
  value<Value = unknown>(text: string, params?: Params): Promise<Value | undefined>;
  /** The first column of every row. */
  column<Value = unknown>(text: string, params?: Params): Promise<Value[]>;
  /** Runs a statement; returns how many rows it changed. */
  run(text: string, params?: Params): Promise<number>;
  /**
   * Runs `work` in one transaction on one connection: every statement of it goes through the
   * `tx` it is given (never through the outer Sql, which waits for the transaction to end).
   * Committed when `work` resolves, rolled back when it throws; nested, a savepoint.
   */
  transaction<Result>(work: (tx: Sql) => Promise<Result>): Promise<Result>;
  /** Several statements without parameters (migrations). */
  script(text: string): Promise<void>;
}

/** A connection (SQLite) or a pool of them (PostgreSQL), closed once. */
export interface Database extends Sql {
  /**
   * A token that changes whenever a write commits, in this process or another one on the same
   * database (caches key on it): SQLite's data version, PostgreSQL's notifications.
   */
  changes(): Promise<string>;
  close(): Promise<void>;
}

/** The text for this dialect, where SQLite and PostgreSQL spell a statement differently. */
export function bySql(sql: Sql, texts: Readonly<Record<Dialect, string>>): string {
  return texts[sql.dialect];
}

/** A boolean as both engines store it (an integer 0 or 1), `undefined` as NULL. */
export function scalarParam(value: unknown): unknown {
  if (value === undefined) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value;
}

/**
 * `IN` a list bound as one parameter (`param`, such as '@ids'): SQLite reads the list as JSON
 * text, PostgreSQL as an array. Written after the column: `paper_id ${inList(sql, '@ids')}`.
 */
export function inList(sql: Sql, param: string): string {
  return sql.dialect === 'sqlite' ? `IN (SELECT value FROM json_each(${param}))` : `= ANY(${param})`;
}

/** Most rows per statement when PostgreSQL inserts many (one round trip each). */
const ROWS_PER_STATEMENT = 128;

/**
 * Inserts rows of `width` values with `insert` ('INSERT INTO t (a, b) VALUES'): one prepared
 * statement per row on SQLite (in-process, the fastest); on PostgreSQL, where each statement is
 * a round trip, as few statements as the binary digits of the count say, of 128, 64, … 2 or 1
 * rows (at most eight texts to prepare per insert).
 */
export async function insertRows(sql: Sql, insert: string, width: number, rows: readonly (readonly unknown[])[]): Promise<void> {
  const tuple = `(${Array.from({ length: width }, () => '?').join(', ')})`;
  if (sql.dialect === 'sqlite') {
    for (const row of rows) await sql.run(`${insert} ${tuple}`, row);
    return;
  }
  for (let at = 0, size = ROWS_PER_STATEMENT; at < rows.length;) {
    if (at + size > rows.length) {
      size /= 2;
      continue;
    }
    await sql.run(`${insert} ${Array.from({ length: size }, () => tuple).join(', ')}`, rows.slice(at, at + size).flat());
    at += size;
  }
}
