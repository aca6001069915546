// Read replicas: a real primary and a real streaming replica (pg_basebackup -R)
// on loopback. Pages read from the replica; a reader who just voted sees their
// vote at once (read from the primary until a replica has replayed it), while
// others see it once the replica has; and a standby refuses writes plainly.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { createLogger } from '../src/log.ts';
import { openDatabase } from '../src/db/open.ts';
import { parsePosition } from '../src/db/replicated-sql.ts';
import { createServices } from '../src/services.ts';
import { createApp } from '../src/web/app.ts';
import { READ_AFTER_COOKIE } from '../src/web/read-your-writes.ts';
import { fixturePath } from './helpers.ts';
import { startPostgres, startReplica, type PostgresServer } from './postgres-server.ts';
import { startSmtpServer, type TestSmtpServer } from './smtp-server.ts';
import { WebClient } from './web-client.ts';
import { votesShown } from './web-helpers.ts';

const BIN = fileURLToPath(new URL('../bin/paperboy.js', import.meta.url));
const PAPER = '2608.19880';

let primary: PostgresServer;
let replica: PostgresServer;
let smtp: TestSmtpServer;
beforeAll(async () => {
  smtp = await startSmtpServer();
  primary = await startPostgres();
  const config = loadConfig({ DATABASE_URL: primary.url() });
  const services = await createServices(config, await openDatabase(config.databaseUrl), createLogger('silent'));
  await services.ingest.ingestFiles([fixturePath('hf-daily/2026-08-21.json')], undefined);
  await services.close();
  replica = await startReplica(primary);
}, 60_000);
afterAll(async () => {
  replica?.stop();
  primary?.stop();
  await smtp.close();
});

async function until(condition: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; !(await condition()); await new Promise((resolve) => setTimeout(resolve, 100)))
    if (Date.now() > deadline) throw new Error('timed out');
}

describe('read replicas', () => {
  it('serve pages from the replica, and show a reader their own vote at once', { timeout: 60_000 }, async () => {
    const config = loadConfig({ DATABASE_URL: primary.url(), DATABASE_REPLICA_URLS: replica.url(), SMTP_URL: smtp.url });
    const services = await createServices(
      config,
      await openDatabase(config.databaseUrl, { replicaUrls: config.databaseReplicaUrls }),
      createLogger('silent'),
    );
    const app = createApp(services);
    const browser = () => new WebClient((path, init) => app.request(path, init));
    const [reader, other] = [browser(), browser()];
    await reader.signIn(smtp, 'reader@example.org');
    await other.signIn(smtp, 'other@example.org');
    const before = (await votesShown(other, `/papers/${PAPER}`, PAPER))!;

    // Once the replica has replayed the sign-ins, it stops replaying: what is written next is only on the primary.
    const [main, standby] = [await openDatabase(primary.url()), await openDatabase(replica.url())];
    const primaryAt = parsePosition(await main.value<string>('SELECT pg_current_wal_insert_lsn()::text'))!;
    await until(async () => parsePosition(await standby.value<string>('SELECT pg_last_wal_replay_lsn()::text'))! >= primaryAt);
    await standby.value('SELECT pg_wal_replay_pause()');
    try {
      const voted = await reader.postJson(`/api/papers/${PAPER}/vote`, { voted: true });
      expect(voted.status).toBe(200);
      expect(parsePosition(decodeURIComponent(reader.cookies.get(READ_AFTER_COOKIE) ?? ''))).not.toBeNull();
      // The replica stopped before the vote: the reader reads the primary, the other reader the replica.
      expect(await votesShown(reader, `/papers/${PAPER}`, PAPER)).toMatchObject({ pressed: true, total: before.total + 1 });
      expect(await votesShown(other, `/papers/${PAPER}`, PAPER)).toEqual(before);
      // Requests that only read leave no position behind.
      const passerby = browser();
      await passerby.request(`/papers/${PAPER}`);
      expect(passerby.cookies.has(READ_AFTER_COOKIE)).toBe(false);
    } finally {
      await standby.value('SELECT pg_wal_replay_resume()');
    }
    // Once replayed, every reader sees the vote (and caches filled meanwhile are refreshed).
    await until(async () => (await votesShown(other, `/papers/${PAPER}`, PAPER))!.total === before.total + 1);
    expect(await votesShown(reader, `/papers/${PAPER}`, PAPER)).toMatchObject({ pressed: true, total: before.total + 1 });
    await Promise.all([main.close(), standby.close(), services.close()]);
  });

  it('refuse to run on SQLite, and a standby refuses writes plainly', async () => {
    await expect(openDatabase('sqlite::memory:', { replicaUrls: [replica.url()] })).rejects.toThrow(
      'DATABASE_REPLICA_URLS needs a PostgreSQL DATABASE_URL',
    );
    const result = await new Promise<{ code: number; stderr: string }>((resolve) =>
      execFile(
        process.execPath,
        [BIN, 'ingest', 'demo'],
        { env: { PATH: process.env.PATH, DATABASE_URL: replica.url(), LOG_LEVEL: 'silent' } },
        (error, _stdout, stderr) => resolve({ code: (error?.code as number) ?? 0, stderr }),
      ),
    );
    expect(result.stderr).toContain('the database is read-only (a standby server: writes go to the primary)');
    expect(result.code).toBe(3);
  });
});
