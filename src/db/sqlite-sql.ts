// Sql on one better-sqlite3 connection: every statement prepared once and run at once
// (SQLite answers in-process); an open transaction holds the connection, so statements
// from elsewhere in the process wait for it to end rather than land inside it.
import { registerAbstractFunctions } from './abstract-packing.ts';
import type BetterSqlite3 from 'better-sqlite3';
import { scalarParam, type Database, type Params, type Sql } from './sql.ts';

type Statement = BetterSqlite3.Statement;

/** Arrays are bound as JSON text (read with json_each), booleans as 0 or 1. */
function bind(params: Params | undefined): unknown[] | Record<string, unknown> {
  if (params === undefined) return [];
  if (Array.isArray(params)) return params.map(sqliteParam);
  const bound: Record<string, unknown> = {};
  // A loop over the names, not Object.entries: an import binds a paper's 17 values several times a paper.
  for (const name in params) if (Object.hasOwn(params, name)) bound[name] = sqliteParam((params as Record<string, unknown>)[name]);
  return bound;
}

function sqliteParam(value: unknown): unknown {
  return Array.isArray(value) ? JSON.stringify(value) : scalarParam(value);
}

/** Changes with another connection's commit (data_version) and with this one's writes (total_changes). */
const DATA_VERSION = 'SELECT data_version, total_changes() FROM pragma_data_version';

/** The raw connection behind a SQLite Database, for what only SQLite has (pragmas, vector functions). */
const handles = new WeakMap<Sql, BetterSqlite3.Database>();

export function sqliteHandle(sql: Sql): BetterSqlite3.Database {
  const handle = handles.get(sql);
  if (!handle) throw new Error('not a SQLite database');
  return handle;
}

export function sqliteDatabase(db: BetterSqlite3.Database): Database {
  registerAbstractFunctions(db);
  const statements = new Map<string, Statement>();
  const prepared = (text: string) => statements.get(text) ?? statements.set(text, db.prepare(text)).get(text)!;
  /** The open transaction's end, while one is open. */
  let open: Promise<unknown> | null = null;

  async function waitForOpenTransaction(): Promise<void> {
    while (open) await open.catch(() => undefined);
  }

  function run<T>(operation: (statement: Statement, bound: unknown[] | Record<string, unknown>) => T) {
    return (text: string, params?: Params): T => operation(prepared(text), bind(params));
  }

  const operations = {
    all: run((statement, bound) => statement.pluck(false).all(bound)),
    get: run((statement, bound) => statement.pluck(false).get(bound)),
    value: run((statement, bound) => statement.pluck(true).get(bound)),
    column: run((statement, bound) => statement.pluck(true).all(bound)),
    run: run((statement, bound) => (statement.reader ? (statement.all(bound), 0) : statement.run(bound).changes)),
  };

  /** The statements of a transaction `depth` deep: run at once, nested transactions as savepoints. */
  function inTransaction(depth: number): Sql {
    const sql = {
      dialect: 'sqlite' as const,
      all: async (text: string, params?: Params) => operations.all(text, params),
      get: async (text: string, params?: Params) => operations.get(text, params),
      value: async (text: string, params?: Params) => operations.value(text, params),
      column: async (text: string, params?: Params) => operations.column(text, params),
      run: async (text: string, params?: Params) => operations.run(text, params),
      script: async (text: string) => void db.exec(text),
      transaction: <Result>(work: (tx: Sql) => Promise<Result>) => savepoint(depth + 1, work),
    } as Sql;
    handles.set(sql, db);
    return sql;
  }

  async function savepoint<Result>(depth: number, work: (tx: Sql) => Promise<Result>): Promise<Result> {
    const name = `nested_${depth}`;
    db.exec(`SAVEPOINT ${name}`);
    try {
      const result = await work(inTransaction(depth));
      db.exec(`RELEASE ${name}`);
      return result;
    } catch (error) {
      db.exec(`ROLLBACK TO ${name}; RELEASE ${name}`);
      throw error;
    }
  }

  /** BEGIN IMMEDIATE: takes the write lock as it begins, waiting its turn behind other processes' writers. */
  async function transaction<Result>(work: (tx: Sql) => Promise<Result>): Promise<Result> {
    await waitForOpenTransaction();
    const running = (async () => {
      db.exec('BEGIN IMMEDIATE');
      try {
        const result = await work(inTransaction(0));
        db.exec('COMMIT');
        return result;
      } catch (error) {
        if (db.inTransaction) db.exec('ROLLBACK');
        throw error;
      }
    })();
    open = running;
    try {
      return await running;
    } finally {
      if (open === running) open = null;
    }
  }

  const outside =
    <T>(operation: (text: string, params?: Params) => T) =>
    async (text: string, params?: Params): Promise<T> => {
      if (open) await waitForOpenTransaction();
      return operation(text, params);
    };

  const database = {
    dialect: 'sqlite' as const,
    all: outside(operations.all),
    get: outside(operations.get),
    value: outside(operations.value),
    column: outside(operations.column),
    run: outside(operations.run),
    script: outside((text: string) => void db.exec(text)),
    transaction,
    changes: outside(() => (prepared(DATA_VERSION).raw(true).get() as [number, number]).join(':')),
    async close() {
      await waitForOpenTransaction();
      db.close();
    },
  } as Database;
  handles.set(database, db);
  return database;
}
