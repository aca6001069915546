// Keeps the index in step with its source: documents written (queued in
// lexicon_pending by the source's triggers) become new segments, built here or
// in a worker thread (indexer.ts), and segments of like size are merged, ten at
// a time, so a term has a few rows to read however the documents arrived.
// Tables (named when papers were the only documents, hence the column names): lexicon_segments,
// lexicon_postings, lexicon_papers (each document's segment and length).
import { decodePostings, encodePostings, FIELDS } from './postings.ts';
import { buildSegment, postingsAt, type PendingSegment } from './segment.ts';
import { immediateTransaction, pendingDocumentsSql, readPending, type Db, type TextSource } from './source.ts';
import { compareCodePoints } from '../domain/code-points.ts';

/** Segments merged at once, and the size ratio between tiers. */
const MERGE_FACTOR = 10;
/** Rows read per segment at a time while merging. */
const MERGE_PAGE = 2000;
/** Documents per new segment: writers wait for this many (or the end of their run); bounds a catch-up's memory. */
export const SEGMENT_DOCUMENTS = 10_000;

export function createIndexWriter(db: Db, source: TextSource) {
  const sql = {
    pending: db.prepare(pendingDocumentsSql(source)),
    // The documents of a segment as one JSON array of [seq, version, length]: set operations in SQLite, not a statement per document.
    leavers:
      db.prepare(`SELECT lp.segment, count(*) AS papers FROM json_each(@papers) j CROSS JOIN lexicon_papers lp ON lp.seq = j.value ->> 0
      WHERE lp.length > 0 GROUP BY lp.segment`),
    leaveSegment: db.prepare('UPDATE lexicon_segments SET papers = papers - @papers WHERE id = @segment'),
    placeDocuments: db.prepare(
      `INSERT OR REPLACE INTO lexicon_papers (seq, segment, length) SELECT j.value ->> 0, @segment, j.value ->> 2 FROM json_each(@papers) j`,
    ),
    clearPending: db.prepare(`DELETE FROM lexicon_pending WHERE seq IN (SELECT q.seq FROM json_each(@papers) j
      CROSS JOIN lexicon_pending q ON q.seq = j.value ->> 0 WHERE q.version = j.value ->> 1)`),
    addSegment: db.prepare('INSERT INTO lexicon_segments (indexed, papers) VALUES (0, 0)'),
    setSegmentSize: db.prepare('UPDATE lexicon_segments SET indexed = @papers, papers = @papers WHERE id = @segment'),
    addPostings: db.prepare('INSERT INTO lexicon_postings (term, segment, postings) VALUES (?, ?, ?)'),
    liveSizes: db.prepare('SELECT id, papers AS live FROM lexicon_segments'),
    liveDocuments: db.prepare('SELECT seq FROM lexicon_papers WHERE segment = ? AND length > 0').pluck(),
    segmentPage: db.prepare('SELECT term, postings FROM lexicon_postings WHERE segment = ? AND term > ? ORDER BY term LIMIT ?'),
    moveSegment: db.prepare('UPDATE lexicon_papers SET segment = ? WHERE segment = ?'),
    dropPostings: db.prepare('DELETE FROM lexicon_postings WHERE segment = ?'),
    dropSegment: db.prepare('DELETE FROM lexicon_segments WHERE id = ?'),
    pendingCount: db.prepare('SELECT count(*) FROM lexicon_pending').pluck(),
  };

  /** The next segment (up to SEGMENT_DOCUMENTS of the documents waiting, as stored now), built here. */
  function buildPending(): PendingSegment {
    const documents = readPending(sql.pending, SEGMENT_DOCUMENTS, source.fields.length);
    return { documents, built: buildSegment(documents) };
  }

  /**
   * Writes a segment built from documents waiting (here or by the worker), in one transaction, then merges.
   * A document changed since it was read keeps its place in the queue and is indexed again later.
   */
  function writeSegment({ documents, built }: PendingSegment): void {
    immediateTransaction(db, () => {
      const segment = Number(sql.addSegment.run().lastInsertRowid);
      // A document no longer stored is placed here with no postings: its old ones turn stale.
      const placed = JSON.stringify(documents.map((document, index) => [document.seq, document.version, built.lengths[index]]));
      for (const leaving of sql.leavers.all({ papers: placed })) sql.leaveSegment.run(leaving);
      sql.placeDocuments.run({ papers: placed, segment });
      sql.clearPending.run({ papers: placed });
      const live = built.lengths.filter((length) => length > 0).length;
      built.terms.forEach((term, index) => sql.addPostings.run(term, segment, postingsAt(built, index)));
      sql.setSegmentSize.run({ papers: live, segment });
      mergeTiers();
    });
  }

  /** Indexes every waiting document here and now; returns how many. */
  function indexPending(): number {
    let indexed = 0;
    for (let segment = buildPending(); segment.documents.length; segment = buildPending()) {
      writeSegment(segment);
      indexed += segment.documents.length;
    }
    return indexed;
  }

  /** Drops segments with no live document (segments count their live documents) and merges any tier holding MERGE_FACTOR segments. */
  function mergeTiers(): void {
    for (;;) {
      const tiers = new Map<number, number[]>();
      for (const { id, live } of sql.liveSizes.all() as { id: number; live: number }[]) {
        if (live === 0) {
          dropSegment(id);
          continue;
        }
        const tier = Math.floor(Math.log(live) / Math.log(MERGE_FACTOR));
        tiers.set(tier, [...(tiers.get(tier) ?? []), id]);
      }
      const full = [...tiers.values()].find((ids) => ids.length >= MERGE_FACTOR);
      if (!full) return;
      merge(full);
    }
  }

  function dropSegment(id: number): void {
    sql.dropPostings.run(id);
    sql.dropSegment.run(id);
  }

  /** One segment from several: term by term, the postings of documents still placed in them. */
  function merge(segments: number[]): void {
    const placed = new Map<number, number>();
    for (const segment of segments) for (const seq of sql.liveDocuments.all(segment) as number[]) placed.set(seq, segment);
    const target = Number(sql.addSegment.run().lastInsertRowid);
    const readers = segments.map((segment) => pagedTerms(segment));
    for (;;) {
      const heads = readers.map((reader) => reader.peek()).filter((head) => head !== null);
      if (!heads.length) break;
      const term = heads.reduce((least, head) => (compareCodePoints(head.term, least) < 0 ? head.term : least), heads[0]!.term);
      const seqs: number[] = [];
      const counts: number[] = [];
      readers.forEach((reader, index) => {
        if (reader.peek()?.term !== term) return;
        const { seqs: from, counts: fromCounts } = decodePostings(reader.take().postings);
        from.forEach((seq, at) => {
          if (placed.get(seq) !== segments[index]) return;
          seqs.push(seq);
          for (let field = 0; field < FIELDS; field++) counts.push(fromCounts[at * FIELDS + field]!);
        });
      });
      if (seqs.length) sql.addPostings.run(term, target, encodePostings(seqs, counts));
    }
    for (const segment of segments) {
      sql.moveSegment.run(target, segment);
      dropSegment(segment);
    }
    sql.setSegmentSize.run({ papers: placed.size, segment: target });
  }

  /** A segment's rows in term order, read a page at a time (no statement stays open while merged rows are written). */
  function pagedTerms(segment: number) {
    let page: { term: string; postings: Buffer }[] = [];
    let at = 0;
    let after = '';
    let done = false;
    const fill = () => {
      if (at < page.length || done) return;
      page = sql.segmentPage.all(segment, after, MERGE_PAGE) as typeof page;
      at = 0;
      done = page.length < MERGE_PAGE;
      if (page.length) after = page[page.length - 1]!.term;
    };
    return {
      peek: () => (fill(), page[at] ?? null),
      take: () => (fill(), page[at++]!),
    };
  }

  return { source, buildPending, writeSegment, indexPending, pendingCount: () => sql.pendingCount.get() as number };
}

export type IndexWriter = ReturnType<typeof createIndexWriter>;
