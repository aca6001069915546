// One cursor format for every paged list (search in each order, trending, a
// day's papers): base64url of JSON {list, after, trail}. `list` names the list
// and its order; `after` is where the last page ended, an offset in a ranked
// list or a sort key and row for keyset pages; `trail` (keyset pages) where the
// pages before began, so that a page can link to the one before it. A cursor
// is good only for the list that gave it.
import { AppError } from '../errors.ts';

export type CursorPosition = { offset: number } | { key: number | string; seq: number };

/** A page of a list read by offset: where it starts, and the cursors to the pages around it. */
export interface OffsetPage {
  offset: number;
  nextCursor: string | null;
  previousCursor: string | null;
}

export type KeysetPosition = { key: number | string; seq: number };

/** Pages a trail remembers: from deeper pages, "previous" stops this many pages back. */
export const TRAIL_PAGES = 30;

export function encodeCursor(list: string, after: CursorPosition, trail: KeysetPosition[] = []): string {
  return Buffer.from(JSON.stringify(trail.length ? { list, after, trail: trail.slice(-TRAIL_PAGES) } : { list, after })).toString(
    'base64url',
  );
}

/** The cursors of the keyset pages after and before one that started at `at` (null: the first page) and ended at `last`. */
export function keysetCursors(
  list: string,
  at: { position: KeysetPosition; trail: KeysetPosition[] } | null,
  last: KeysetPosition | null,
): { nextCursor: string | null; previousCursor: string | null } {
  const trail = at ? [...at.trail, at.position] : [];
  const before = at?.trail ?? [];
  return {
    nextCursor: last ? encodeCursor(list, last, trail) : null,
    previousCursor: before.length ? encodeCursor(list, before.at(-1)!, before.slice(0, -1)) : null,
  };
}

/** The offset a cursor of an offset list points to; 0 without one. */
export function offsetOf(cursor: string | null | undefined, list: string): number {
  if (!cursor) return 0;
  const after = positionIn(cursor, list);
  if (after && isOffset(after.offset)) return after.offset;
  throw invalidCursor(list);
}

/** The position a cursor of a keyset list points after, and where the pages before began. */
export function keysetTrailOf(cursor: string, list: string): { position: KeysetPosition; trail: KeysetPosition[] } {
  const value = decoded(cursor, list);
  const position = asKeyset(value?.after);
  const trail = Array.isArray(value?.trail) ? value.trail.slice(-TRAIL_PAGES).map(asKeyset) : [];
  if (position && trail.every(Boolean)) return { position, trail: trail as KeysetPosition[] };
  throw invalidCursor(list);
}

function asKeyset(value: unknown): KeysetPosition | null {
  const after = value && typeof value === 'object' ? (value as Record<string, unknown>) : null;
  return after && (typeof after.key === 'number' || typeof after.key === 'string') && isOffset(after.seq)
    ? { key: after.key, seq: after.seq }
    : null;
}

function invalidCursor(list: string): AppError {
  return new AppError('invalid', `cursor: the cursor is not valid for this ${list.split(':')[0]} list; start again from the first page`);
}

/** The page of `limit` items from `offset` of a list of `total`, with cursors before and after. */
export function offsetPage(list: string, offset: number, limit: number, total: number): OffsetPage {
  return {
    offset,
    nextCursor: offset + limit < total ? encodeCursor(list, { offset: offset + limit }) : null,
    previousCursor: offset > 0 ? encodeCursor(list, { offset: Math.max(0, offset - limit) }) : null,
  };
}

function isOffset(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

/** The position a cursor holds when it was given out for `list`. */
function positionIn(cursor: string, list: string): Record<string, unknown> | null {
  const after = decoded(cursor, list)?.after;
  return after && typeof after === 'object' ? (after as Record<string, unknown>) : null;
}

function decoded(cursor: string, list: string): { after?: unknown; trail?: unknown } | null {
  if (cursor.length > 8_000) return null;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as {
      list?: unknown;
      after?: unknown;
      trail?: unknown;
    } | null;
    return value?.list === list ? value : null;
  } catch {
    return null;
  }
}
