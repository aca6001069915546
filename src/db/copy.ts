// Moving a hub: every table of one store (a SQLite file, or another PostgreSQL
// database) into an empty PostgreSQL database, batch by batch in key order.
// Each batch commits together with the position it reached, so a copy that is
// interrupted goes on from there when run again. At the end every table is
// counted and checksummed on both sides, the generated link key moves too, and
// the target's statistics are gathered for its planner.
import { createHash } from 'node:crypto';
import { AppError } from '../errors.ts';
import { migrate, pendingMigrations } from './migrate.ts';
import { openDatabase, type Db } from './open.ts';
import { keepSecretKey, storedSecretKey } from './secret-key.ts';
import { insertRows, type Sql } from './sql.ts';
import { abstractText } from './abstract-packing.ts';

export interface CopyProgress {
  table: string;
  copied: number;
  total: number;
}

export interface CopiedTable {
  name: string;
  rows: number;
  checksum: string;
}

export interface CopyReport {
  tables: CopiedTable[];
  resumed: boolean;
  linkKeyMoved: boolean;
}

interface Table {
  name: string;
  columns: string[];
  /** The primary key's columns, in order; none for a table without one (copied in one batch). */
  key: string[];
}

const PROGRESS = 'paperboy_copy_progress';
const DEFAULT_BATCH = 2_000;

const SQL = {
  sqliteTables: "SELECT name FROM sqlite_master WHERE type = 'table'",
  postgresTables: `SELECT c.relname FROM pg_class c WHERE c.relkind = 'r' AND c.relnamespace = CAST(current_schema() AS regnamespace)`,
  columns: `SELECT a.attname FROM pg_attribute a WHERE a.attrelid = CAST(? AS regclass) AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum`,
  keyColumns: `SELECT a.attname FROM pg_index i JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, n) ON true
    JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum WHERE i.indrelid = CAST(? AS regclass) AND i.indisprimary ORDER BY k.n`,
  references: `SELECT CAST(conrelid AS regclass)::text AS "from", CAST(confrelid AS regclass)::text AS "to" FROM pg_constraint
    WHERE contype = 'f' AND connamespace = CAST(current_schema() AS regnamespace)`,
  identities: `SELECT c.relname AS "table", a.attname AS "column" FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
    WHERE a.attidentity IN ('a', 'd') AND c.relnamespace = CAST(current_schema() AS regnamespace)`,
  createProgress: `CREATE TABLE IF NOT EXISTS ${PROGRESS} (table_name text PRIMARY KEY, after_key text, copied integer NOT NULL, done integer NOT NULL)`,
  progress: `SELECT table_name AS "table", after_key AS "afterKey", copied, done FROM ${PROGRESS}`,
  saveProgress: `INSERT INTO ${PROGRESS} (table_name, after_key, copied, done) VALUES (?, ?, ?, ?)
    ON CONFLICT (table_name) DO UPDATE SET after_key = excluded.after_key, copied = excluded.copied, done = excluded.done`,
};

/** Tables the copy leaves alone: the schema's record (each store migrates itself) and the copy's own. */
const NOT_COPIED = new Set(['schema_migrations', PROGRESS]);

