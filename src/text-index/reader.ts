// Reads the index: each term's postings, and which segment holds each
// document, how long it is and its date's key, kept in memory and brought up to
// date from the segments written since (by this process or another one) before
// each search; with the database's change token, only when something was
// written since.
import { PostingList } from './postings.ts';
import type { Sql } from './sql.ts';
import { sharedJoin } from './bytes.ts';
import { postingsInPack, unpackTerms } from './term-packs.ts';
import { compareCodePoints } from '../domain/code-points.ts';
import { NO_DATE } from './date-keys.ts';

export interface SegmentPostings {
  list: PostingList;
  segment: number;
  /** Every posting counts: no document of the segment was indexed again since. */
  clean: boolean;
  /** How many of its documents are still placed in the segment, once counted (bm25.ts). */
  live?: number;
}

/** Memory for postings kept between searches, by default: bench:scale's 1,200 searches of 2.7 million papers need 300 to 500 MB. */
export const DEFAULT_POSTINGS_CACHE_BYTES = 512 * 1024 * 1024;

function bytesOf(lists: SegmentPostings[]): number {
  return lists.reduce((sum, { list }) => sum + list.bytes, 0);
}

const SQL = {
  newestSegment: 'SELECT coalesce(max(id), 0) FROM lexicon_segments',
  placedSince: 'SELECT seq, segment, length, date_key AS "dateKey" FROM lexicon_papers WHERE segment > ?',
  // Postings are keyed by segment, then term (no index by term: a new segment's rows are written side by
  // side), so a term is sought in each segment: its own rows, or else the pack that would hold it (the last
  // starting at or before it); one statement reads every segment as of one moment.
  // CROSS JOIN: SQLite keeps the segments outside (it would scan every posting otherwise). Rows are put in
  // order here rather than by ORDER BY, which copied every part into a sorter first (a term of 740 parts read
  // in 14 ms rather than 9).
  postings: `SELECT p.segment, p.part, p.postings, 0 AS packed FROM lexicon_segments s CROSS JOIN lexicon_postings p
      WHERE p.segment = s.id AND p.term = @term
    UNION ALL
    SELECT k.segment, 0, k.terms, 1 FROM lexicon_segments s CROSS JOIN lexicon_packs k
      WHERE k.segment = s.id AND k.first_term = (SELECT max(first_term) FROM lexicon_packs WHERE segment = s.id AND first_term <= @term)`,
  cleanSegments: 'SELECT id FROM lexicon_segments WHERE papers = indexed',
  segments: 'SELECT id FROM lexicon_segments ORDER BY id',
  termsFrom: 'SELECT term FROM lexicon_postings WHERE segment = ? AND term >= ? AND term < ? AND part = 0 ORDER BY term LIMIT ?',
  // The pack that may hold the first terms (the last starting at or before the prefix), and those after it.
  packsFrom: `SELECT terms FROM lexicon_packs WHERE segment = @segment AND first_term < @end
    AND first_term >= coalesce((SELECT max(first_term) FROM lexicon_packs WHERE segment = @segment AND first_term <= @prefix), '')
    ORDER BY first_term LIMIT @limit`,
};

/**
 * `changes` is the database's change token (Database.changes): while it stays the same, nothing is read to catch up.
 * `cacheBytes`: how much memory the most used postings may keep between searches.
 */
