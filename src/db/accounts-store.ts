// SQL for accounts, sign-in tokens, sessions and rate-limit events. Tokens and
// session ids arrive here already hashed.
import type { Sql } from './sql.ts';
import type { Account } from '../domain/viewer.ts';

export type { Account };

/** What following a link proves and does: signs in, or also confirms a digest subscription. */
export type TokenPurpose = 'sign-in' | 'subscribe';

export interface SignInToken {
  email: string;
  purpose: TokenPurpose;
  nextPath: string;
  /** What the reader asked for while signed out ("vote:ID", "save:ID"), or null. */
  intent: string | null;
  expiresAt: string;
  usedAt: string | null;
}

const SQL = {
  accountByEmail: 'SELECT id, email, created_at AS "createdAt" FROM accounts WHERE email = ?',
  accountById: 'SELECT id, email, created_at AS "createdAt" FROM accounts WHERE id = ?',
  insertAccount: 'INSERT INTO accounts (email, created_at) VALUES (?, ?) ON CONFLICT (email) DO NOTHING',
  insertToken:
    'INSERT INTO sign_in_tokens (token_hash, email, purpose, next_path, intent, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  token:
    'SELECT email, purpose, next_path AS "nextPath", intent, expires_at AS "expiresAt", used_at AS "usedAt" FROM sign_in_tokens WHERE token_hash = ?',
  countWaiting: "SELECT count(DISTINCT email) FROM sign_in_tokens WHERE purpose = 'subscribe' AND used_at IS NULL AND expires_at > ?",
  deleteAccount: 'DELETE FROM accounts WHERE id = ?',
  setListView: 'UPDATE accounts SET list_view = ? WHERE id = ?',
  deleteTokensOf: 'DELETE FROM sign_in_tokens WHERE email = ?',
  deleteEventsOf: 'DELETE FROM rate_events WHERE bucket = ?',
  useToken: 'UPDATE sign_in_tokens SET used_at = ? WHERE token_hash = ? AND used_at IS NULL',
  pruneTokens: 'DELETE FROM sign_in_tokens WHERE expires_at < ?',
  insertSession: 'INSERT INTO sessions (token_hash, account_id, created_at, expires_at) VALUES (?, ?, ?, ?)',
  sessionAccount: `SELECT a.id, a.email, a.created_at AS "createdAt", a.list_view AS "listView" FROM sessions s JOIN accounts a ON a.id = s.account_id
     WHERE s.token_hash = ? AND s.expires_at > ?`,
  deleteSession: 'DELETE FROM sessions WHERE token_hash = ?',
  deleteSessions: 'DELETE FROM sessions WHERE account_id = ?',
  countEvents: 'SELECT count(*) FROM rate_events WHERE bucket = ? AND at > ?',
  insertEvent: 'INSERT INTO rate_events (bucket, at) VALUES (?, ?)',
  pruneEvents: 'DELETE FROM rate_events WHERE at < ?',
};

export function createAccountStore(sql: Sql) {
  return {
    accountById: async (id: number) => (await sql.get<Account>(SQL.accountById, [id])) ?? null,
    accountByEmail: async (email: string) => (await sql.get<Account>(SQL.accountByEmail, [email])) ?? null,
    async saveToken(
      hash: string,
      token: Pick<SignInToken, 'email' | 'purpose' | 'nextPath' | 'intent'>,
      now: string,
      expiresAt: string,
    ): Promise<void> {
      await sql.run(SQL.pruneTokens, [now]);
      await sql.run(SQL.insertToken, [hash, token.email, token.purpose, token.nextPath, token.intent, now, expiresAt]);
    },
    /** Forgets links (and so unconfirmed subscriptions) that expired; returns how many. */
    pruneTokens: (now: string) => sql.run(SQL.pruneTokens, [now]),
    /** Addresses that asked for a digest and have not confirmed yet. */
    countWaitingSubscriptions: async (now: string) => (await sql.value<number>(SQL.countWaiting, [now]))!,
    /** Deletes the account and, through the schema's cascades, all that is attached to it; and the links sent to its address. */
    deleteAccount: (account: Account): Promise<void> =>
      sql.transaction(async (tx) => {
        await tx.run(SQL.deleteAccount, [account.id]);
        await tx.run(SQL.deleteTokensOf, [account.email]);
        await tx.run(SQL.deleteEventsOf, [`email:${account.email}`]);
      }),
    /**
     * Marks a token used and returns it, or null when it is unknown, used or expired. One statement
     * decides who uses it, so two requests with the same link cannot both sign in.
     */
    useToken: (hash: string, now: string): Promise<SignInToken | null> =>
      sql.transaction(async (tx) => {
        const token = await tx.get<SignInToken>(SQL.token, [hash]);
        if (!token || token.usedAt || token.expiresAt <= now) return null;
        return (await tx.run(SQL.useToken, [now, hash])) === 1 ? token : null;
      }),
    /** The account of `email`, created on first sign-in. */
    accountFor: (email: string, now: string): Promise<Account> =>
      sql.transaction(async (tx) => {
        await tx.run(SQL.insertAccount, [email, now]);
        return (await tx.get<Account>(SQL.accountByEmail, [email]))!;
      }),
    async saveSession(hash: string, accountId: number, now: string, expiresAt: string): Promise<void> {
      await sql.run(SQL.insertSession, [hash, accountId, now, expiresAt]);
    },
    /** The account a live session belongs to, with the list view its reader chose. */
    sessionAccount: async (hash: string, now: string) =>
      (await sql.get<Account & { listView: string }>(SQL.sessionAccount, [hash, now])) ?? null,
    setListView: (accountId: number, view: 'full' | 'compact') => sql.run(SQL.setListView, [view, accountId]),
    deleteSession: async (hash: string) => void (await sql.run(SQL.deleteSession, [hash])),
    deleteSessions: (accountId: number) => sql.run(SQL.deleteSessions, [accountId]),
    /** Counts an event in each bucket, unless one is already at its limit; true when counted. */
    countEvent: (buckets: { bucket: string; limit: number }[], since: string, now: string): Promise<boolean> =>
      sql.transaction(async (tx) => {
        await tx.run(SQL.pruneEvents, [since]);
        for (const { bucket, limit } of buckets) if ((await tx.value<number>(SQL.countEvents, [bucket, since]))! >= limit) return false;
        for (const { bucket } of buckets) await tx.run(SQL.insertEvent, [bucket, now]);
        return true;
      }),
  };
}

export type AccountStore = ReturnType<typeof createAccountStore>;