export async function copyDatabase(
  fromUrl: string,
  toUrl: string,
  options: { batchSize?: number; onProgress?: (progress: CopyProgress) => void } = {},
): Promise<CopyReport> {
  if (!/^postgres(ql)?:\/\//.test(toUrl))
    throw new AppError('invalid', 'paperboy db copy writes into PostgreSQL: --to must be a postgres:// URL');
  if (fromUrl === toUrl) throw new AppError('invalid', '--from and --to name the same database');
  const source = await openDatabase(fromUrl);
  let target: Db | null = null;
  try {
    const pending = await pendingMigrations(source);
    if (pending.length)
      throw new AppError('invalid', `the source needs migrations first (${pending.join(', ')}): run "paperboy migrate" on it`);
    target = await openDatabase(toUrl);
    await migrate(target);
    return await copyInto(source, target, options);
  } finally {
    await source.close();
    await target?.close();
  }
}

async function copyInto(
  source: Db,
  target: Db,
  options: { batchSize?: number; onProgress?: (progress: CopyProgress) => void },
): Promise<CopyReport> {
  const resumed = await startOrResume(target);
  const tables = await tablesToCopy(source, target);
  const progress = new Map(
    (await target.all<{ table: string; afterKey: string | null; copied: number; done: number }>(SQL.progress)).map((row) => [
      row.table,
      row,
    ]),
  );
  await withTriggersOff(target, tables, async () => {
    for (const table of tables) {
      const total = (await source.value<number>(`SELECT count(*) FROM ${table.name}`))!;
      const state = progress.get(table.name);
      if (state?.done) continue;
      await copyTable(
        source,
        target,
        table,
        state ? { afterKey: state.afterKey, copied: state.copied } : null,
        options.batchSize ?? DEFAULT_BATCH,
        (copied) => options.onProgress?.({ table: table.name, copied, total }),
      );
    }
  });
  await resetIdentities(target);
  const verified = await verify(source, target, tables);
  const key = await storedSecretKey(source);
  if (key) await keepSecretKey(target, key);
  await target.script(`DROP TABLE ${PROGRESS}`);
  // The planner's statistics, before the first reader: until autovacuum comes by, a freshly filled
  // table reads as empty, and every query scans it (hidden papers took 400 ms instead of 0.1).
  await target.script('ANALYZE');
  return { tables: verified, resumed, linkKeyMoved: key !== null };
}

/** A copy goes into an empty database, or goes on with one it began (its progress table says so). */
async function startOrResume(target: Db): Promise<boolean> {
  const begun = await target.value<boolean>('SELECT to_regclass(?) IS NOT NULL', [PROGRESS]);
  if (begun) return true;
  const held = (await target.value<number>('SELECT (SELECT count(*) FROM papers) + (SELECT count(*) FROM accounts)'))!;
  if (held) throw new AppError('invalid', 'the target database already holds papers or accounts: copy into an empty database');
  await target.script(SQL.createProgress);
  return false;
}

/** The target's tables that the source has too, parents before the tables that refer to them. */
async function tablesToCopy(source: Db, target: Db): Promise<Table[]> {
  const inSource = new Set(await source.column<string>(source.dialect === 'sqlite' ? SQL.sqliteTables : SQL.postgresTables));
  const names = (await target.column<string>(SQL.postgresTables)).filter((name) => inSource.has(name) && !NOT_COPIED.has(name));
  const references = await target.all<{ from: string; to: string }>(SQL.references);
  const tables: Table[] = [];
  for (const name of parentsFirst(names, references)) {
    const columns = await target.column<string>(SQL.columns, [name]);
    const key = await target.column<string>(SQL.keyColumns, [name]);
    tables.push({ name, columns, key });
  }
  return tables;
}

function parentsFirst(names: string[], references: { from: string; to: string }[]): string[] {
  const ordered: string[] = [];
  const visit = (name: string, path: Set<string>) => {
    if (ordered.includes(name) || path.has(name)) return;
    path.add(name);
    for (const { from, to } of references) if (from === name && to !== name && names.includes(to)) visit(to, path);
    ordered.push(name);
  };
  for (const name of [...names].sort()) visit(name, new Set());
  return ordered;
}

/** The target's own triggers (ranking-index queue, change notices) stay off while rows arrive as they were. */
async function withTriggersOff(target: Db, tables: Table[], work: () => Promise<void>): Promise<void> {
  for (const table of tables) await target.script(`ALTER TABLE ${table.name} DISABLE TRIGGER USER`);
  try {
    await work();
  } finally {
    for (const table of tables) await target.script(`ALTER TABLE ${table.name} ENABLE TRIGGER USER`);
  }
}

const quoted = (columns: string[]) => columns.map((column) => `"${column}"`).join(', ');

/** Columns read through a function: abstracts, which SQLite stores packed (abstract-packing.ts). */
const READ_AS: Record<string, Record<string, string>> = { papers: { abstract: abstractText('"abstract"') } };

function selected(table: Table): string {
  return table.columns.map((column) => `${READ_AS[table.name]?.[column] ?? `"${column}"`} AS "${column}"`).join(', ');
}

/** The rows of `table` after the key `after`, in key order, a batch at a time (a table without a key: all at once). */
async function* batchesOf(sql: Sql, table: Table, after: unknown[] | null, batchSize: number): AsyncGenerator<Record<string, unknown>[]> {
  const columns = selected(table);
  if (!table.key.length) return yield await sql.all(`SELECT ${columns} FROM ${table.name} ORDER BY ${quoted(table.columns)}`);
  const order = quoted(table.key);
  for (;;) {
    const where = after ? `WHERE (${order}) > (${after.map(() => '?').join(', ')})` : '';
    const rows = await sql.all(`SELECT ${columns} FROM ${table.name} ${where} ORDER BY ${order} LIMIT ${batchSize}`, after ?? []);
    if (rows.length) yield rows;
    if (rows.length < batchSize) return;
    after = table.key.map((column) => rows.at(-1)![column]);
  }
}

/** Copies the rows after where a previous run stopped; each batch commits with the key it reached. */
async function copyTable(
  source: Sql,
  target: Sql,
  table: Table,
  resumeFrom: { afterKey: string | null; copied: number } | null,
  batchSize: number,
  onProgress: (copied: number) => void,
): Promise<void> {
  const insert = `INSERT INTO ${table.name} (${quoted(table.columns)}) OVERRIDING SYSTEM VALUE VALUES`;
  let copied = resumeFrom?.copied ?? 0;
  const save = (tx: Sql, afterKey: unknown[] | null, done: boolean) =>
    tx.run(SQL.saveProgress, [table.name, afterKey ? JSON.stringify(afterKey) : null, copied, done ? 1 : 0]);
  if (!resumeFrom)
    // Rows a migration seeded (a counter's first row) give way to the source's.
    await target.transaction(async (tx) => (await tx.run(`DELETE FROM ${table.name}`), await save(tx, null, false)));
  const after = resumeFrom?.afterKey ? (JSON.parse(resumeFrom.afterKey) as unknown[]) : null;
  for await (const rows of batchesOf(source, table, after, batchSize)) {
    await target.transaction(async (tx) => {
      await insertRows(
        tx,
        insert,
        table.columns.length,
        rows.map((row) => table.columns.map((column) => row[column])),
      );
      copied += rows.length;
      // A table without a key comes in one batch: done with it.
      await save(
        tx,
        table.key.map((column) => rows.at(-1)![column]),
        !table.key.length,
      );
    });
    onProgress(copied);
  }
  await target.transaction((tx) => save(tx, null, true));
}

/** Identity columns continue after the largest copied value. */
async function resetIdentities(target: Db): Promise<void> {
  for (const { table, column } of await target.all<{ table: string; column: string }>(SQL.identities)) {
    const max = await target.value<number | null>(`SELECT max("${column}") FROM ${table}`);
    if (max) await target.value(`SELECT setval(pg_get_serial_sequence(?, ?), ?)`, [table, column, max]);
  }
}

async function verify(source: Sql, target: Sql, tables: Table[]): Promise<CopiedTable[]> {
  const verified: CopiedTable[] = [];
  for (const table of tables) {
    const [expected, copied] = [await checksum(source, table), await checksum(target, table)];
    if (expected.rows !== copied.rows || expected.checksum !== copied.checksum)
      throw new AppError(
        'unavailable',
        `the copy of ${table.name} differs from the source (${expected.rows} rows, checksum ${expected.checksum.slice(0, 12)}; copied ${copied.rows}, ${copied.checksum.slice(0, 12)}): run the copy into a new empty database`,
      );
    verified.push({ name: table.name, ...expected });
  }
  return verified;
}

/** Every row in key order, its values written alike whichever store read them. */
async function checksum(sql: Sql, table: Table): Promise<{ rows: number; checksum: string }> {
  const hash = createHash('sha256');
  let rows = 0;
  for await (const batch of batchesOf(sql, table, null, DEFAULT_BATCH)) {
    for (const row of batch) hash.update(`${JSON.stringify(table.columns.map((column) => canonical(row[column])))}\n`);
    rows += batch.length;
  }
  return { rows, checksum: hash.digest('hex') };
}

function canonical(value: unknown): unknown {
  if (Buffer.isBuffer(value)) return `bytes:${value.toString('base64')}`;
  return value ?? null;
}
