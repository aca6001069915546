// The PostgreSQL side of the benchmarks: a server the benchmark starts itself
// (Debian's PostgreSQL, initdb into a temporary folder, on loopback), set as a
// careful operator would (test/postgres-server.ts, BENCH_SETTINGS), and a
// fresh database on it for each run.
import { openDatabase } from '../../src/db/open.ts';
import { BENCH_SETTINGS, startPostgres, type PostgresServer } from '../../test/postgres-server.ts';

export interface BenchPostgres {
  /** A new, empty database; returns its URL. */
  database(name: string): Promise<string>;
  settings: string;
  stop(): void;
}

export async function startBenchPostgres(): Promise<BenchPostgres> {
  const server: PostgresServer = await startPostgres(BENCH_SETTINGS);
  const admin = async <T>(work: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>) => {
    const db = await openDatabase(server.url());
    try {
      return await work(db);
    } finally {
      await db.close();
    }
  };
  return {
    async database(name) {
      await admin(async (db) => {
        await db.run(`DROP DATABASE IF EXISTS ${name}`);
        await db.run(`CREATE DATABASE ${name}`);
      });
      return server.url(name);
    },
    settings: `PostgreSQL ${await admin(async (db) => db.value<string>('SHOW server_version'))} on loopback, ${BENCH_SETTINGS.join(', ')} (fsync and full page writes on)`,
    stop: () => server.stop(),
  };
}
