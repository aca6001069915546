// Sign-in by e-mail link: ask for a link (the same answer whether the address
// is known or not), open it once within 15 minutes, get a session. Sessions
// last 30 days or until signed out, here or everywhere. Subscribing to the
// digest is the same address check with a link that lasts a week: following
// it confirms the subscription (double opt-in); unused, it is forgotten.
import { createHash, randomBytes } from 'node:crypto';
import { AppError } from '../errors.ts';
import type { AccountStore, TokenPurpose } from '../db/accounts-store.ts';
import { emailKey, type Account, type Viewer } from '../domain/viewer.ts';
import type { Mailer } from '../mail/mailer.ts';
import { signInMail, subscribeMail } from '../mail/templates.ts';
import { intentText, parseIntent, type SignInIntent } from '../domain/sign-in-intent.ts';

export type { Account, Viewer, SignInIntent };

export interface SignedIn {
  sessionToken: string;
  account: Account;
  next: string;
  subscribed: boolean;
  /** What the reader asked for while signed out, to be done now. */
  intent: SignInIntent | null;
}

export const SIGN_IN = {
  linkMinutes: 15,
  /** An unconfirmed subscription is forgotten after this long. */
  subscribeLinkDays: 7,
  sessionDays: 30,
  /** Sign-in requests per hour, per address and per client address. */
  perEmailPerHour: 5,
  perIpPerHour: 20,
};

const EMAIL = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]+$/;
const MINUTE = 60_000;

export interface AccountsDeps {
  store: AccountStore;
  mailer: Mailer;
  /** Turns a reader's digest on: a confirmed subscription link does. */
  subscriptions: { subscribe(accountId: number, now: string): Promise<void> };
  publicUrl: string;
  admins: string[];
  now?: () => number;
}

export function createAccounts(deps: AccountsDeps) {
  const now = deps.now ?? Date.now;
  const iso = (offsetMs = 0) => new Date(now() + offsetMs).toISOString();
  const siteName = new URL(deps.publicUrl).host;

  /** Sends a sign-in link to `email`, whoever owns it; `next` is where to land afterwards, `intent` what to do on arrival. */
  async function requestSignIn(input: { email: string; next: string; clientAddress: string; intent?: SignInIntent | null }): Promise<void> {
    const { email, token } = await newLink(input, 'sign-in', SIGN_IN.linkMinutes * MINUTE);
    await deps.mailer.send(signInMail(email, `${deps.publicUrl}/signin/link?token=${token}`, SIGN_IN.linkMinutes, siteName));
  }

  /** Sends a link that confirms a digest subscription to `email`, whoever owns it: nothing else is sent there before. */
  async function requestSubscription(input: { email: string; clientAddress: string }): Promise<void> {
    const { email, token } = await newLink({ ...input, next: '/account' }, 'subscribe', SIGN_IN.subscribeLinkDays * 24 * 60 * MINUTE);
    await deps.mailer.send(subscribeMail(email, `${deps.publicUrl}/subscribe/confirm?token=${token}`, SIGN_IN.subscribeLinkDays, siteName));
  }

  /** A new link token for `email`, counted against the rate limits that sign-in and subscribing share. */
  async function newLink(
    input: { email: string; next: string; clientAddress: string; intent?: SignInIntent | null },
    purpose: TokenPurpose,
    lifetimeMs: number,
  ) {
    const email = checkedEmail(input.email);
    const buckets = [
      { bucket: `email:${email}`, limit: SIGN_IN.perEmailPerHour },
      { bucket: `ip:${input.clientAddress}`, limit: SIGN_IN.perIpPerHour },
    ];
    if (!(await deps.store.countEvent(buckets, iso(-60 * MINUTE), iso()))) {
      const what = purpose === 'subscribe' ? 'subscription' : 'sign-in';
      throw new AppError('rate_limited', `Too many ${what} links were asked for just now. Please wait an hour and try again.`);
    }
    const token = randomToken();
    const intent = input.intent ? intentText(input.intent) : null;
    await deps.store.saveToken(hashOf(token), { email, purpose, nextPath: safePath(input.next), intent }, iso(), iso(lifetimeMs));
    return { email, token };
  }

  /**
   * Uses a link's token: the account (made on first use), a new session token, where to go and what
   * the reader asked for while signed out. A subscription link also turns the digest on.
   */
  async function completeSignIn(token: string): Promise<SignedIn> {
    const used = await deps.store.useToken(hashOf(token), iso());
    if (!used) throw new AppError('invalid', 'This sign-in link has expired or was already used. Ask for a new one.');
    const account = await deps.store.accountFor(used.email, iso());
    const subscribed = used.purpose === 'subscribe';
    if (subscribed) await deps.subscriptions.subscribe(account.id, iso());
    const sessionToken = randomToken();
    await deps.store.saveSession(hashOf(sessionToken), account.id, iso(), iso(SIGN_IN.sessionDays * 24 * 60 * MINUTE));
    return { sessionToken, account, next: used.nextPath, subscribed, intent: parseIntent(used.intent) };
  }

  async function viewerOf(sessionToken: string | undefined): Promise<Viewer | null> {
    if (!sessionToken) return null;
    const found = await deps.store.sessionAccount(hashOf(sessionToken), iso());
    if (!found) return null;
    const { listView, ...account } = found;
    return { account, isAdmin: deps.admins.includes(account.email), compactLists: listView === 'compact' };
  }

  return {
    requestSignIn,
    requestSubscription,
    completeSignIn,
    viewerOf,
    /** Remembers the reader's list view on their account, for every device they sign in on. */
    setListView: (viewer: Viewer, view: 'full' | 'compact') => deps.store.setListView(viewer.account.id, view),
    /** A signed-in reader's address is confirmed already: one click subscribes. */
    subscribe: (viewer: Viewer) => deps.subscriptions.subscribe(viewer.account.id, iso()),
    /** Deletes the reader's account and everything attached to it: sessions, votes, library, digests, follows. */
    deleteAccount: (viewer: Viewer) => deps.store.deleteAccount(viewer.account),
    /** Forgets expired links, and with them subscriptions never confirmed. */
    forgetExpiredLinks: () => deps.store.pruneTokens(iso()),
    countWaitingSubscriptions: () => deps.store.countWaitingSubscriptions(iso()),
    signOut: (sessionToken: string) => deps.store.deleteSession(hashOf(sessionToken)),
    /** Ends every session of the account; returns how many. */
    signOutEverywhere: (accountId: number) => deps.store.deleteSessions(accountId),
  };
}

export type Accounts = ReturnType<typeof createAccounts>;

function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

function hashOf(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

export function checkedEmail(raw: string): string {
  const email = emailKey(raw);
  if (email.length > 254 || !EMAIL.test(email)) throw new AppError('invalid', `"${raw.slice(0, 100)}" is not an e-mail address`);
  return email;
}

const HERE = 'http://paperboy.invalid';

/**
 * Only a path on this site (with its query and #fragment), as a URL writes it: "//evil.example", "https://…" or "/\\evil" become "/".
 * The check is on the final path: parsing collapses dot segments ("/.//evil.example" is "//evil.example",
 * which a browser reads as another site) and turns backslashes into slashes.
 */
export function safePath(next: string): string {
  if (!next.startsWith('/')) return '/';
  try {
    const url = new URL(next, HERE);
    const path = `${url.pathname}${url.search}${url.hash}`;
    return url.origin === HERE && !path.startsWith('//') ? path : '/';
  } catch {
    return '/';
  }
}
