// Sql on a node-postgres pool: each text is translated once to PostgreSQL's numbered
// parameters ($1) and run as a named prepared statement; a transaction holds one client.
// Counts (bigint) and averages (numeric) come back as numbers, as SQLite gives them.
import pg from 'pg';
import { scalarParam, type Database, type Params, type Sql } from './sql.ts';

const INT8 = 20;
const NUMERIC = 1700;

/** bigint and numeric as JavaScript numbers: paperboy's counts and keys stay far below 2^53. */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8 || oid === NUMERIC) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
};

interface Translated {
  name: string;
  text: string;
  /** The parameter names in $ order, or null for positional parameters. */
  names: string[] | null;
}

/**
 * `@name` and `?` as $1, $2, ... outside quoted strings, quoted names and comments. A name used
 * twice keeps one number.
 */
export function translateParameters(text: string): { text: string; names: string[] | null } {
  const names: string[] = [];
  let positional = 0;
  let out = '';
  for (let at = 0; at < text.length;) {
    const char = text[at]!;
    const skipped = quotedOrComment(text, at);
    if (skipped > at) {
      out += text.slice(at, skipped);
      at = skipped;
    } else if (char === '?') {
      out += `$${++positional}`;
      at++;
    } else if (char === '@' && text[at - 1] !== '@' && /[A-Za-z_]/.test(text[at + 1] ?? '')) {
      const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(at + 1))![0];
      const index = names.indexOf(name);
      out += `$${index >= 0 ? index + 1 : names.push(name)}`;
      at += name.length + 1;
    } else {
      out += char;
      at++;
    }
  }
  if (positional && names.length) throw new Error('a statement mixes named and positional parameters');
  return { text: out, names: positional ? null : names };
}

/** Where a quoted string, quoted name or comment starting at `at` ends (or `at` when none starts there). */
function quotedOrComment(text: string, at: number): number {
  const char = text[at];
  if (char === "'" || char === '"') {
    let end = at + 1;
    for (;;) {
      end = text.indexOf(char, end);
      if (end < 0) return text.length;
      if (text[end + 1] !== char) return end + 1;
      end += 2;
    }
  }
  if (char === '-' && text[at + 1] === '-') {
    const end = text.indexOf('\n', at);
    return end < 0 ? text.length : end;
  }
  return at;
}

function postgresParam(value: unknown): unknown {
  return Array.isArray(value) ? value.map(scalarParam) : scalarParam(value);
}

/** What statements run on: the pool (any free connection), or one transaction's connection. */
interface Queryable {
  query(config: pg.QueryConfig | string): Promise<pg.QueryResult>;
}

/**
 * A transaction's connection, taking its statements one after another: statements of one
 * transaction started together (Promise.all) wait their turn, as node-postgres will require.
 */
function oneQueryAtATime(client: pg.PoolClient): Queryable {
  let last: Promise<unknown> = Promise.resolve();
  return {
    query(config) {
      const next = last.then(() => client.query(config));
      last = next.catch(() => undefined);
      return next;
    },
  };
}

/** The channel the migrations' triggers notify on every committed write. */
export const CHANGES_CHANNEL = 'paperboy_changes';

/**
 * Candidates pgvector's HNSW search keeps (hnsw.ef_search; its default, 40, is below the 100
 * neighbours hybrid search asks for). Set for every connection, harmless where pgvector is absent.
 */
const SESSION_OPTIONS = '-c hnsw.ef_search=200';

export function postgresDatabase(connectionString: string, options: { max?: number } = {}): Database {
  const pool = new pg.Pool({ connectionString, types, max: options.max ?? 10, options: SESSION_OPTIONS });
  // An idle client that loses its server (a restart) is dropped from the pool; the next query opens another.
  pool.on('error', () => undefined);
  const translations = new Map<string, Translated>();

  function translated(text: string): Translated {
    let found = translations.get(text);
    if (!found) {
      found = { name: `s${translations.size + 1}`, ...translateParameters(text) };
      translations.set(text, found);
    }
    return found;
  }

  function values(statement: Translated, params: Params | undefined): unknown[] {
    if (params === undefined) return [];
    if (Array.isArray(params)) return params.map(postgresParam);
    const named = params as Record<string, unknown>;
    return (statement.names ?? []).map((name) => {
      if (!(name in named)) throw new Error(`missing named parameter @${name}`);
      return postgresParam(named[name]);
    });
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- rows are typed by each store's call
  function query(on: Queryable, text: string, params: Params | undefined, rowMode?: 'array'): Promise<pg.QueryResult<any>> {
    const statement = translated(text);
    const config = { name: statement.name, text: statement.text, values: values(statement, params), rowMode };
    return on.query(config as pg.QueryConfig);
  }

  /** Notifications of other processes' commits (the migrations' triggers send them), and this process's own writes. */
  let notified = 0;
  let ownWrites = 0;
  let listener: Promise<pg.Client> | null = null;

  function listen(): Promise<pg.Client> {
    listener ??= (async () => {
      const client = new pg.Client({ connectionString, types });
      client.on('notification', () => notified++);
      // A lost listener may have missed notifications: count one, and listen again on the next call.
      client.on('error', () => {
        notified++;
        listener = null;
        client.end().catch(() => undefined);
      });
      await client.connect();
      await client.query(`LISTEN ${CHANGES_CHANNEL}`);
      return client;
    })().catch((error) => {
      listener = null;
      throw error;
    });
    return listener;
  }

  function over(on: Queryable, depth: number): Sql {
    const wrote = <T>(result: T) => (depth === 0 && ownWrites++, result);
    return {
      dialect: 'postgres',
      all: async (text, params) => (await query(on, text, params)).rows,
      get: async (text, params) => (await query(on, text, params)).rows[0],
      value: async (text, params) => (await query(on, text, params, 'array')).rows[0]?.[0],
      column: async (text, params) => (await query(on, text, params, 'array')).rows.map((row: unknown[]) => row[0]),
      run: async (text, params) => wrote((await query(on, text, params)).rowCount ?? 0),
      script: async (text) => wrote(void (await on.query(text))),
      transaction: (work) => (depth === 0 ? transaction(work) : savepoint(on, depth, work)),
    } as Sql;
  }

  async function transaction<Result>(work: (tx: Sql) => Promise<Result>): Promise<Result> {
    const connection = await pool.connect();
    const client = oneQueryAtATime(connection);
    try {
      await client.query('BEGIN');
      const result = await work(over(client, 1));
      await client.query('COMMIT');
      ownWrites++;
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      connection.release();
    }
  }

  async function savepoint<Result>(client: Queryable, depth: number, work: (tx: Sql) => Promise<Result>): Promise<Result> {
    const name = `nested_${depth}`;
    await client.query(`SAVEPOINT ${name}`);
    try {
      const result = await work(over(client, depth + 1));
      await client.query(`RELEASE SAVEPOINT ${name}`);
      return result;
    } catch (error) {
      await client.query(`ROLLBACK TO SAVEPOINT ${name}`);
      throw error;
    }
  }

  /** Once closed, nothing listens again: a late caller (work still settling while a process stops) would hold the process open. */
  let closed = false;

  return {
    ...over(pool, 0),
    async changes() {
      if (!closed) await listen();
      return `${notified}:${ownWrites}`;
    },
    async close() {
      closed = true;
      const listening = listener;
      listener = null;
      await listening?.then((client) => client.end()).catch(() => undefined);
      await pool.end();
    },
  };
}
