// The scheduler: no broker. Every TICK_MS it claims each due job from the
// database with a lease (so no two processes run one at once), runs it, and
// records when it finished or why it failed. Every job is safe to run twice.
import { randomUUID } from 'node:crypto';
import type { Logger } from '../log.ts';

/** Leases on jobs, kept in the database (db/job-leases.ts): a claim holds a job until `until` or until finished. */
export interface JobLeases {
  claim(name: string, holder: string, now: string, until: string, dueIfFinishedBefore: string): Promise<boolean>;
  finish(name: string, holder: string, at: string, error: string | null): Promise<void>;
}

export interface Job {
  name: string;
  everyMs: number;
  /** Longest a run may take before another process may take the job over. */
  leaseMs: number;
  run(): Promise<unknown> | unknown;
}

const TICK_MS = 30_000;

export function createScheduler(deps: { leases: JobLeases; jobs: Job[]; log: Logger; now?: () => number }) {
  const now = deps.now ?? Date.now;
  const holder = randomUUID();
  const iso = (offset = 0) => new Date(now() + offset).toISOString();

  /** Runs each job that is due and free; returns the names of those it ran. */
  async function runDueJobs(): Promise<string[]> {
    const ran: string[] = [];
    for (const job of deps.jobs) {
      if (!(await deps.leases.claim(job.name, holder, iso(), iso(job.leaseMs), iso(-job.everyMs)))) continue;
      const started = now();
      try {
        const result = await job.run();
        await deps.leases.finish(job.name, holder, iso(), null);
        deps.log.info({ job: job.name, ms: now() - started, result }, 'job done');
      } catch (error) {
        await deps.leases.finish(job.name, holder, iso(), error instanceof Error ? error.message : String(error));
        deps.log.error({ err: error, job: job.name }, 'job failed; it runs again when next due');
      }
      ran.push(job.name);
    }
    return ran;
  }

  /** Runs due jobs now and every TICK_MS until the returned stop is called. */
  function start(): () => Promise<void> {
    const tick = () =>
      runDueJobs().catch((error: unknown) => {
        deps.log.error({ err: error }, 'could not check for due jobs');
        return [];
      });
    let running = tick();
    const timer = setInterval(() => (running = running.then(tick)), TICK_MS);
    timer.unref();
    return async () => {
      clearInterval(timer);
      await running;
    };
  }

  return { runDueJobs, start };
}
