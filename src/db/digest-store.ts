// SQL for digests: subscriptions and their terms, follows, runs, one digest
// row per (reader, edition) with its lease, and the papers each reader was
// sent. Asynchronous, as every store will be; SQLite does the work at once.
import { writeTransaction, type Db } from './open.ts';
import type { Follow, FollowKind, Preferences, Subscription, SubscriptionState } from '../domain/digest-preferences.ts';

export interface DueDigest {
  accountId: number;
  edition: string;
  since: string;
  messageId: string;
}

export interface ClaimedDigest {
  id: number;
  accountId: number;
  edition: string;
  since: string;
  messageId: string;
  attempts: number;
  runId: number;
}

export interface SentItem {
  paperId: string;
  section: string;
  reason: string;
}

export interface DigestRecord {
  id: number;
  accountId: number;
  edition: string;
  status: string;
  sentAt: string | null;
  items: SentItem[];
}

export interface DigestCounts {
  active: number;
  unsubscribed: number;
  suspended: number;
  pending: number;
  sent: number;
  skipped: number;
  failed: number;
}

export interface DigestRun {
  id: number;
  startedAt: string;
  finishedAt: string | null;
  audience: number;
  sent: number;
  skipped: number;
  failed: number;
  pending: number;
}

const SUBSCRIPTION = `SELECT s.account_id AS accountId, a.email, s.state, s.frequency, s.weekday, s.hour, s.time_zone AS timeZone,
  s.max_papers AS maxPapers, s.trending, s.categories_on AS categoriesOn, s.authors_on AS authorsOn, s.alerts_on AS alertsOn, s.for_you_on AS forYouOn,
  s.quiet, s.created_at AS createdAt FROM subscriptions s JOIN accounts a ON a.id = s.account_id`;

type SubscriptionRow = Omit<Subscription, 'categoriesOn' | 'authorsOn' | 'alertsOn' | 'forYouOn'> &
  Record<'categoriesOn' | 'authorsOn' | 'alertsOn' | 'forYouOn', number>;

function subscriptionOf(row: SubscriptionRow): Subscription {
  return {
    ...row,
    categoriesOn: row.categoriesOn === 1,
    authorsOn: row.authorsOn === 1,
    alertsOn: row.alertsOn === 1,
    forYouOn: row.forYouOn === 1,
  };
}

