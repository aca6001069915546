// The trending job: computed from signals and votes, stored whole, safe to
// crash and run again; and the scheduler's leases.
import { describe, expect, it } from 'vitest';
import { createTestServices, fixturePath, refuseInserts } from './helpers.ts';
import { createScheduler } from '../src/jobs/scheduler.ts';
import { createLogger } from '../src/log.ts';
import { createVoteStore } from '../src/db/votes-store.ts';

async function hubWithSignals() {
  const setup = await createTestServices();
  await setup.services.ingest.ingestFiles([fixturePath('hf-daily/2026-08-21.json')], undefined);
  return setup;
}

const stored = (db: Awaited<ReturnType<typeof createTestServices>>['db']) =>
  db.all('SELECT "window", rank, paper_id, score FROM trending_scores ORDER BY "window", rank');

describe('trending job', () => {
  it('counts local votes with upstream signals, and a rerun changes nothing', async () => {
    const { services, db } = await hubWithSignals();
    await services.trending.computeTrending();
    const scoreOf = async (id: string) => (await services.trending.trendingPapers('week', 50)).papers.find((paper) => paper.id === id);
    const before = (await scoreOf('2608.13210'))!;
    await db.run(
      "INSERT INTO accounts (id, email, created_at) VALUES (1, 'a@x.org', '2026-08-20T00:00:00Z'), (2, 'b@x.org', '2026-08-20T00:00:00Z')",
    );
    for (const account of [1, 2]) await createVoteStore(db).setVote(account, '2608.13210', true, '2026-08-20T23:00:00.000Z');
    await services.trending.computeTrending();
    const after = (await scoreOf('2608.13210'))!;
    expect(after.votes).toBe(2);
    expect(after.score).toBeGreaterThan(before.score + 1);
    const once = await stored(db);
    await services.trending.computeTrending();
    expect(await stored(db)).toEqual(once);
  });

  it('leaves the last good scores when it crashes, and a rerun counts nothing twice', async () => {
    const { services, db } = await hubWithSignals();
    await services.trending.computeTrending();
    const good = await stored(db);
    expect(good.length).toBeGreaterThan(10);
    // A real failure halfway through the job's writes.
    const heal = await refuseInserts(db, 'trending_scores', '(SELECT count(*) FROM trending_scores) >= 5', 'disk trouble');
    await expect(services.trending.computeTrending()).rejects.toThrow('disk trouble');
    expect(await stored(db)).toEqual(good);
    await heal();
    await services.trending.computeTrending();
    expect(await stored(db)).toEqual(good);
  });

  it('runs on schedule under a lease: never twice at once, again when due, and a failure is recorded', async () => {
    const { services, db } = await hubWithSignals();
    let time = Date.parse('2026-11-29T10:00:00Z');
    let runs = 0;
    const job = { name: 'count', everyMs: 60_000, leaseMs: 30_000, run: () => void runs++ };
    const log = createLogger('silent');
    const first = createScheduler({ leases: services.jobLeases, jobs: [job], log, now: () => time });
    const second = createScheduler({ leases: services.jobLeases, jobs: [job], log, now: () => time });
    expect(await first.runDueJobs()).toEqual(['count']);
    expect(await second.runDueJobs()).toEqual([]);
    time += 61_000;
    expect(await second.runDueJobs()).toEqual(['count']);
    expect(runs).toBe(2);
    // A holder that died mid-run: its lease lapses and another takes the job over.
    time += 61_000;
    await db.run("UPDATE job_leases SET holder = 'dead', leased_until = ? WHERE name = 'count'", [new Date(time + 30_000).toISOString()]);
    expect(await first.runDueJobs()).toEqual([]);
    time += 30_001;
    expect(await first.runDueJobs()).toEqual(['count']);
    const failing = createScheduler({
      leases: services.jobLeases,
      jobs: [
        {
          ...job,
          name: 'broken',
          run: () => {
            throw new Error('upstream down');
          },
        },
      ],
      log,
      now: () => time,
    });
    expect(await failing.runDueJobs()).toEqual(['broken']);
    expect(await services.jobLeases.state('broken')).toMatchObject({ lastError: 'upstream down', holder: null });
  });

  it('renews the lease while a job runs longer than it, and runs a shared job in every process', async () => {
    const { services } = await createTestServices();
    let time = Date.parse('2026-11-29T10:00:00Z');
    const log = createLogger('silent');
    let finishJob = () => {};
    const slow = { name: 'slow', everyMs: 60_000, leaseMs: 90, run: () => new Promise<void>((resolve) => (finishJob = resolve)) };
    const first = createScheduler({ leases: services.jobLeases, jobs: [slow], log, now: () => time });
    const second = createScheduler({ leases: services.jobLeases, jobs: [slow], log, now: () => time });
    const running = first.runDueJobs();
    await new Promise((resolve) => setTimeout(resolve, 50));
    // Past the lease as claimed, but the running holder renewed it meanwhile (every third of it).
    time += 200;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await second.runDueJobs()).toEqual([]);
    finishJob();
    expect(await running).toEqual(['slow']);

    let sharedRuns = 0;
    const shared = { name: 'shared', everyMs: 1_000, leaseMs: 90, shared: true, run: () => void sharedRuns++ };
    const [one, two] = [0, 1].map(() => createScheduler({ leases: services.jobLeases, jobs: [shared], log, now: () => time }));
    expect([await one!.runDueJobs(), await two!.runDueJobs(), await one!.runDueJobs()]).toEqual([['shared'], ['shared'], []]);
    time += 1_000;
    expect(await one!.runDueJobs()).toEqual(['shared']);
    expect(sharedRuns).toBe(3);
  });
});
