// URL parameters shared by pages, feeds and the API, read strictly: a wrong
// value is an "invalid" error that names the parameter.
import type { Context } from 'hono';
import { AppError } from '../errors.ts';
import { isTrendingWindow, TRENDING_WINDOWS, type TrendingWindow } from '../domain/trending.ts';

export function readWindow(value: string | undefined): TrendingWindow {
  if (!value) return 'day';
  if (isTrendingWindow(value)) return value;
  throw new AppError('invalid', `window: "${value}" is not one of ${TRENDING_WINDOWS.join(', ')}`);
}

/** Refuses query parameters a route does not read, so a misspelt filter is not silently ignored. */
export function refuseUnknownParameters(given: Record<string, string>, known: readonly string[]): void {
  const unknown = Object.keys(given).find((name) => !known.includes(name));
  if (unknown) throw new AppError('invalid', `${unknown}: not a parameter here; this takes ${known.join(', ') || 'no parameters'}`);
}

/** A posted form's text fields (a file field reads as absent). */
export async function formOf(c: Context): Promise<Record<string, string | undefined>> {
  const body = await c.req.parseBody();
  return Object.fromEntries(Object.entries(body).map(([name, value]) => [name, typeof value === 'string' ? value : undefined]));
}
