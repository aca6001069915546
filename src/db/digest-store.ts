// SQL for digests: subscriptions and their terms, follows, runs, one digest
// row per (reader, edition) with its lease, and the papers each reader was
// sent. Pending digests are claimed with leases (on PostgreSQL, rows locked by
// another claimer are skipped), so several workers share one edition.
import { bySql, inList, type Sql } from './sql.ts';
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

const SUBSCRIPTION = `SELECT s.account_id AS "accountId", a.email, s.state, s.frequency, s.weekday, s.hour, s.time_zone AS "timeZone",
  s.max_papers AS "maxPapers", s.trending, s.categories_on AS "categoriesOn", s.authors_on AS "authorsOn", s.alerts_on AS "alertsOn", s.for_you_on AS "forYouOn",
  s.quiet, s.created_at AS "createdAt" FROM subscriptions s JOIN accounts a ON a.id = s.account_id`;

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

function statements(sql: Sql) {
  return {
    subscription: `${SUBSCRIPTION} WHERE s.account_id = ?`,
    active: `${SUBSCRIPTION} WHERE s.state = 'active' AND s.frequency != 'paused'`,
    subscribe: `INSERT INTO subscriptions (account_id, state, created_at, updated_at) VALUES (?, 'active', ?, ?)
       ON CONFLICT (account_id) DO UPDATE SET state = 'active', hard_bounces = 0, updated_at = excluded.updated_at`,
    setState: 'UPDATE subscriptions SET state = ?, updated_at = ? WHERE account_id = ? AND state != ?',
    update: `UPDATE subscriptions SET frequency = @frequency, weekday = @weekday, hour = @hour, time_zone = @timeZone, max_papers = @maxPapers,
       trending = @trending, categories_on = @categoriesOn, authors_on = @authorsOn, alerts_on = @alertsOn, for_you_on = @forYouOn, quiet = @quiet, updated_at = @now
       WHERE account_id = @accountId`,
    follows: 'SELECT kind, value FROM follows WHERE account_id = ? ORDER BY kind, created_at, value',
    allFollows: `SELECT f.account_id AS "accountId", f.kind, f.value FROM follows f JOIN subscriptions s ON s.account_id = f.account_id
       WHERE s.state = 'active' ORDER BY f.account_id, f.kind, f.created_at, f.value`,
    countFollows: 'SELECT count(*) FROM follows WHERE account_id = ? AND kind = ?',
    follow: 'INSERT INTO follows (account_id, kind, value, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
    unfollow: 'DELETE FROM follows WHERE account_id = ? AND kind = ? AND value = ?',
    lastEditions: 'SELECT account_id AS "accountId", max(edition) AS edition FROM digests GROUP BY account_id',
    lastEdition: 'SELECT max(edition) FROM digests WHERE account_id = ? AND edition < ?',
    insertRun: 'INSERT INTO digest_runs (started_at, audience) VALUES (?, 0) RETURNING id',
    setAudience: 'UPDATE digest_runs SET audience = ? WHERE id = ?',
    insertDigest: `INSERT INTO digests (account_id, edition, run_id, since, next_attempt_at, message_id, created_at)
       VALUES (@accountId, @edition, @runId, @since, @now, @messageId, @now) ON CONFLICT (account_id, edition) DO NOTHING`,
    // In no particular order: any pending digests will do, and the partial index then stops at the limit.
    // PostgreSQL locks the rows it picks and skips those another worker is claiming.
    claimable: bySql(sql, {
      sqlite: `SELECT id, account_id AS "accountId", edition, since, message_id AS "messageId", attempts, run_id AS "runId" FROM digests
       WHERE status = 'pending' AND next_attempt_at <= @now AND (leased_until IS NULL OR leased_until < @now) LIMIT @limit`,
      postgres: `SELECT id, account_id AS "accountId", edition, since, message_id AS "messageId", attempts, run_id AS "runId" FROM digests
       WHERE status = 'pending' AND next_attempt_at <= @now AND (leased_until IS NULL OR leased_until < @now) LIMIT @limit FOR UPDATE SKIP LOCKED`,
    }),
    lease: 'UPDATE digests SET holder = @holder, leased_until = @until WHERE id = @id',
    renew: `UPDATE digests SET leased_until = ? WHERE id = ? AND holder = ? AND status = 'pending' AND leased_until >= ?`,
    markSent: `UPDATE digests SET status = ?, sent_at = ?, items = ?, holder = NULL, leased_until = NULL, attempts = attempts + 1, error = NULL
       WHERE id = ?`,
    insertSent: 'INSERT INTO sent_papers (account_id, paper_id) VALUES (?, ?) ON CONFLICT DO NOTHING',
    resetBounces: 'UPDATE subscriptions SET hard_bounces = 0 WHERE account_id = ? AND hard_bounces > 0',
    retry: `UPDATE digests SET attempts = attempts + 1, next_attempt_at = ?, error = ?, holder = NULL, leased_until = NULL WHERE id = ? AND status = 'pending'`,
    fail: `UPDATE digests SET status = 'failed', attempts = attempts + 1, error = ?, holder = NULL, leased_until = NULL WHERE id = ? AND status = 'pending'`,
    bounce: 'UPDATE subscriptions SET hard_bounces = hard_bounces + 1 WHERE account_id = ? RETURNING hard_bounces',
    finishRuns: `UPDATE digest_runs SET finished_at = ? WHERE finished_at IS NULL
       AND NOT EXISTS (SELECT 1 FROM digests WHERE run_id = digest_runs.id AND status = 'pending')`,
    sentAmong: `SELECT paper_id FROM sent_papers WHERE account_id = ? AND paper_id ${inList(sql, '?')}`,
    digest:
      'SELECT id, account_id AS "accountId", edition, status, sent_at AS "sentAt", items FROM digests WHERE account_id = ? AND edition = ?',
    stateCounts: 'SELECT state AS key, count(*) AS count FROM subscriptions GROUP BY state',
    statusCounts: 'SELECT status AS key, count(*) AS count FROM digests GROUP BY status',
    lastRun: `SELECT r.id, r.started_at AS "startedAt", r.finished_at AS "finishedAt", r.audience,
         (SELECT count(*) FROM digests WHERE run_id = r.id AND status = 'sent') AS sent,
         (SELECT count(*) FROM digests WHERE run_id = r.id AND status = 'skipped') AS skipped,
         (SELECT count(*) FROM digests WHERE run_id = r.id AND status = 'failed') AS failed,
         (SELECT count(*) FROM digests WHERE run_id = r.id AND status = 'pending') AS pending
       FROM digest_runs r ORDER BY r.id DESC LIMIT 1`,
  };
}

