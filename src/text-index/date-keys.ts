// A document's date as the index keeps it beside its length: a whole number in
// the order of the date's text, so that searches check dates in memory exactly
// as SQL compares the text with a date like 2025-01-31 (`text >= '2025-01-31'`).
// Dates are stored as ISO times (domain/paper.ts, parseTime); a time of a year
// outside 0000-9999 starts with + or -, which sort before every digit.

/** No date (NULL): in no range of dates. */
export const NO_DATE = -1;
/** Text sorting before every date of four-digit years (+275760-09-13…, -000001-…). */
const BEFORE_DATES = 0;
/** Text sorting after them (never written; kept in order all the same). */
const AFTER_DATES = 100_000_000;

const DATE_START = /^(\d{4})-(\d{2})-(\d{2})/;

/** The key of a date's text (YYYYMMDD as a number, for text starting with a date like 2025-01-31). */
export function dateKey(text: string | null | undefined): number {
  if (text === null || text === undefined) return NO_DATE;
  const date = DATE_START.exec(text);
  if (date) return Number(date[1]) * 10_000 + Number(date[2]) * 100 + Number(date[3]);
  return text < '0' ? BEFORE_DATES : AFTER_DATES;
}

/** A range of dates given as text like 2025-01-31 (either end may be open), as keys: from `from` on, before `until`. */
export interface DateRange {
  from: number | null;
  until: number | null;
}

export function dateRange(after: string | null, before: string | null): DateRange {
  return { from: after === null ? null : dateKey(after), until: before === null ? null : dateKey(before) };
}

/** The documents whose key is in the range, in seq order, from `keys` by seq (NO_DATE for none, in no range). */
export function seqsInRange(keys: Int32Array, range: DateRange): Int32Array {
  const low = range.from ?? BEFORE_DATES;
  const high = range.until ?? AFTER_DATES + 1;
  let count = 0;
  for (let seq = 0; seq < keys.length; seq++) if (keys[seq]! >= low && keys[seq]! < high) count++;
  const seqs = new Int32Array(count);
  for (let seq = 0, at = 0; at < count; seq++) if (keys[seq]! >= low && keys[seq]! < high) seqs[at++] = seq;
  return seqs;
}
