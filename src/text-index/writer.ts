// Keeps the index in step with its source: documents written (queued in
// lexicon_pending by the source's triggers) become new segments, built here or
// in a worker thread (indexer.ts), and segments of like size are merged, ten at
// a time, so a term has a few rows to read however the documents arrived.
// Tables (named when papers were the only documents, hence the column names): lexicon_segments,
// lexicon_postings, lexicon_papers (each document's segment, length and date key).
import { appendPlaced, FIELDS, postingsDocuments, type Postings } from './postings.ts';
import { encodePostings } from './postings-encoding.ts';
import { joinBlocks } from './postings-join.ts';
import { buildSegment, postingsAt, type PendingSegment } from './segment.ts';
import { impactSource, type ImpactSource } from './impacts.ts';
import {
  pendingChecksSql,
  pendingDocument,
  readPending,
  type PendingCheck,
  type PendingDocument,
  type StoredText,
  type TextSource,
} from './source.ts';
import { OfferedDocuments } from './offered-documents.ts';
import { NO_DATE } from './date-keys.ts';
import { indexTables, type SegmentSize, type TermPage, type TermRow } from './index-tables.ts';
import type { Sql } from './sql.ts';
import { compareCodePoints } from '../domain/code-points.ts';

/** Segments merged at once, and the size ratio between tiers. */
const MERGE_FACTOR = 10;
/** Rows read per segment at a time while merging (a common term's row in a segment of 100,000 papers is 100 KB or more). */
const MERGE_PAGE = 200;
/** About how many terms a pack holds: packs read at a time while merging are MERGE_PAGE / this. */
const PACKED_PER_PAGE = 20;
/** Documents per new segment: writers wait for this many (or the end of their run); bounds a catch-up's memory. */
export const SEGMENT_DOCUMENTS = 10_000;
/** Rows offered by their writer kept at most (OfferedDocuments): the documents of the segments written next. */
const OFFERS_KEPT = 3 * SEGMENT_DOCUMENTS;

export function createIndexWriter(sql: Sql, source: TextSource) {
  const offered = new OfferedDocuments(OFFERS_KEPT);

  /**
   * Up to SEGMENT_DOCUMENTS of the documents waiting after key `after` (0: all), in key order: as their
   * writer offered them when every one's row still holds its offer, else as stored now.
   */
  async function nextPending(after = 0): Promise<PendingDocument[]> {
    if (offered.size && source.checkColumn) {
      const waiting = await sql.all<PendingCheck>(pendingChecksSql(source), [after, SEGMENT_DOCUMENTS]);
      const stored = offered.takeAll(waiting);
      if (stored) return waiting.map(({ seq, version }, index) => pendingDocument(seq, version, stored[index]!, source));
    }
    return readPending(sql, source, SEGMENT_DOCUMENTS, after);
  }

  /** The next segment (nextPending's documents), built here. */
  async function buildPending(after = 0): Promise<PendingSegment> {
    const documents = await nextPending(after);
    return { documents, built: buildSegment(documents, source.weights) };
  }

  /**
   * Writes a segment built from documents waiting (here or by the worker), in one transaction, then merges.
   * A document changed since it was read keeps its place in the queue and is indexed again later.
   */
  async function writeSegment({ documents, built }: PendingSegment): Promise<void> {
    await sql.transaction(async (tx) => {
      const store = indexTables(tx);
      await store.lockWriters();
      const segment = await store.addSegment();
      // A document no longer stored is placed here with no postings: its old ones turn stale.
      const placed = {
        seqs: documents.map((document) => document.seq),
        versions: documents.map((document) => document.version),
        lengths: built.lengths,
        dateKeys: documents.map((document) => document.dateKey ?? NO_DATE),
      };
      await store.place(segment, placed);
      const live = built.lengths.filter((length) => length > 0).length;
      const terms = await store.termWriter(segment);
      await terms.add(built.terms.map((term, index) => ({ term, postings: postingsAt(built, index) })));
      await terms.finish();
      await store.setSegmentSize(segment, live);
      await mergeTiers(store, source.weights);
    });
  }

  /** Indexes every waiting document here and now; returns how many. */
  async function indexPending(): Promise<number> {
    let indexed = 0;
    for (let segment = await buildPending(); segment.documents.length; segment = await buildPending()) {
      await writeSegment(segment);
      indexed += segment.documents.length;
    }
    offered.clear();
    return indexed;
  }

  return {
    source,
    sql,
    nextPending,
    buildPending,
    writeSegment,
    indexPending,
    pendingCount: () => indexTables(sql).pendingCount(),
    /** Offers the row of key `seq`, just written with check value `checked` (TextSource.checkColumn), to be indexed unread. */
    offer: (seq: number, checked: unknown, stored: StoredText) => offered.offer(seq, checked, stored),
    /** Forgets the rows offered (once every document waiting is indexed). */
    forgetOffers: () => offered.clear(),
  };
}