export function createDigestStore(sql: Sql) {
  const text = statements(sql);
  return {
    subscription: async (accountId: number) => {
      const row = await sql.get<SubscriptionRow>(text.subscription, [accountId]);
      return row ? subscriptionOf(row) : null;
    },
    /** Readers whose digests are on (active and not paused), with the last edition each was given. */
    activeSubscriptions: async (): Promise<{ subscription: Subscription; lastEdition: string | null }[]> => {
      const last = new Map(
        (await sql.all<{ accountId: number; edition: string }>(text.lastEditions)).map((row) => [row.accountId, row.edition]),
      );
      return (await sql.all<SubscriptionRow>(text.active)).map((row) => ({
        subscription: subscriptionOf(row),
        lastEdition: last.get(row.accountId) ?? null,
      }));
    },
    subscribe: async (accountId: number, now: string) => void (await sql.run(text.subscribe, [accountId, now, now])),
    /** Sets the state; false when it already was that. */
    setState: async (accountId: number, state: SubscriptionState, now: string) =>
      (await sql.run(text.setState, [state, now, accountId, state])) === 1,
    updatePreferences: async (accountId: number, preferences: Preferences, now: string) =>
      void (await sql.run(text.update, { ...preferences, accountId, now })),
    follows: (accountId: number) => sql.all<Follow>(text.follows, [accountId]),
    /** Every active reader's follows, by account. */
    followsOfActive: async (): Promise<Map<number, Follow[]>> => {
      const byAccount = new Map<number, Follow[]>();
      for (const row of await sql.all<{ accountId: number; kind: FollowKind; value: string }>(text.allFollows)) {
        const list = byAccount.get(row.accountId) ?? [];
        list.push({ kind: row.kind, value: row.value });
        byAccount.set(row.accountId, list);
      }
      return byAccount;
    },
    /** Adds a follow unless the reader already has `limit` of that kind; false when refused. */
    follow: (accountId: number, follow: Follow, now: string, limit: number): Promise<boolean> =>
      sql.transaction(async (tx) => {
        if ((await tx.value<number>(text.countFollows, [accountId, follow.kind]))! >= limit) return false;
        await tx.run(text.follow, [accountId, follow.kind, follow.value, now]);
        return true;
      }),
    unfollow: async (accountId: number, follow: Follow) => (await sql.run(text.unfollow, [accountId, follow.kind, follow.value])) === 1,
    /** The reader's latest edition before `edition`. */
    previousEdition: async (accountId: number, edition: string) =>
      (await sql.value<string | null>(text.lastEdition, [accountId, edition])) ?? null,
    /** Records a run and one pending digest for each due reader without one for that edition. */
    startRun: (now: string, due: readonly DueDigest[]): Promise<{ runId: number; audience: number }> =>
      sql.transaction(async (tx) => {
        const runId = (await tx.value<number>(text.insertRun, [now]))!;
        let audience = 0;
        for (const digest of due) audience += await tx.run(text.insertDigest, { ...digest, runId, now });
        await tx.run(text.setAudience, [audience, runId]);
        return { runId, audience };
      }),
    /** Leases up to `limit` pending digests due by `now` that nobody holds; returns those this holder now holds. */
    claim: (holder: string, now: string, until: string, limit: number): Promise<ClaimedDigest[]> =>
      sql.transaction(async (tx) => {
        const claimed = await tx.all<ClaimedDigest>(text.claimable, { now, limit });
        for (const { id } of claimed) await tx.run(text.lease, { holder, until, id });
        return claimed;
      }),
    /** Extends a lease this holder still has; false when it expired and was (or may be) taken over. */
    renew: async (id: number, holder: string, now: string, until: string) => (await sql.run(text.renew, [until, id, holder, now])) === 1,
    recordSent: (digest: ClaimedDigest, status: 'sent' | 'skipped', now: string, items: readonly SentItem[]): Promise<void> =>
      sql.transaction(async (tx) => {
        await tx.run(text.markSent, [status, now, JSON.stringify(items), digest.id]);
        for (const item of items) await tx.run(text.insertSent, [digest.accountId, item.paperId]);
        if (status === 'sent') await tx.run(text.resetBounces, [digest.accountId]);
      }),
    retryLater: async (id: number, at: string, error: string) => void (await sql.run(text.retry, [at, error, id])),
    fail: async (id: number, error: string) => void (await sql.run(text.fail, [error, id])),
    /** Counts a hard bounce of the reader's address; returns how many in a row. */
    countHardBounce: async (accountId: number) => (await sql.value<number>(text.bounce, [accountId])) ?? 0,
    finishRuns: (now: string) => sql.run(text.finishRuns, [now]),
    /** Which of `paperIds` the reader was sent before. */
    sentAmong: async (accountId: number, paperIds: readonly string[]) =>
      new Set(await sql.column<string>(text.sentAmong, [accountId, paperIds])),
    digest: async (accountId: number, edition: string): Promise<DigestRecord | null> => {
      const row = await sql.get<Omit<DigestRecord, 'items'> & { items: string | null }>(text.digest, [accountId, edition]);
      return row ? { ...row, items: JSON.parse(row.items ?? '[]') as SentItem[] } : null;
    },
    counts: async (): Promise<DigestCounts> => {
      const counts: DigestCounts = { active: 0, unsubscribed: 0, suspended: 0, pending: 0, sent: 0, skipped: 0, failed: 0 };
      const rows = [
        ...(await sql.all<{ key: string; count: number }>(text.stateCounts)),
        ...(await sql.all<{ key: string; count: number }>(text.statusCounts)),
      ];
      for (const { key, count } of rows) counts[key as keyof DigestCounts] = count;
      return counts;
    },
    lastRun: async () => (await sql.get<DigestRun>(text.lastRun)) ?? null,
  };
}

export type DigestStore = ReturnType<typeof createDigestStore>;
