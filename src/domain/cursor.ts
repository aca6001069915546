// One cursor format for every paged list (search in each order, trending, a
// day's papers): base64url of JSON {list, after}. `list` names the list and its
// order; `after` is where the last page ended, an offset in a ranked list or a
// sort key and row for keyset pages. A cursor is good only for the list that gave it.
import { AppError } from '../errors.ts';

export type CursorPosition = { offset: number } | { key: number | string; seq: number };

/** A page of a list read by offset: where it starts, and the cursors to the pages around it. */
export interface OffsetPage {
  offset: number;
  nextCursor: string | null;
  previousCursor: string | null;
}

export function encodeCursor(list: string, after: CursorPosition): string {
  return Buffer.from(JSON.stringify({ list, after })).toString('base64url');
}

/** The offset a cursor of an offset list points to; 0 without one. */
export function offsetOf(cursor: string | null | undefined, list: string): number {
  if (!cursor) return 0;
  const after = positionIn(cursor, list);
  if (after && isOffset(after.offset)) return after.offset;
  throw invalidCursor(list);
}

/** The sort key and row a cursor of a keyset list points after. */
export function keysetOf(cursor: string, list: string): { key: number | string; seq: number } {
  const after = positionIn(cursor, list);
  if (after && (typeof after.key === 'number' || typeof after.key === 'string') && isOffset(after.seq))
    return { key: after.key, seq: after.seq };
  throw invalidCursor(list);
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
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { list?: unknown; after?: unknown } | null;
    return value?.list === list && value.after && typeof value.after === 'object' ? (value.after as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
