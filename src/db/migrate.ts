// Forward-only SQL migrations: files NNNN_name.sql applied in order, each in
// one transaction, recorded in schema_migrations.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Db } from './open.ts';

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/sqlite/', import.meta.url));

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function listMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((file) => /^\d{4}_[a-z0-9_]+\.sql$/.test(file))
    .sort()
    .map((file) => ({ version: Number(file.slice(0, 4)), name: file.replace(/\.sql$/, ''), sql: readFileSync(`${dir}${file}`, 'utf8') }));
}

/** The names of the migrations not applied yet, without changing anything. */
export function pendingMigrations(db: Db, migrations = listMigrations()): string[] {
  const recorded = db
    .prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
    .pluck()
    .get() as number;
  const applied = new Set(recorded ? (db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[]) : []);
  return migrations.filter((migration) => !applied.has(migration.version)).map((migration) => migration.name);
}

/** Applies the migrations not yet applied; returns their names. */
export function migrate(db: Db, migrations = listMigrations()): string[] {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  const applied = new Set(db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[]);
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const done: string[] = [];
  for (const migration of migrations) {
    if (applied.has(migration.version)) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      record.run(migration.version, migration.name, new Date().toISOString());
    })();
    done.push(migration.name);
  }
  return done;
}
