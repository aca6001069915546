import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listMigrations, migrate, migrationsDir } from './migrate.ts';
import { openDatabase, type Db } from './open.ts';
import { startPostgres, type PostgresServer } from '../../test/postgres-server.ts';
import { tempDir } from '../../test/helpers.ts';

/** Each dialect's column types, as one of four kinds. */
const KINDS: Record<string, string> = {
  INTEGER: 'integer',
  TEXT: 'text',
  REAL: 'real',
  BLOB: 'blob',
  integer: 'integer',
  text: 'text',
  'double precision': 'real',
  bytea: 'blob',
};

interface Schema {
  tables: Record<string, string[]>;
  indexes: string[];
}

async function sqliteSchema(db: Db): Promise<Schema> {
  const names = await db.column<string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
  const tables: Record<string, string[]> = {};
  for (const name of names) {
    const columns = await db.all<{ name: string; type: string }>('SELECT name, type FROM pragma_table_info(?) ORDER BY name', [name]);
    tables[name] = columns.map((column) => `${column.name} ${KINDS[column.type] ?? column.type}`);
  }
  const indexes = await db.column<string>(
    "SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_autoindex_%' ORDER BY name",
  );
  return { tables, indexes };
}

async function postgresSchema(db: Db): Promise<Schema> {
  const names = await db.column<string>('SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename');
  const tables: Record<string, string[]> = {};
  for (const name of names) {
    const columns = await db.all<{ name: string; type: string }>(
      `SELECT column_name AS name, data_type AS type FROM information_schema.columns
       WHERE table_schema = current_schema() AND table_name = ? ORDER BY column_name`,
      [name],
    );
    tables[name] = columns.map((column) => `${column.name} ${KINDS[column.type] ?? column.type}`);
  }
  // Indexes made by CREATE INDEX: those of primary keys and UNIQUE constraints are SQLite's autoindexes.
  const indexes = await db.column<string>(
    `SELECT indexname FROM pg_indexes i WHERE schemaname = current_schema()
     AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname) ORDER BY indexname`,
  );
  return { tables, indexes };
}

describe('migrations in both dialects', () => {
  let server: PostgresServer;
  beforeAll(async () => {
    server = await startPostgres();
  });
  afterAll(() => server.stop());

  it('are numbered alike', () => {
    const names = (dialect: 'sqlite' | 'postgres') => listMigrations(migrationsDir(dialect)).map((migration) => migration.name);
    expect(names('postgres')).toEqual(names('sqlite'));
  });

  it('make the same tables, columns (of the same kinds) and indexes', async () => {
    const sqlite = await openDatabase(`sqlite:${join(tempDir(), 'schema.db')}`);
    const postgres = await openDatabase(server.url());
    await migrate(sqlite);
    await migrate(postgres);
    const [expected, actual] = [await sqliteSchema(sqlite), await postgresSchema(postgres)];
    expect(Object.keys(expected.tables).length).toBeGreaterThan(25);
    expect(actual).toEqual(expected);
    // Applying them again changes nothing on either.
    expect([await migrate(sqlite), await migrate(postgres)]).toEqual([[], []]);
    await Promise.all([sqlite.close(), postgres.close()]);
  });
});