export type IndexWriter = ReturnType<typeof createIndexWriter>;

type IndexTables = ReturnType<typeof indexTables>;

/** A segment holding a term (its index among those merged) and the term's postings there. */
interface Holder {
  index: number;
  postings: Buffer;
}

/**
 * A segment's tier: the order of magnitude of its live documents, rounded, so that ten of a tier
 * merge into the next one even when some of their documents went stale (rounded down, a merge of ten
 * segments of 100,000 that kept 999,000 stayed in their tier, and was merged again with the next nine).
 */
export function tierOf(live: number): number {
  return Math.round(Math.log(live) / Math.log(MERGE_FACTOR));
}

/** Drops segments with no live document (segments count their live documents) and merges any tier holding MERGE_FACTOR segments. */
async function mergeTiers(store: IndexTables, weights: readonly number[]): Promise<void> {
  for (;;) {
    const tiers = new Map<number, SegmentSize[]>();
    for (const segment of await store.liveSizes()) {
      if (segment.live === 0) {
        await store.dropSegment(segment.id);
        continue;
      }
      const tier = tierOf(segment.live);
      tiers.set(tier, [...(tiers.get(tier) ?? []), segment]);
    }
    const full = [...tiers.values()].find((segments) => segments.length >= MERGE_FACTOR);
    if (!full) return;
    await merge(store, full, weights);
  }
}

/**
 * One segment from several: term by term, the postings of documents still placed in them. A term only
 * clean segments hold (every document they were written with still placed in them) is copied as it is
 * stored when one holds it, and its lists joined by their blocks when they can be (postings-join.ts).
 */
async function merge(store: IndexTables, segments: SegmentSize[], weights: readonly number[]): Promise<void> {
  const { placed, lengthOf, clean, liveCount } = await placedDocuments(store, segments);
  const impacts = impactSource(weights, lengthOf, (seq) => lengthOf[seq]!);
  const target = await store.addSegment();
  const written = await store.termWriter(target);
  const readers = segments.map((segment) => segmentTerms(store, segment.id));
  let merged: TermRow[] = [];
  for (;;) {
    // Pages are read one after another (in a transaction every read goes through one connection), and only
    // when one runs out: the rest of the loop is plain code, which a merge of a million terms needs (an
    // iterator over the readers here, alive across an await, was an object and a result a reader a term).
    for (let index = 0; index < readers.length; index++) if (readers[index]!.waiting()) await readers[index]!.fill();
    const term = leastTerm(readers);
    if (term === null) break;
    const holders: Holder[] = [];
    readers.forEach((reader, index) => reader.head()?.term === term && holders.push({ index, postings: reader.take().postings }));
    const postings = joinTerm(holders, clean, placed, impacts);
    if (postings) merged.push({ term, postings });
    if (merged.length >= MERGE_PAGE) {
      await written.add(merged);
      merged = [];
    }
  }
  await written.add(merged);
  await written.finish();
  for (const { id } of segments) {
    await store.moveSegment(id, target);
    await store.dropSegment(id);
  }
  await store.setSegmentSize(target, liveCount);
}

/**
 * Which of the segments (its index + 1) each live document is placed in, and its length, by seq: a
 * byte and a number a seq, not a Map of a million entries; whether each segment is clean (every
 * document it was written with still placed in it); how many documents are live.
 */
async function placedDocuments(store: IndexTables, segments: SegmentSize[]) {
  const live = await Promise.all(segments.map((segment) => store.liveDocuments(segment.id)));
  const largest = live.reduce((most, { seqs }) => Math.max(most, seqs.at(-1) ?? 0), 0);
  const placed = new Uint8Array(largest + 1);
  const lengthOf = new Uint32Array(largest + 1);
  live.forEach(({ seqs, lengths }, index) =>
    seqs.forEach((seq, at) => {
      placed[seq] = index + 1;
      lengthOf[seq] = lengths[at]!;
    }),
  );
  return {
    placed,
    lengthOf,
    clean: segments.map((segment, index) => live[index]!.seqs.length === segment.indexed),
    liveCount: live.reduce((sum, { seqs }) => sum + seqs.length, 0),
  };
}