export function createIndexReader(sql: Sql, changes?: () => Promise<string>, cacheBytes = DEFAULT_POSTINGS_CACHE_BYTES) {
  /** Segments none of whose documents moved on: all their postings count. */
  let clean = new Set<number>();
  /** Postings read since the last change, by term. */
  const cache = new Map<string, SegmentPostings[]>();
  let cachedBytes = 0;
  let segmentOf: Int32Array = new Int32Array(0);
  let lengthOf: Uint32Array = new Uint32Array(0);
  let dateKeyOf: Int32Array = new Int32Array(0);
  let documents = 0;
  let totalLength = 0;
  let seenSegment = 0;
  let caughtUpAt: string | null = null;

  /**
   * Places the rows in new arrays, in memory shared with the ranking thread (parallel-ranking.ts): a ranking
   * under way keeps the arrays it was given, as of its postings.
   */
  function placeAll(rows: { seq: number; segment: number; length: number; dateKey: number }[]): void {
    if (!rows.length) return;
    const largest = rows.reduce((most, row) => Math.max(most, row.seq), 0);
    const size = largest < segmentOf.length ? segmentOf.length : Math.max(largest + 1, segmentOf.length * 2, 1024);
    segmentOf = copiedInto(segmentOf, new Int32Array(new SharedArrayBuffer(size * 4)));
    lengthOf = copiedInto(lengthOf, new Uint32Array(new SharedArrayBuffer(size * 4)));
    dateKeyOf = copiedInto(dateKeyOf, new Int32Array(size).fill(NO_DATE));
    for (const row of rows) place(row.seq, row.segment, row.length, row.dateKey);
  }

  function place(seq: number, segment: number, length: number, dateKey: number): void {
    if (lengthOf[seq]! > 0) {
      documents--;
      totalLength -= lengthOf[seq]!;
    }
    segmentOf[seq] = segment;
    lengthOf[seq] = length;
    dateKeyOf[seq] = length > 0 ? dateKey : NO_DATE;
    if (length > 0) {
      documents++;
      totalLength += length;
    }
  }

  /** Catches up with segments written since the last call (one catching up at a time). */
  let refreshing: Promise<void> | null = null;
  function refresh(): Promise<void> {
    refreshing ??= catchUp().finally(() => (refreshing = null));
    return refreshing;
  }

  async function catchUp(): Promise<void> {
    const token = changes ? await changes() : null;
    if (token !== null && token === caughtUpAt) return;
    await readSegmentsSince();
    caughtUpAt = token;
  }

  async function readSegmentsSince(): Promise<void> {
    const newest = (await sql.value<number>(SQL.newestSegment))!;
    if (newest <= seenSegment) return;
    const placed = await sql.all<{ seq: number; segment: number; length: number; dateKey: number }>(SQL.placedSince, [seenSegment]);
    const cleanNow = await sql.column<number>(SQL.cleanSegments);
    placeAll(placed);
    clean = new Set(cleanNow);
    cache.clear();
    cachedBytes = 0;
    seenSegment = Math.max(seenSegment, newest);
  }

  /** The term's postings in every segment; the most used stay in memory (segments never change, only new ones come). */
  async function postings(term: string): Promise<SegmentPostings[]> {
    const cached = cache.get(term);
    if (cached) {
      cache.delete(term);
      cache.set(term, cached);
      return cached;
    }
    const lists = (await segmentPostings(term)).map((row) => ({
      segment: row.segment,
      clean: clean.has(row.segment),
      list: new PostingList(row.postings),
    }));
    cachedBytes += bytesOf(lists);
    cache.set(term, lists);
    for (const [oldest, evicted] of cache) {
      if (cachedBytes <= cacheBytes) break;
      cache.delete(oldest);
      cachedBytes -= bytesOf(evicted);
    }
    return lists;
  }

  /**
   * Each term's postings (`postings`), `onRead` called with each term's as they are read. On SQLite, whose reads
   * are synchronous, one term after another, so that what `onRead` starts (counting on another thread) runs while
   * the next is read; elsewhere all at once, each its own round trip.
   */
  async function postingsOfEach(terms: string[], onRead: (lists: SegmentPostings[]) => void): Promise<SegmentPostings[][]> {
    const read = async (term: string) => {
      const lists = await postings(term);
      onRead(lists);
      return lists;
    };
    if (sql.dialect !== 'sqlite') return Promise.all(terms.map(read));
    const all: SegmentPostings[][] = [];
    for (const term of terms) all.push(await read(term));
    return all;
  }

  /**
   * The term's stored postings in each segment holding it, in segment order, each list's parts joined in memory
   * shared with the ranking thread (a pack's, copied out: a view would keep the whole pack in the cache).
   */
  async function segmentPostings(term: string): Promise<{ segment: number; postings: Uint8Array }[]> {
    const rows = await sql.all<{ segment: number; part: number; postings: Buffer; packed: number }>(SQL.postings, { term });
    const parts = new Map<number, Uint8Array[]>();
    for (const row of rows.sort((a, b) => a.segment - b.segment || a.part - b.part)) {
      const postings = row.packed ? postingsInPack(row.postings, term) : row.postings;
      if (!postings) continue;
      const pieces = parts.get(row.segment);
      if (pieces) pieces.push(postings);
      else parts.set(row.segment, [postings]);
    }
    return [...parts].map(([segment, pieces]) => ({ segment, postings: sharedJoin(pieces) }));
  }

  /** The documents a term (a key, say) is live in now, in seq order: the last `limit` of them (the latest written). */
  async function liveSeqs(term: string, limit: number): Promise<number[]> {
    const seqs: number[] = [];
    for (const { list, clean: isClean, segment } of await postings(term))
      for (const seq of list.seqs()) if (isClean || segmentOf[seq] === segment) seqs.push(seq);
    return seqs.sort((a, b) => a - b).slice(-Math.max(limit, 1));
  }

  /** Up to `limit` terms that start with `prefix`, in term order (some may hold only stale postings): each segment's first, merged. */
  async function termsStartingWith(prefix: string, limit: number): Promise<string[]> {
    const terms = new Set<string>();
    const end = `${prefix}\uffff`;
    for (const segment of await sql.column<number>(SQL.segments)) {
      for (const term of await sql.column<string>(SQL.termsFrom, [segment, prefix, end, limit])) terms.add(term);
      for (const pack of await sql.column<Buffer>(SQL.packsFrom, { segment, prefix, end, limit: limit + 1 }))
        for (const { term } of unpackTerms(pack)) if (term.startsWith(prefix)) terms.add(term);
    }
    return [...terms].sort(compareCodePoints).slice(0, limit);
  }

  return {
    refresh,
    postings,
    postingsOfEach,
    /** Each document's segment and length, by seq: a posting counts only in the document's own segment. */
    placements: () => ({ segmentOf, lengthOf }),
    /** Each document's date key (date-keys.ts) by seq, NO_DATE for none: call after refresh. */
    dateKeys: () => dateKeyOf,
    documents: () => documents,
    termsStartingWith,
    liveSeqs,
    averageLength: () => (documents ? totalLength / documents : 0),
  };
}

export type IndexReader = ReturnType<typeof createIndexReader>;

/** `into`, larger than `from`, with `from` copied to its start. */
function copiedInto<Array extends Int32Array | Uint32Array>(from: Array, into: Array): Array {
  into.set(from);
  return into;
}
