// The scheduler: no broker. Every tick it claims each due job from the
// database with a lease (so no two processes run one at once), renews the
// lease while the job runs (so a killed process's lease soon lapses and
// another takes the job over), and records when it finished or why it failed.
// A shared job runs in every process instead: the work inside it is claimed
// piece by piece (digests are). Every job is safe to run twice.
import { randomUUID } from 'node:crypto';
import type { Logger } from '../log.ts';

/** Leases on jobs, kept in the database (db/job-leases.ts): a claim holds a job until `until` or until finished. */
export interface JobLeases {
  claim(name: string, holder: string, now: string, until: string, dueIfFinishedBefore: string): Promise<boolean>;
  renew(name: string, holder: string, until: string): Promise<boolean>;
  finish(name: string, holder: string, at: string, error: string | null): Promise<void>;
}

export interface Job {
  name: string;
  everyMs: number;
  /** How long a claim holds without renewal: a killed process's job is taken over this long after it died (default 2 minutes). */
  leaseMs?: number;
  /** Every process runs it (the work inside is claimed piece by piece), rather than one process at a time. */
  shared?: boolean;
  run(): Promise<unknown> | unknown;
}

const TICK_MS = 30_000;
const DEFAULT_LEASE_MS = 2 * 60_000;

const leaseOf = (job: Job) => job.leaseMs ?? DEFAULT_LEASE_MS;

export function createScheduler(deps: { leases: JobLeases; jobs: Job[]; log: Logger; now?: () => number }) {
  const now = deps.now ?? Date.now;
  const holder = randomUUID();
  const iso = (offset = 0) => new Date(now() + offset).toISOString();
  const sharedLastRun = new Map<string, number>();

  const isDue = async (job: Job): Promise<boolean> =>
    job.shared
      ? now() - (sharedLastRun.get(job.name) ?? -Infinity) >= job.everyMs
      : deps.leases.claim(job.name, holder, iso(), iso(leaseOf(job)), iso(-job.everyMs));

  /** Renews the job's lease every third of it while `running` lasts. */
  async function holdingLease(job: Job, running: Promise<unknown>): Promise<unknown> {
    const renew = () =>
      deps.leases.renew(job.name, holder, iso(leaseOf(job))).catch((error: unknown) => {
        deps.log.warn({ err: error, job: job.name }, 'could not renew a job lease');
      });
    const timer = setInterval(() => void renew(), leaseOf(job) / 3);
    try {
      return await running;
    } finally {
      clearInterval(timer);
    }
  }

  async function runJob(job: Job): Promise<void> {
    const started = now();
    if (job.shared) sharedLastRun.set(job.name, started);
    let error: string | null = null;
    try {
      const running = Promise.resolve().then(() => job.run());
      const result = job.shared ? await running : await holdingLease(job, running);
      deps.log.info({ job: job.name, ms: now() - started, result }, 'job done');
    } catch (thrown) {
      error = thrown instanceof Error ? thrown.message : String(thrown);
      deps.log.error({ err: thrown, job: job.name }, 'job failed; it runs again when next due');
    }
    if (!job.shared) await deps.leases.finish(job.name, holder, iso(), error);
  }

  /** Runs each job that is due and free; returns the names of those it ran. */
  async function runDueJobs(): Promise<string[]> {
    const ran: string[] = [];
    for (const job of deps.jobs) {
      if (!(await isDue(job))) continue;
      await runJob(job);
      ran.push(job.name);
    }
    return ran;
  }

  /** Runs due jobs now and every tick (the shortest job interval, at most TICK_MS) until the returned stop is called. */
  function start(): () => Promise<void> {
    const tick = () =>
      runDueJobs().catch((error: unknown) => {
        deps.log.error({ err: error }, 'could not check for due jobs');
        return [];
      });
    let running = tick();
    const timer = setInterval(() => (running = running.then(tick)), Math.min(TICK_MS, ...deps.jobs.map((job) => job.everyMs)));
    timer.unref();
    return async () => {
      clearInterval(timer);
      await running;
    };
  }

  return { runDueJobs, start };
}