/** Where joinLive gathers a term's live postings: grown to the most a term has had, and used again for the next. */
let joining = { seqs: new Uint32Array(1024), counts: new Uint8Array(1024 * FIELDS) };

function roomToJoin(documents: number): Postings {
  if (joining.seqs.length < documents) joining = { seqs: new Uint32Array(documents), counts: new Uint8Array(documents * FIELDS) };
  return joining;
}

/** A term's postings in the segments holding it, of documents still placed there; null if none. */
function joinTerm(holders: Holder[], clean: boolean[], placed: Uint8Array, impacts: ImpactSource): Buffer | null {
  if (holders.every(({ index }) => clean[index])) {
    if (holders.length === 1) return holders[0]!.postings;
    const joined = joinBlocks(
      holders.map(({ postings }) => postings),
      impacts,
    );
    if (joined) return joined;
  }
  return joinLive(holders, placed, impacts);
}

/** A term's postings in the segments holding it (by index + 1 in `placed`), of documents still placed there, encoded; null if none. */
function joinLive(holders: Holder[], placed: Uint8Array, impacts: ImpactSource): Buffer | null {
  const { seqs, counts } = roomToJoin(holders.reduce((sum, { postings }) => sum + postingsDocuments(postings), 0));
  let live = 0;
  for (const { index, postings } of holders) live = appendPlaced(postings, placed, index + 1, seqs, counts, live);
  if (!live) return null;
  const joined = inSeqOrder({ seqs: seqs.subarray(0, live), counts: counts.subarray(0, live * FIELDS) });
  return encodePostings(joined.seqs, joined.counts, live, impacts);
}

/** The first of the readers' next terms; null when all are done. */
function leastTerm(readers: SegmentTerms[]): string | null {
  let least: string | null = null;
  for (const reader of readers) {
    const term = reader.head()?.term;
    if (term !== undefined && (least === null || compareCodePoints(term, least) < 0)) least = term;
  }
  return least;
}

/** Terms read a page at a time (no statement stays open while merged rows are written), in order. */
function paged(read: (after: string) => Promise<TermPage>) {
  let page: TermRow[] = [];
  let at = 0;
  let after = '';
  let done = false;
  return {
    /** Whether the next term is still to be read (by `fill`). */
    waiting: () => at >= page.length && !done,
    async fill(): Promise<void> {
      const next = await read(after);
      page = next.rows;
      at = 0;
      done = !next.more;
      after = next.next;
    },
    /** The next term, null at the end (when not waiting). */
    head: (): TermRow | null => page[at] ?? null,
    take: (): TermRow => page[at++]!,
  };
}

/** A segment's terms in order: those of its own rows and those of its packs, read side by side. */
function segmentTerms(store: IndexTables, segment: number) {
  const own = paged((after) => store.segmentPage(segment, after, MERGE_PAGE));
  const packed = paged((after) => store.packPage(segment, after, MERGE_PAGE / PACKED_PER_PAGE));
  /** The source whose next term comes first (when neither is waiting), found once a term. */
  let next: typeof own | null = null;
  const first = () => (next ??= earlier(own, packed));
  return {
    waiting: () => own.waiting() || packed.waiting(),
    async fill(): Promise<void> {
      next = null;
      // A page may end where the next holds nothing: read on until a term or the end.
      while (own.waiting()) await own.fill();
      while (packed.waiting()) await packed.fill();
    },
    head: () => first().head(),
    take: () => {
      const source = first();
      next = null;
      return source.take();
    },
  };
}

type SegmentTerms = ReturnType<typeof segmentTerms>;

/** Of two sources of terms (neither waiting), the one whose next term comes first. */
function earlier<T extends { head: () => TermRow | null }>(one: T, other: T): T {
  const mine = one.head();
  const theirs = other.head();
  return !theirs || (mine && compareCodePoints(mine.term, theirs.term) < 0) ? one : other;
}

/** Postings of distinct documents in seq order (a document indexed again sits in a later segment with an earlier seq). */
function inSeqOrder({ seqs, counts }: Postings): Postings {
  if (seqs.every((seq, index) => index === 0 || seqs[index - 1]! < seq)) return { seqs, counts };
  const order = Array.from(seqs.keys()).sort((a, b) => seqs[a]! - seqs[b]!);
  const sortedCounts = new Uint8Array(seqs.length * FIELDS);
  order.forEach((from, index) => sortedCounts.set(counts.subarray(from * FIELDS, (from + 1) * FIELDS), index * FIELDS));
  return { seqs: Uint32Array.from(order, (from) => seqs[from]!), counts: sortedCounts };
}
