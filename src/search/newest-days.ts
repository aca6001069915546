// Newest first among a few thousand papers without reading them all: their
// date keys (the index's, by seq) tell the day of each, and only the papers of
// the newest days go to SQL, which orders them exactly by their dates' text.
import { dateKey, NO_DATE } from '../text-index/date-keys.ts';
import type { SearchPosition } from '../db/search-store.ts';

/**
 * Of papers listed newest first after `position`, those whose rows must be read to find the next
 * `count` exactly: the papers of the newest days from the position's day back, whole days, enough
 * of them that `count` follow the position however the times of its own day fall.
 */
export function newestDays(seqs: readonly number[], keys: Int32Array, position: SearchPosition | null, count: number): number[] {
  const keyOf = (seq: number) => keys[seq] ?? NO_DATE;
  // The position's key is the newest-first order's: a date's text, or '' for a paper without one.
  const day = position === null ? Infinity : position.key === '' ? NO_DATE : dateKey(String(position.key));
  const byDay = seqs.filter((seq) => keyOf(seq) <= day).sort((a, b) => keyOf(b) - keyOf(a));
  let wanted = count;
  for (const seq of byDay) if (keyOf(seq) === day) wanted++;
  if (byDay.length <= wanted) return byDay;
  const lastDay = keyOf(byDay[wanted - 1]!);
  let end = wanted;
  while (end < byDay.length && keyOf(byDay[end]!) === lastDay) end++;
  return byDay.slice(0, end);
}
