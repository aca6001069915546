// SQL for accounts, sign-in tokens, sessions and rate-limit events. Tokens and
// session ids arrive here already hashed.
import { writeTransaction, type Db } from './open.ts';
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

export function createAccountStore(db: Db) {
  const statements = {
    accountByEmail: db.prepare('SELECT id, email, created_at AS createdAt FROM accounts WHERE email = ?'),
    accountById: db.prepare('SELECT id, email, created_at AS createdAt FROM accounts WHERE id = ?'),
    insertAccount: db.prepare('INSERT INTO accounts (email, created_at) VALUES (?, ?) ON CONFLICT (email) DO NOTHING'),
    insertToken: db.prepare(
      'INSERT INTO sign_in_tokens (token_hash, email, purpose, next_path, intent, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    token: db.prepare(
      'SELECT email, purpose, next_path AS nextPath, intent, expires_at AS expiresAt, used_at AS usedAt FROM sign_in_tokens WHERE token_hash = ?',
    ),
    countWaiting: db
      .prepare("SELECT count(DISTINCT email) FROM sign_in_tokens WHERE purpose = 'subscribe' AND used_at IS NULL AND expires_at > ?")
      .pluck(),
    deleteAccount: db.prepare('DELETE FROM accounts WHERE id = ?'),
    setListView: db.prepare('UPDATE accounts SET list_view = ? WHERE id = ?'),
    deleteTokensOf: db.prepare('DELETE FROM sign_in_tokens WHERE email = ?'),
    deleteEventsOf: db.prepare('DELETE FROM rate_events WHERE bucket = ?'),
    useToken: db.prepare('UPDATE sign_in_tokens SET used_at = ? WHERE token_hash = ? AND used_at IS NULL'),
    pruneTokens: db.prepare('DELETE FROM sign_in_tokens WHERE expires_at < ?'),
    insertSession: db.prepare('INSERT INTO sessions (token_hash, account_id, created_at, expires_at) VALUES (?, ?, ?, ?)'),
    sessionAccount: db.prepare(
      `SELECT a.id, a.email, a.created_at AS createdAt, a.list_view AS listView FROM sessions s JOIN accounts a ON a.id = s.account_id
       WHERE s.token_hash = ? AND s.expires_at > ?`,
    ),
    deleteSession: db.prepare('DELETE FROM sessions WHERE token_hash = ?'),
    deleteSessions: db.prepare('DELETE FROM sessions WHERE account_id = ?'),
    countEvents: db.prepare('SELECT count(*) FROM rate_events WHERE bucket = ? AND at > ?').pluck(),
    insertEvent: db.prepare('INSERT INTO rate_events (bucket, at) VALUES (?, ?)'),
    pruneEvents: db.prepare('DELETE FROM rate_events WHERE at < ?'),
  };

  return {
    accountById: (id: number) => (statements.accountById.get(id) as Account | undefined) ?? null,
    accountByEmail: (email: string) => (statements.accountByEmail.get(email) as Account | undefined) ?? null,
    saveToken(hash: string, token: Pick<SignInToken, 'email' | 'purpose' | 'nextPath' | 'intent'>, now: string, expiresAt: string): void {
      statements.pruneTokens.run(now);
      statements.insertToken.run(hash, token.email, token.purpose, token.nextPath, token.intent, now, expiresAt);
    },
    /** Forgets links (and so unconfirmed subscriptions) that expired; returns how many. */
    pruneTokens: (now: string) => statements.pruneTokens.run(now).changes,
    /** Addresses that asked for a digest and have not confirmed yet. */
    countWaitingSubscriptions: (now: string) => statements.countWaiting.get(now) as number,
    /** Deletes the account and, through the schema's cascades, all that is attached to it; and the links sent to its address. */
    deleteAccount: writeTransaction(db, (account: Account): void => {
      statements.deleteAccount.run(account.id);
      statements.deleteTokensOf.run(account.email);
      statements.deleteEventsOf.run(`email:${account.email}`);
    }),
    /**
     * Marks a token used and returns it, or null when it is unknown, used or expired. One statement
     * decides who uses it, so two requests with the same link cannot both sign in.
     */
    useToken: writeTransaction(db, (hash: string, now: string): SignInToken | null => {
      const token = statements.token.get(hash) as SignInToken | undefined;
      if (!token || token.usedAt || token.expiresAt <= now) return null;
      return statements.useToken.run(now, hash).changes === 1 ? token : null;
    }),
    /** The account of `email`, created on first sign-in. */
    accountFor: writeTransaction(db, (email: string, now: string): Account => {
      statements.insertAccount.run(email, now);
      return statements.accountByEmail.get(email) as Account;
    }),
    saveSession(hash: string, accountId: number, now: string, expiresAt: string): void {
      statements.insertSession.run(hash, accountId, now, expiresAt);
    },
    /** The account a live session belongs to, with the list view its reader chose. */
    sessionAccount: (hash: string, now: string) =>
      (statements.sessionAccount.get(hash, now) as (Account & { listView: string }) | undefined) ?? null,
    setListView: (accountId: number, view: 'full' | 'compact') => statements.setListView.run(view, accountId),
    deleteSession: (hash: string) => void statements.deleteSession.run(hash),
    deleteSessions: (accountId: number) => statements.deleteSessions.run(accountId).changes,
    /** Counts an event in each bucket, unless one is already at its limit; true when counted. */
    countEvent: writeTransaction(db, (buckets: { bucket: string; limit: number }[], since: string, now: string): boolean => {
      statements.pruneEvents.run(since);
      if (buckets.some(({ bucket, limit }) => (statements.countEvents.get(bucket, since) as number) >= limit)) return false;
      for (const { bucket } of buckets) statements.insertEvent.run(bucket, now);
      return true;
    }),
  };
}

export type AccountStore = ReturnType<typeof createAccountStore>;
