// Shared test helpers: fixture paths, temporary folders, wired services on a test
// database (a SQLite file, or a PostgreSQL database with TEST_DATABASE=postgres).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/config.ts';
import { createLogger } from '../src/log.ts';
import { openDatabase, type Db } from '../src/db/open.ts';
import { createServices, type Services } from '../src/services.ts';
import { testDatabaseUrl } from './test-database.ts';

export const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

export function fixturePath(name: string): string {
  return join(FIXTURES, name);
}

export function readFixture(name: string): string {
  return readFileSync(fixturePath(name), 'utf8');
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'paperboy-test-'));
}

/** Services on a fresh test database (or the one of `path`); env overrides config keys (e.g. upstream URLs). */
/** Services on a SQLite file whatever the test store: for comparisons with SQLite's own FTS5. */
export async function createSqliteServices(env: Record<string, string> = {}): Promise<{ services: Services; db: Db }> {
  const config = loadConfig({ DATABASE_URL: `sqlite:${join(tempDir(), 'paperboy.db')}`, ...env });
  const db = await openDatabase(config.databaseUrl);
  return { services: await createServices(config, db, createLogger('silent')), db };
}

export async function createTestServices(
  env: Record<string, string> = {},
  path = join(tempDir(), 'paperboy.db'),
): Promise<{ services: Services; db: Db; path: string }> {
  const config = loadConfig({ DATABASE_URL: await testDatabaseUrl(path), ...env });
  const db = await openDatabase(config.databaseUrl);
  return { services: await createServices(config, db, createLogger('silent')), db, path };
}
