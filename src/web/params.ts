// URL parameters shared by pages, feeds and the API, read strictly: a wrong
// value is an "invalid" error that names the parameter.
import { AppError } from '../errors.ts';
import { TRENDING_WINDOWS, type TrendingWindow } from '../domain/trending.ts';

export function readWindow(value: string | undefined): TrendingWindow {
  if (!value) return 'day';
  if ((TRENDING_WINDOWS as readonly string[]).includes(value)) return value as TrendingWindow;
  throw new AppError('invalid', `window: "${value}" is not one of ${TRENDING_WINDOWS.join(', ')}`);
}

export function readPage(value: string | undefined): number {
  if (!value) return 1;
  const page = Number(value);
  if (!/^\d+$/.test(value) || page < 1 || page > 10_000) throw new AppError('invalid', `page: "${value}" is not a page number`);
  return page;
}

/** Cursors of ranked lists (trending, daily) are positions in the list, opaque to clients. */
export function offsetCursor(offset: number): string {
  return Buffer.from(JSON.stringify({ offset })).toString('base64url');
}

export function readOffsetCursor(value: string | undefined): number {
  if (!value) return 0;
  let offset: unknown;
  try {
    offset = (JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as { offset?: unknown }).offset;
  } catch {
    offset = null;
  }
  if (typeof offset !== 'number' || !Number.isInteger(offset) || offset < 0) throw new AppError('invalid', 'cursor: not a cursor this list gave out; start again without one');
  return offset;
}

/** Refuses query parameters a route does not read, so a misspelt filter is not silently ignored. */
export function refuseUnknownParameters(given: Record<string, string>, known: readonly string[]): void {
  const unknown = Object.keys(given).find((name) => !known.includes(name));
  if (unknown) throw new AppError('invalid', `${unknown}: not a parameter here; this takes ${known.join(', ') || 'no parameters'}`);
}
