// Leases on scheduled jobs: a process claims a due job for a while, so two
// processes (or two hubs on one database) never run it at once.
import { writeTransaction, type Db } from './open.ts';

export function createJobLeases(db: Db) {
  const statements = {
    ensure: db.prepare('INSERT INTO job_leases (name) VALUES (?) ON CONFLICT (name) DO NOTHING'),
    claim: db.prepare(
      `UPDATE job_leases SET holder = @holder, leased_until = @until
       WHERE name = @name AND (leased_until IS NULL OR leased_until < @now) AND (last_finished_at IS NULL OR last_finished_at <= @dueIfFinishedBefore)`,
    ),
    finish: db.prepare(
      'UPDATE job_leases SET leased_until = NULL, holder = NULL, last_finished_at = ?, last_error = ? WHERE name = ? AND holder = ?',
    ),
    state: db.prepare(
      'SELECT name, holder, leased_until AS leasedUntil, last_finished_at AS lastFinishedAt, last_error AS lastError FROM job_leases WHERE name = ?',
    ),
  };
  return {
    /** Claims `name` when it is due and nobody holds it; true when this holder now does. */
    claim: writeTransaction(db, (name: string, holder: string, now: string, until: string, dueIfFinishedBefore: string): boolean => {
      statements.ensure.run(name);
      return statements.claim.run({ name, holder, now, until, dueIfFinishedBefore }).changes === 1;
    }),
    finish: (name: string, holder: string, now: string, error: string | null) => void statements.finish.run(now, error, name, holder),
    state: (name: string) =>
      statements.state.get(name) as
        | { name: string; holder: string | null; leasedUntil: string | null; lastFinishedAt: string | null; lastError: string | null }
        | undefined,
  };
}

export type JobLeases = ReturnType<typeof createJobLeases>;
