// Leases on scheduled jobs: a process claims a due job for a while, so two
// processes (or two hubs on one database) never run it at once.
import type { Sql } from './sql.ts';

export interface JobState {
  name: string;
  holder: string | null;
  leasedUntil: string | null;
  lastFinishedAt: string | null;
  lastError: string | null;
}

const SQL = {
  ensure: 'INSERT INTO job_leases (name) VALUES (?) ON CONFLICT (name) DO NOTHING',
  // One UPDATE decides: of two processes claiming at once, the second finds the lease taken.
  claim: `UPDATE job_leases SET holder = @holder, leased_until = @until
    WHERE name = @name AND (leased_until IS NULL OR leased_until < @now) AND (last_finished_at IS NULL OR last_finished_at <= @dueIfFinishedBefore)`,
  hold: `UPDATE job_leases SET holder = @holder, leased_until = @until
    WHERE name = @name AND (holder = @holder OR leased_until IS NULL OR leased_until < @now)`,
  release: 'UPDATE job_leases SET holder = NULL, leased_until = NULL WHERE name = ? AND holder = ?',
  renew: 'UPDATE job_leases SET leased_until = ? WHERE name = ? AND holder = ?',
  finish: 'UPDATE job_leases SET leased_until = NULL, holder = NULL, last_finished_at = ?, last_error = ? WHERE name = ? AND holder = ?',
  state: `SELECT name, holder, leased_until AS "leasedUntil", last_finished_at AS "lastFinishedAt", last_error AS "lastError"
    FROM job_leases WHERE name = ?`,
};

export function createJobLeases(sql: Sql) {
  return {
    /** Claims `name` when it is due and nobody holds it; true when this holder now does. */
    async claim(name: string, holder: string, now: string, until: string, dueIfFinishedBefore: string): Promise<boolean> {
      await sql.run(SQL.ensure, [name]);
      return (await sql.run(SQL.claim, { name, holder, now, until, dueIfFinishedBefore })) === 1;
    },
    /** Takes or renews a lease that is free, lapsed or already this holder's (for work that is never "done"); true when held. */
    async hold(name: string, holder: string, now: string, until: string): Promise<boolean> {
      await sql.run(SQL.ensure, [name]);
      return (await sql.run(SQL.hold, { name, holder, now, until })) === 1;
    },
    release: async (name: string, holder: string) => void (await sql.run(SQL.release, [name, holder])),
    /** Extends a lease this holder still has; false when it lapsed and another took it. */
    renew: async (name: string, holder: string, until: string) => (await sql.run(SQL.renew, [until, name, holder])) === 1,
    finish: async (name: string, holder: string, now: string, error: string | null) =>
      void (await sql.run(SQL.finish, [now, error, name, holder])),
    state: (name: string) => sql.get<JobState>(SQL.state, [name]),
  };
}

export type JobLeases = ReturnType<typeof createJobLeases>;
