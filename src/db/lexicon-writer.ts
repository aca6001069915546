// Keeps the ranking index in step with the papers: the papers written in a
// transaction (listed in lexicon_pending by triggers) become one new segment
// when it ends, and segments of like size are merged, ten at a time, so a term
// has a few rows to read however the papers arrived.
import type { Db } from './open.ts';
import { termsOf } from '../domain/terms.ts';
import { decodePostings, encodePostings, FIELDS } from './lexicon-postings.ts';

/** Segments merged at once, and the size ratio between tiers. */
const MERGE_FACTOR = 10;
/** Rows read per segment at a time while merging. */
const MERGE_PAGE = 2000;
/** Papers indexed per new segment at most: bounds the memory a large catch-up takes. */
const SEGMENT_PAPERS = 5000;

interface PendingPaper {
  seq: number;
  title: string | null;
  abstract: string | null;
  authors: string | null;
}

/** Postings being gathered for one segment, term by term. */
class SegmentBuilder {
  readonly terms = new Map<string, { seqs: number[]; counts: number[] }>();

  add(seq: number, fields: string[][]): void {
    fields.forEach((terms, field) => {
      for (const term of terms) {
        let entry = this.terms.get(term);
        if (!entry) this.terms.set(term, (entry = { seqs: [], counts: [] }));
        if (entry.seqs[entry.seqs.length - 1] !== seq) {
          entry.seqs.push(seq);
          for (let slot = 0; slot < FIELDS; slot++) entry.counts.push(0);
        }
        entry.counts[entry.counts.length - FIELDS + field]!++;
      }
    });
  }
}

export function createLexiconWriter(db: Db) {
  const sql = {
    pending: db.prepare(`SELECT q.seq, p.title, p.abstract, p.authors FROM lexicon_pending q LEFT JOIN papers p ON p.seq = q.seq ORDER BY q.seq LIMIT ?`),
    clearPending: db.prepare('DELETE FROM lexicon_pending WHERE seq <= ?'),
    addSegment: db.prepare('INSERT INTO lexicon_segments (indexed, papers) VALUES (0, 0)'),
    setSegmentSize: db.prepare('UPDATE lexicon_segments SET indexed = @papers, papers = @papers WHERE id = @segment'),
    placePaper: db.prepare('INSERT OR REPLACE INTO lexicon_papers (seq, segment, length) VALUES (?, ?, ?)'),
    addPostings: db.prepare('INSERT INTO lexicon_postings (term, segment, postings) VALUES (?, ?, ?)'),
    liveSizes: db.prepare('SELECT id, papers AS live FROM lexicon_segments'),
    placement: db.prepare('SELECT segment, length FROM lexicon_papers WHERE seq = ?'),
    leaveSegment: db.prepare('UPDATE lexicon_segments SET papers = papers - 1 WHERE id = ?'),
    livePapers: db.prepare('SELECT seq FROM lexicon_papers WHERE segment = ? AND length > 0').pluck(),
    segmentPage: db.prepare('SELECT term, postings FROM lexicon_postings WHERE segment = ? AND term > ? ORDER BY term LIMIT ?'),
    moveSegment: db.prepare('UPDATE lexicon_papers SET segment = ? WHERE segment = ?'),
    dropPostings: db.prepare('DELETE FROM lexicon_postings WHERE segment = ?'),
    dropSegment: db.prepare('DELETE FROM lexicon_segments WHERE id = ?'),
    pendingCount: db.prepare('SELECT count(*) FROM lexicon_pending').pluck(),
  };

  /** Indexes the pending papers in new segments, merging as it goes; returns how many. Call inside a transaction. */
  function indexPending(): number {
    let indexed = 0;
    for (;;) {
      const pending = sql.pending.all(SEGMENT_PAPERS) as PendingPaper[];
      if (!pending.length) return indexed;
      addSegment(pending);
      sql.clearPending.run(pending[pending.length - 1]!.seq);
      indexed += pending.length;
      mergeTiers();
    }
  }

  function addSegment(pending: PendingPaper[]): void {
    const segment = Number(sql.addSegment.run().lastInsertRowid);
    const builder = new SegmentBuilder();
    let live = 0;
    for (const paper of pending) {
      // A paper no longer stored is placed in this segment with no postings: its old ones turn stale.
      const fields = paper.title === null ? [] : [termsOf(paper.title), termsOf(paper.abstract ?? ''), termsOf(paper.authors ?? '')];
      const length = fields.reduce((sum, terms) => sum + terms.length, 0);
      builder.add(paper.seq, fields);
      const before = sql.placement.get(paper.seq) as { segment: number; length: number } | undefined;
      if (before && before.length > 0) sql.leaveSegment.run(before.segment);
      sql.placePaper.run(paper.seq, segment, length);
      if (length > 0) live++;
    }
    for (const [term, entry] of builder.terms) sql.addPostings.run(term, segment, encodePostings(entry.seqs, entry.counts));
    sql.setSegmentSize.run({ papers: live, segment });
  }

  /** Drops segments with no live paper (segments count their live papers) and merges any tier holding MERGE_FACTOR segments. */
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

  /** One segment from several: term by term, the postings of papers still placed in them. */
  function merge(segments: number[]): void {
    const placed = new Map<number, number>();
    for (const segment of segments) for (const seq of sql.livePapers.all(segment) as number[]) placed.set(seq, segment);
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

  return { indexPending, pendingCount: () => sql.pendingCount.get() as number };
}

export type LexiconWriter = ReturnType<typeof createLexiconWriter>;

/** SQLite orders TEXT by UTF-8 bytes, that is by code point; JavaScript's < compares UTF-16 units. */
export function compareCodePoints(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let index = 0; index < length; index++) {
    const x = a.codePointAt(index)!;
    const y = b.codePointAt(index)!;
    if (x !== y) return x - y;
    if (x > 0xffff) index++;
  }
  return a.length - b.length;
}
