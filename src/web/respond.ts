// Every successful response leaves through here: a strong ETag from the body,
// 304 when the client already has it, and the cache policy of its kind.
import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import type { JSX } from 'hono/jsx/jsx-runtime';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export const CACHE = {
  /** Feeds and API answers change as papers and signals arrive: revalidate each time (cheap with the ETag). */
  revalidate: 'no-cache',
  /** Pages also carry the viewer's account links and form tokens: the same, but for the browser's cache only. */
  personal: 'private, no-cache',
  /** Versioned static files never change under the same URL. */
  immutable: 'public, max-age=31536000, immutable',
  /** Static files asked for without their version. */
  short: 'public, max-age=300',
} as const;

export const TYPES = {
  html: 'text/html; charset=utf-8',
  json: 'application/json; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  rss: 'application/rss+xml; charset=utf-8',
} as const;

export function send(
  c: Context,
  body: string,
  type: string,
  cacheControl: string = CACHE.revalidate,
  status: ContentfulStatusCode = 200,
): Response {
  const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
  c.header('Cache-Control', cacheControl);
  c.header('ETag', etag);
  if (status === 200 && matches(c.req.header('If-None-Match'), etag)) return c.body(null, 304);
  c.header('Content-Type', type);
  return c.body(body, status);
}

export async function sendPage(c: Context, page: JSX.Element, status: ContentfulStatusCode = 200): Promise<Response> {
  return send(c, `<!doctype html>${await renderToString(page)}`, TYPES.html, CACHE.personal, status);
}

export async function renderToString(element: JSX.Element): Promise<string> {
  // Typed as a string, toString() is a promise when a component is async (a list reads its viewer's votes first).
  // eslint-disable-next-line @typescript-eslint/await-thenable
  return String(await element.toString());
}

export function sendJson(c: Context, value: unknown): Response {
  return send(c, JSON.stringify(value), TYPES.json);
}

function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.trim() === '*' || ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}
