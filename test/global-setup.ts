// Runs once before the test files: with TEST_DATABASE=postgres, every test runs
// on PostgreSQL. A server is started on loopback for the run (unless
// TEST_POSTGRES_URL names one), and a migrated template database is made, from
// which each test's database is copied.
import { startPostgres, type PostgresServer } from './postgres-server.ts';
import { prepareTemplate } from './test-database.ts';

let server: PostgresServer | null = null;

export async function setup(): Promise<void> {
  if (process.env.TEST_DATABASE !== 'postgres') return;
  if (!process.env.TEST_POSTGRES_URL) {
    server = await startPostgres();
    process.env.TEST_POSTGRES_URL = server.url();
  }
  await prepareTemplate(process.env.TEST_POSTGRES_URL);
}

export function teardown(): void {
  server?.stop();
}
