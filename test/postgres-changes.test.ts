// The change token on PostgreSQL: another connection's commit moves it (through
// a notification), and a closed database never listens again, so that work
// still settling while a process stops cannot hold the process open.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/open.ts';
import { migrate } from '../src/db/migrate.ts';
import { startPostgres, type PostgresServer } from './postgres-server.ts';

let server: PostgresServer;
beforeAll(async () => {
  server = await startPostgres();
}, 60_000);
afterAll(() => server?.stop());

const listeners = (admin: Awaited<ReturnType<typeof openDatabase>>) =>
  admin.value<number>("SELECT count(*) FROM pg_stat_activity WHERE query = 'LISTEN paperboy_changes'");

describe('the change token on PostgreSQL', () => {
  it("moves with another connection's commit, and is read after closing without listening again", async () => {
    const db = await openDatabase(server.url());
    await migrate(db);
    const other = await openDatabase(server.url());
    const before = await db.changes();
    await other.run("DELETE FROM papers WHERE id = 'none'");
    await expect.poll(() => db.changes()).not.toBe(before);
    expect(await listeners(other)).toBe(1);
    await db.close();
    const afterClose = await db.changes();
    expect(await db.changes()).toBe(afterClose);
    expect(await listeners(other)).toBe(0);
    await other.close();
  });
});