export function createDigestStore(db: Db) {
  const statements = {
    subscription: db.prepare(`${SUBSCRIPTION} WHERE s.account_id = ?`),
    active: db.prepare(`${SUBSCRIPTION} WHERE s.state = 'active' AND s.frequency != 'paused'`),
    subscribe: db.prepare(
      `INSERT INTO subscriptions (account_id, state, created_at, updated_at) VALUES (?, 'active', ?, ?)
       ON CONFLICT (account_id) DO UPDATE SET state = 'active', hard_bounces = 0, updated_at = excluded.updated_at`,
    ),
    setState: db.prepare('UPDATE subscriptions SET state = ?, updated_at = ? WHERE account_id = ? AND state != ?'),
    update: db.prepare(
      `UPDATE subscriptions SET frequency = @frequency, weekday = @weekday, hour = @hour, time_zone = @timeZone, max_papers = @maxPapers,
       trending = @trending, categories_on = @categoriesOn, authors_on = @authorsOn, alerts_on = @alertsOn, for_you_on = @forYouOn, quiet = @quiet, updated_at = @now
       WHERE account_id = @accountId`,
    ),
    follows: db.prepare('SELECT kind, value FROM follows WHERE account_id = ? ORDER BY kind, created_at, value'),
    allFollows: db.prepare(
      `SELECT f.account_id AS accountId, f.kind, f.value FROM follows f JOIN subscriptions s ON s.account_id = f.account_id
       WHERE s.state = 'active' ORDER BY f.account_id, f.kind, f.created_at, f.value`,
    ),
    countFollows: db.prepare('SELECT count(*) FROM follows WHERE account_id = ? AND kind = ?').pluck(),
    follow: db.prepare('INSERT INTO follows (account_id, kind, value, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING'),
    unfollow: db.prepare('DELETE FROM follows WHERE account_id = ? AND kind = ? AND value = ?'),
    lastEditions: db.prepare('SELECT account_id, max(edition) FROM digests GROUP BY account_id').raw(),
    lastEdition: db.prepare('SELECT max(edition) FROM digests WHERE account_id = ? AND edition < ?').pluck(),
    insertRun: db.prepare('INSERT INTO digest_runs (started_at, audience) VALUES (?, 0)'),
    setAudience: db.prepare('UPDATE digest_runs SET audience = ? WHERE id = ?'),
    insertDigest: db.prepare(
      `INSERT INTO digests (account_id, edition, run_id, since, next_attempt_at, message_id, created_at)
       VALUES (@accountId, @edition, @runId, @since, @now, @messageId, @now) ON CONFLICT (account_id, edition) DO NOTHING`,
    ),
    // In no particular order: any pending digests will do, and the partial index then stops at the limit.
    claimable: db.prepare(
      `SELECT id, account_id AS accountId, edition, since, message_id AS messageId, attempts, run_id AS runId FROM digests
       WHERE status = 'pending' AND next_attempt_at <= @now AND (leased_until IS NULL OR leased_until < @now) LIMIT @limit`,
    ),
    lease: db.prepare('UPDATE digests SET holder = @holder, leased_until = @until WHERE id = @id'),
    renew: db.prepare(`UPDATE digests SET leased_until = ? WHERE id = ? AND holder = ? AND status = 'pending' AND leased_until >= ?`),
    markSent: db.prepare(
      `UPDATE digests SET status = ?, sent_at = ?, items = ?, holder = NULL, leased_until = NULL, attempts = attempts + 1, error = NULL
       WHERE id = ?`,
    ),
    insertSent: db.prepare('INSERT INTO sent_papers (account_id, paper_id) VALUES (?, ?) ON CONFLICT DO NOTHING'),
    resetBounces: db.prepare('UPDATE subscriptions SET hard_bounces = 0 WHERE account_id = ? AND hard_bounces > 0'),
    retry: db.prepare(
      `UPDATE digests SET attempts = attempts + 1, next_attempt_at = ?, error = ?, holder = NULL, leased_until = NULL WHERE id = ? AND status = 'pending'`,
    ),
    fail: db.prepare(
      `UPDATE digests SET status = 'failed', attempts = attempts + 1, error = ?, holder = NULL, leased_until = NULL WHERE id = ? AND status = 'pending'`,
    ),
    bounce: db.prepare('UPDATE subscriptions SET hard_bounces = hard_bounces + 1 WHERE account_id = ? RETURNING hard_bounces').pluck(),
    finishRuns: db.prepare(
      `UPDATE digest_runs SET finished_at = ? WHERE finished_at IS NULL
       AND NOT EXISTS (SELECT 1 FROM digests WHERE run_id = digest_runs.id AND status = 'pending')`,
    ),
    sentAmong: db.prepare('SELECT paper_id FROM sent_papers WHERE account_id = ? AND paper_id IN (SELECT value FROM json_each(?))').pluck(),
    digest: db.prepare(
      'SELECT id, account_id AS accountId, edition, status, sent_at AS sentAt, items FROM digests WHERE account_id = ? AND edition = ?',
    ),
    stateCounts: db.prepare('SELECT state, count(*) FROM subscriptions GROUP BY state').raw(),
    statusCounts: db.prepare('SELECT status, count(*) FROM digests GROUP BY status').raw(),
    lastRun: db.prepare(
      `SELECT r.id, r.started_at AS startedAt, r.finished_at AS finishedAt, r.audience,
         (SELECT count(*) FROM digests WHERE run_id = r.id AND status = 'sent') AS sent,
         (SELECT count(*) FROM digests WHERE run_id = r.id AND status = 'skipped') AS skipped,
         (SELECT count(*) FROM digests WHERE run_id = r.id AND status = 'failed') AS failed,
         (SELECT count(*) FROM digests WHERE run_id = r.id AND status = 'pending') AS pending
       FROM digest_runs r ORDER BY r.id DESC LIMIT 1`,
    ),
  };

  const startRun = writeTransaction(db, (now: string, due: readonly DueDigest[]): { runId: number; audience: number } => {
    const runId = Number(statements.insertRun.run(now).lastInsertRowid);
    let audience = 0;
    for (const digest of due) audience += statements.insertDigest.run({ ...digest, runId, now }).changes;
    statements.setAudience.run(audience, runId);
    return { runId, audience };
  });

  const claim = writeTransaction(db, (holder: string, now: string, until: string, limit: number): ClaimedDigest[] => {
    const claimed = statements.claimable.all({ now, limit }) as ClaimedDigest[];
    for (const { id } of claimed) statements.lease.run({ holder, until, id });
    return claimed;
  });

  const recordSent = writeTransaction(db, (digest: ClaimedDigest, status: 'sent' | 'skipped', now: string, items: readonly SentItem[]) => {
    statements.markSent.run(status, now, JSON.stringify(items), digest.id);
    for (const item of items) statements.insertSent.run(digest.accountId, item.paperId);
    if (status === 'sent') statements.resetBounces.run(digest.accountId);
  });

  const follow = writeTransaction(db, (accountId: number, follow: Follow, now: string, limit: number): boolean => {
    if ((statements.countFollows.get(accountId, follow.kind) as number) >= limit) return false;
    statements.follow.run(accountId, follow.kind, follow.value, now);
    return true;
  });

  return {
    subscription: async (accountId: number) => {
      const row = statements.subscription.get(accountId) as SubscriptionRow | undefined;
      return row ? subscriptionOf(row) : null;
    },
    /** Readers whose digests are on (active and not paused), with the last edition each was given. */
    activeSubscriptions: async (): Promise<{ subscription: Subscription; lastEdition: string | null }[]> => {
      const last = new Map(statements.lastEditions.all() as [number, string][]);
      return (statements.active.all() as SubscriptionRow[]).map((row) => ({
        subscription: subscriptionOf(row),
        lastEdition: last.get(row.accountId) ?? null,
      }));
    },
    subscribe: async (accountId: number, now: string) => void statements.subscribe.run(accountId, now, now),
    /** Sets the state; false when it already was that. */
    setState: async (accountId: number, state: SubscriptionState, now: string) =>
      statements.setState.run(state, now, accountId, state).changes === 1,
    updatePreferences: async (accountId: number, preferences: Preferences, now: string) =>
      void statements.update.run({
        ...preferences,
        categoriesOn: Number(preferences.categoriesOn),
        forYouOn: Number(preferences.forYouOn),
        authorsOn: Number(preferences.authorsOn),
        alertsOn: Number(preferences.alertsOn),
        accountId,
        now,
      }),
    follows: async (accountId: number) => statements.follows.all(accountId) as Follow[],
    /** Every active reader's follows, by account. */
    followsOfActive: async (): Promise<Map<number, Follow[]>> => {
      const byAccount = new Map<number, Follow[]>();
      for (const row of statements.allFollows.all() as { accountId: number; kind: FollowKind; value: string }[]) {
        const list = byAccount.get(row.accountId) ?? [];
        list.push({ kind: row.kind, value: row.value });
        byAccount.set(row.accountId, list);
      }
      return byAccount;
    },
    /** Adds a follow unless the reader already has `limit` of that kind; false when refused. */
    follow: async (accountId: number, follow_: Follow, now: string, limit: number) => follow(accountId, follow_, now, limit),
    unfollow: async (accountId: number, follow_: Follow) => statements.unfollow.run(accountId, follow_.kind, follow_.value).changes === 1,
    /** The reader's latest edition before `edition`. */
    previousEdition: async (accountId: number, edition: string) => statements.lastEdition.get(accountId, edition) as string | null,
    /** Records a run and one pending digest for each due reader without one for that edition. */
    startRun: async (now: string, due: readonly DueDigest[]) => startRun(now, due),
    /** Leases up to `limit` pending digests due by `now` that nobody holds; returns those this holder now holds. */
    claim: async (holder: string, now: string, until: string, limit: number) => claim(holder, now, until, limit),
    /** Extends a lease this holder still has; false when it expired and was (or may be) taken over. */
    renew: async (id: number, holder: string, now: string, until: string) => statements.renew.run(until, id, holder, now).changes === 1,
    recordSent: async (digest: ClaimedDigest, status: 'sent' | 'skipped', now: string, items: readonly SentItem[]) =>
      recordSent(digest, status, now, items),
    retryLater: async (id: number, at: string, error: string) => void statements.retry.run(at, error, id),
    fail: async (id: number, error: string) => void statements.fail.run(error, id),
    /** Counts a hard bounce of the reader's address; returns how many in a row. */
    countHardBounce: async (accountId: number) => (statements.bounce.get(accountId) as number | undefined) ?? 0,
    finishRuns: async (now: string) => statements.finishRuns.run(now).changes,
    /** Which of `paperIds` the reader was sent before. */
    sentAmong: async (accountId: number, paperIds: readonly string[]) =>
      new Set(statements.sentAmong.all(accountId, JSON.stringify(paperIds)) as string[]),
    digest: async (accountId: number, edition: string): Promise<DigestRecord | null> => {
      const row = statements.digest.get(accountId, edition) as (Omit<DigestRecord, 'items'> & { items: string | null }) | undefined;
      return row ? { ...row, items: JSON.parse(row.items ?? '[]') as SentItem[] } : null;
    },
    counts: async (): Promise<DigestCounts> => {
      const counts: DigestCounts = { active: 0, unsubscribed: 0, suspended: 0, pending: 0, sent: 0, skipped: 0, failed: 0 };
      for (const [key, count] of [...statements.stateCounts.all(), ...statements.statusCounts.all()] as [keyof DigestCounts, number][])
        counts[key] = count;
      return counts;
    },
    lastRun: async () => (statements.lastRun.get() as DigestRun | undefined) ?? null,
  };
}

export type DigestStore = ReturnType<typeof createDigestStore>;
