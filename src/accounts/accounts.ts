// Sign-in by e-mail link: ask for a link (the same answer whether the address
// is known or not), open it once within 15 minutes, get a session. Sessions
// last 30 days or until signed out, here or everywhere.
import { createHash, randomBytes } from 'node:crypto';
import { AppError } from '../errors.ts';
import type { AccountStore } from '../db/accounts-store.ts';
import type { Account, Viewer } from '../domain/viewer.ts';
import type { Mailer } from '../mail/mailer.ts';
import { signInMail } from '../mail/templates.ts';

export type { Account, Viewer };

export const SIGN_IN = {
  linkMinutes: 15,
  sessionDays: 30,
  /** Sign-in requests per hour, per address and per client address. */
  perEmailPerHour: 5,
  perIpPerHour: 20,
};

const EMAIL = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]+$/;
const MINUTE = 60_000;

export function createAccounts(deps: { store: AccountStore; mailer: Mailer; publicUrl: string; admins: string[]; now?: () => number }) {
  const now = deps.now ?? Date.now;
  const iso = (offsetMs = 0) => new Date(now() + offsetMs).toISOString();

  /** Sends a sign-in link to `email`, whoever owns it; `next` is where to land afterwards. */
  async function requestSignIn(input: { email: string; next: string; clientAddress: string }): Promise<void> {
    const email = checkedEmail(input.email);
    const buckets = [
      { bucket: `email:${email}`, limit: SIGN_IN.perEmailPerHour },
      { bucket: `ip:${input.clientAddress}`, limit: SIGN_IN.perIpPerHour },
    ];
    if (!deps.store.countEvent(buckets, iso(-60 * MINUTE), iso())) {
      throw new AppError('rate_limited', 'Too many sign-in links were asked for just now. Please wait an hour and try again.');
    }
    const token = randomToken();
    deps.store.saveToken(hashOf(token), email, safePath(input.next), iso(), iso(SIGN_IN.linkMinutes * MINUTE));
    const link = `${deps.publicUrl}/signin/link?token=${token}`;
    await deps.mailer.send(signInMail(email, link, SIGN_IN.linkMinutes, new URL(deps.publicUrl).host));
  }

  /** Uses a link's token: the account (made on first sign-in), a new session token and where to go. */
  function completeSignIn(token: string): { sessionToken: string; account: Account; next: string } {
    const used = deps.store.useToken(hashOf(token), iso());
    if (!used) throw new AppError('invalid', 'This sign-in link has expired or was already used. Ask for a new one.');
    const account = deps.store.accountFor(used.email, iso());
    const sessionToken = randomToken();
    deps.store.saveSession(hashOf(sessionToken), account.id, iso(), iso(SIGN_IN.sessionDays * 24 * 60 * MINUTE));
    return { sessionToken, account, next: used.nextPath };
  }

  function viewerOf(sessionToken: string | undefined): Viewer | null {
    if (!sessionToken) return null;
    const account = deps.store.sessionAccount(hashOf(sessionToken), iso());
    return account ? { account, isAdmin: deps.admins.includes(account.email) } : null;
  }

  return {
    requestSignIn,
    completeSignIn,
    viewerOf,
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
  const email = raw.trim().toLowerCase();
  if (email.length > 254 || !EMAIL.test(email)) throw new AppError('invalid', `"${raw.slice(0, 100)}" is not an e-mail address`);
  return email;
}

const HERE = 'http://paperboy.invalid';

/**
 * Only a path on this site, as a URL writes it: "//evil.example", "https://…" or "/\\evil" become "/".
 * The check is on the final path: parsing collapses dot segments ("/.//evil.example" is "//evil.example",
 * which a browser reads as another site) and turns backslashes into slashes.
 */
export function safePath(next: string): string {
  if (!next.startsWith('/')) return '/';
  try {
    const url = new URL(next, HERE);
    const path = `${url.pathname}${url.search}`;
    return url.origin === HERE && !path.startsWith('//') ? path : '/';
  } catch {
    return '/';
  }
}
