// With read replicas, a reader who just voted, saved or changed preferences
// must see that on the next page, whichever web process serves it: a request
// that wrote leaves the primary's log position in a cookie, and the reader's
// next requests read only from a replica that has replayed that far (or from
// the primary). Without replicas this does nothing and sets no cookie.
import type { MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { Services } from '../services.ts';

export const READ_AFTER_COOKIE = 'paperboy_read_after';

/** Replicas replay within milliseconds; after this long the position no longer matters. */
const READ_AFTER_SECONDS = 600;

export function readYourWrites(reads: Services['reads'], publicUrl: string): MiddlewareHandler {
  const secure = publicUrl.startsWith('https:');
  return (c, next) =>
    reads.during(getCookie(c, READ_AFTER_COOKIE) ?? null, async (request) => {
      await next();
      const position = request.wrote ? await reads.position() : null;
      if (position)
        setCookie(c, READ_AFTER_COOKIE, position, { path: '/', httpOnly: true, sameSite: 'Lax', secure, maxAge: READ_AFTER_SECONDS });
    });
}
