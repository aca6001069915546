// The database a test runs on: a SQLite file by default, or (TEST_DATABASE=postgres)
// a PostgreSQL database of its own, copied from a migrated template and named
// after the path the test gave, so that opening the same path again reopens it.
import { createHash } from 'node:crypto';
import { openDatabase } from '../src/db/open.ts';
import { migrate } from '../src/db/migrate.ts';

const TEMPLATE = 'paperboy_template';

/** The PostgreSQL server the tests run on, or null for SQLite. */
export function testPostgresUrl(): string | null {
  return process.env.TEST_DATABASE === 'postgres' ? (process.env.TEST_POSTGRES_URL ?? null) : null;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.href;
}

/** A fresh template with every migration applied. */
export async function prepareTemplate(serverUrl: string): Promise<void> {
  const admin = await openDatabase(serverUrl);
  await admin.run(`DROP DATABASE IF EXISTS ${TEMPLATE}`);
  await admin.run(`CREATE DATABASE ${TEMPLATE}`);
  await admin.close();
  const template = await openDatabase(withDatabase(serverUrl, TEMPLATE));
  await migrate(template);
  await template.close();
}

const made = new Set<string>();

/**
 * DATABASE_URL for the test database of `path`: the SQLite file itself, or its PostgreSQL
 * database, made on first use: migrated, or (`empty`) as a new file would be.
 */
export async function testDatabaseUrl(path: string, { empty = false } = {}): Promise<string> {
  const server = testPostgresUrl();
  if (!server) return `sqlite:${path}`;
  const name = `test_${createHash('sha1').update(path).digest('hex').slice(0, 20)}`;
  if (!made.has(name)) {
    const admin = await openDatabase(server);
    const exists = await admin.value('SELECT 1 FROM pg_database WHERE datname = ?', [name]);
    if (!exists) await admin.run(`CREATE DATABASE ${name}${empty ? '' : ` TEMPLATE ${TEMPLATE}`}`);
    await admin.close();
    made.add(name);
  }
  return withDatabase(server, name);
}
