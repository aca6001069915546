// Forward-only SQL migrations: files NNNN_name.sql in migrations/sqlite and
// migrations/postgres (the same numbers in both), applied in order, each in one
// transaction, recorded in schema_migrations.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { bySql, type Dialect, type Sql } from './sql.ts';

export function migrationsDir(dialect: Dialect): string {
  return fileURLToPath(new URL(`./migrations/${dialect}/`, import.meta.url));
}

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function listMigrations(dir: string): Migration[] {
  return readdirSync(dir)
    .filter((file) => /^\d{4}_[a-z0-9_]+\.sql$/.test(file))
    .sort()
    .map((file) => ({ version: Number(file.slice(0, 4)), name: file.replace(/\.sql$/, ''), sql: readFileSync(`${dir}${file}`, 'utf8') }));
}

const MIGRATIONS_TABLE_EXISTS = {
  sqlite: "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'",
  postgres: "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'schema_migrations'",
};

/** The names of the migrations not applied yet, without changing anything. */
export async function pendingMigrations(sql: Sql, migrations = listMigrations(migrationsDir(sql.dialect))): Promise<string[]> {
  const recorded = await sql.value<number>(bySql(sql, MIGRATIONS_TABLE_EXISTS));
  const applied = new Set(recorded ? await sql.column<number>('SELECT version FROM schema_migrations') : []);
  return migrations.filter((migration) => !applied.has(migration.version)).map((migration) => migration.name);
}

/**
 * Applies the migrations not yet applied; returns their names. Each runs in its own
 * transaction; on PostgreSQL an advisory lock makes processes starting together apply each once.
 */
export async function migrate(sql: Sql, migrations = listMigrations(migrationsDir(sql.dialect))): Promise<string[]> {
  await sql.transaction(async (tx) => {
    await lockMigrations(tx);
    await tx.script(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
    );
  });
  const done: string[] = [];
  for (const migration of migrations) {
    const applied = await sql.transaction(async (tx) => {
      await lockMigrations(tx);
      if (await tx.value('SELECT 1 FROM schema_migrations WHERE version = ?', [migration.version])) return false;
      await tx.script(migration.sql);
      await tx.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [
        migration.version,
        migration.name,
        new Date().toISOString(),
      ]);
      return true;
    });
    if (applied) done.push(migration.name);
  }
  return done;
}

/** One migrating process at a time (SQLite's write lock does this already). */
async function lockMigrations(tx: Sql): Promise<void> {
  if (tx.dialect === 'postgres') await tx.value('SELECT pg_advisory_xact_lock(7265636)');
}
