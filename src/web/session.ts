// Who is asking, and proof that a form came from this site. The session
// cookie (HttpOnly, SameSite=Lax, Secure behind https) names a session; the
// CSRF cookie holds a random token that every state-changing request must
// repeat (form field "csrf" or header X-CSRF-Token), and a request from
// another origin is refused outright.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie, deleteCookie } from 'hono/cookie';
import { AppError } from '../errors.ts';
import type { Accounts, Viewer } from '../accounts/accounts.ts';

export const SESSION_COOKIE = 'paperboy_session';
export const CSRF_COOKIE = 'paperboy_csrf';

export type WebEnv = { Variables: { viewer: Viewer | null; csrf: string; clientAddress: string } };

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/**
 * RFC 8058: a mail client unsubscribes with a bare POST to the link in the List-Unsubscribe header,
 * without this site's cookies. The signed token in the path is the authority there, and it can only
 * unsubscribe the reader it was made for.
 */
const ONE_CLICK_UNSUBSCRIBE = /^\/unsubscribe\/[^/]+$/;

export function sessionMiddleware(accounts: Accounts, config: { publicUrl: string; trustProxy: number }): MiddlewareHandler<WebEnv> {
  const { publicUrl, trustProxy } = config;
  const secure = publicUrl.startsWith('https:');
  return async (c, next) => {
    c.set('clientAddress', clientAddressOf(c, trustProxy));
    c.set('viewer', await accounts.viewerOf(getCookie(c, SESSION_COOKIE)));
    let csrf = getCookie(c, CSRF_COOKIE);
    if (!csrf || !/^[\w-]{32}$/.test(csrf)) {
      csrf = randomBytes(24).toString('base64url');
      setCookie(c, CSRF_COOKIE, csrf, { path: '/', sameSite: 'Lax', secure, maxAge: 365 * 24 * 3600 });
    }
    c.set('csrf', csrf);
    if (!SAFE_METHODS.has(c.req.method) && !ONE_CLICK_UNSUBSCRIBE.test(c.req.path)) await checkCsrf(c, csrf, publicUrl);
    await next();
  };
}

async function checkCsrf(c: Context<WebEnv>, expected: string, publicUrl: string): Promise<void> {
  const origin = c.req.header('Origin');
  if (origin && origin !== new URL(c.req.url).origin && origin !== new URL(publicUrl).origin) {
    throw new AppError('forbidden', 'This request came from another site and was refused.');
  }
  const type = c.req.header('Content-Type') ?? '';
  const fromForm = /^(application\/x-www-form-urlencoded|multipart\/form-data)/.test(type) ? (await c.req.parseBody())['csrf'] : undefined;
  const given = c.req.header('X-CSRF-Token') ?? (typeof fromForm === 'string' ? fromForm : undefined);
  if (!given || !sameSecret(given, expected))
    throw new AppError('forbidden', 'This form has expired or did not come from this site. Reload the page and try again.');
}

/** Compares in constant time, so the token cannot be guessed a character at a time. */
function sameSecret(given: string, expected: string): boolean {
  const [a, b] = [Buffer.from(given), Buffer.from(expected)];
  return a.length === b.length && timingSafeEqual(a, b);
}

export function startSession(c: Context, token: string, publicUrl: string): void {
  setCookie(c, SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure: publicUrl.startsWith('https:'),
    maxAge: 30 * 24 * 3600,
  });
}

export function endSession(c: Context): string | undefined {
  const token = getCookie(c, SESSION_COOKIE);
  deleteCookie(c, SESSION_COOKIE, { path: '/' });
  return token;
}

/**
 * The address the request came from, for rate limits. Each proxy appends the address it saw to
 * X-Forwarded-For, and the client writes what it likes before them: behind `proxies` trusted
 * proxies the client is the entry that many from the right (the left-most when there are fewer).
 */
function clientAddressOf(c: Context, proxies: number): string {
  const socket = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming?.socket?.remoteAddress ?? 'unknown';
  if (!proxies) return socket;
  const entries = (c.req.header('X-Forwarded-For') ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  return entries[Math.max(0, entries.length - proxies)] ?? socket;
}

/** Requires a signed-in viewer. */
export function requireViewer(c: Context<WebEnv>): Viewer {
  const viewer = c.get('viewer');
  if (!viewer) throw new AppError('unauthorized', 'Sign in first.');
  return viewer;
}
