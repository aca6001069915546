// The engine's storage adapter: the statements that write the index's tables
// (lexicon_segments, lexicon_postings, lexicon_papers, lexicon_pending), in each
// dialect where SQLite (JSON arrays) and PostgreSQL (arrays) spell them differently.
// In SQLite a term's postings are rows of parts that each fit in a page: a longer
// row spills onto overflow pages, whose last one is on average half empty, and a
// common term in every segment wasted 8 KB a time (a sixth of the index).
// PostgreSQL keeps long values out of line itself (TOAST): there a row is whole.
// The small terms of a segment (most of its terms) are kept many to a row, in
// packs (term-packs.ts), on both stores.
import { bySql, type Sql } from './sql.ts';
import { TermPacker, unpackTerms, type StoredPack } from './term-packs.ts';

/** A segment's documents, in parallel lists. */
export interface PlacedDocuments {
  seqs: number[];
  versions: number[];
  lengths: number[];
  /** Their dates' keys (date-keys.ts). */
  dateKeys: number[];
}

/** A segment's live documents: their seqs in order, and their lengths in the same order. */
export interface LiveDocuments {
  seqs: number[];
  lengths: number[];
}

/** Rows of postings written in one statement on PostgreSQL (one round trip each). */
const POSTINGS_PER_STATEMENT = 2000;
/** Room left in a part's row for its term and the row's own bytes (a key term may be 400 characters). */
const ROW_ROOM = 480;

/** A term's postings in one segment, as rows of parts hold them. */
export interface TermRow {
  term: string;
  postings: Buffer;
}

/** A segment, the documents it was written with and those of them still placed in it. */
export interface SegmentSize {
  id: number;
  indexed: number;
  live: number;
}

/** Rows in term order, a page of them, and where the next page starts. */
export interface TermPage {
  rows: TermRow[];
  more: boolean;
  /** The cursor the next page is read after. */
  next: string;
}

/** The largest part of postings that fits in a row of a SQLite table with pages of `pageSize` bytes (its payload's local room). */
export function partBytes(pageSize: number): number {
  const localRoom = Math.floor(((pageSize - 12) * 64) / 255) - 23;
  return Math.max(localRoom - ROW_ROOM, 64);
}

/** Rows in order of their parts as whole postings: the parts of each row (rows of one `rowOf`, side by side) joined, in order. */
export function joinParts<Row extends { postings: Buffer }>(rows: Row[], rowOf: (row: Row) => string | number): Row[] {
  const joined: Row[] = [];
  for (let at = 0; at < rows.length;) {
    let end = at + 1;
    while (end < rows.length && rowOf(rows[end]!) === rowOf(rows[at]!)) end++;
    joined.push(end === at + 1 ? rows[at]! : { ...rows[at]!, postings: Buffer.concat(rows.slice(at, end).map((row) => row.postings)) });
    at = end;
  }
  return joined;
}

/**
 * Writers of papers and of the index, in every process, one at a time, as SQLite has them:
 * PostgreSQL lets transactions write at once, and two would merge the same segments, or both
 * insert a paper the other has not committed yet. A lock held to the end of the transaction.
 */
export const WRITERS_LOCK = {
  sqlite: 'SELECT 1',
  postgres: 'SELECT pg_advisory_xact_lock(7265637)',
};

const SQL = {
  addSegment: 'INSERT INTO lexicon_segments (indexed, papers) VALUES (0, 0) RETURNING id',
  setSegmentSize: 'UPDATE lexicon_segments SET indexed = @papers, papers = @papers WHERE id = @segment',
  leaveSegment: 'UPDATE lexicon_segments SET papers = papers - @papers WHERE id = @segment',
  liveSizes: 'SELECT id, papers AS live, indexed FROM lexicon_segments ORDER BY id',
  liveSeqs: 'SELECT seq FROM lexicon_papers WHERE segment = ? AND length > 0 ORDER BY seq',
  liveLengths: 'SELECT length FROM lexicon_papers WHERE segment = ? AND length > 0 ORDER BY seq',
  segmentPage: 'SELECT term, part, postings FROM lexicon_postings WHERE segment = ? AND term > ? ORDER BY term, part LIMIT ?',
  laterParts: 'SELECT term, part, postings FROM lexicon_postings WHERE segment = ? AND term = ? AND part > ? ORDER BY part',
  pageSize: 'PRAGMA page_size',
  moveSegment: 'UPDATE lexicon_papers SET segment = @target WHERE segment = @segment',
  dropPostings: 'DELETE FROM lexicon_postings WHERE segment = ?',
  dropPacks: 'DELETE FROM lexicon_packs WHERE segment = ?',
  packPage: 'SELECT first_term, terms FROM lexicon_packs WHERE segment = ? AND first_term > ? ORDER BY first_term LIMIT ?',
  addPack: 'INSERT INTO lexicon_packs (segment, first_term, terms) VALUES (?, ?, ?)',
  dropSegment: 'DELETE FROM lexicon_segments WHERE id = ?',
  pendingCount: 'SELECT count(*) FROM lexicon_pending',
  addPostings: 'INSERT INTO lexicon_postings (term, segment, part, postings) VALUES (?, ?, ?, ?)',
  leavers: {
    sqlite: `SELECT lp.segment, count(*) AS papers FROM json_each(@seqs) j CROSS JOIN lexicon_papers lp ON lp.seq = j.value
      WHERE lp.length > 0 GROUP BY lp.segment`,
    postgres: `SELECT lp.segment, count(*) AS papers FROM unnest(@seqs::integer[]) AS j(seq) JOIN lexicon_papers lp ON lp.seq = j.seq
      WHERE lp.length > 0 GROUP BY lp.segment`,
  },
  place: {
    // One JSON list of [seq, length, date key] triples: joining json_each lists by key would compare every pair.
    sqlite: `INSERT INTO lexicon_papers (seq, segment, length, date_key) SELECT value ->> 0, @segment, value ->> 1, value ->> 2 FROM json_each(@triples)
      WHERE true ON CONFLICT (seq) DO UPDATE SET segment = excluded.segment, length = excluded.length, date_key = excluded.date_key`,
    postgres: `INSERT INTO lexicon_papers (seq, segment, length, date_key) SELECT d.seq, @segment, d.length, d.date_key
      FROM unnest(@seqs::integer[], @lengths::integer[], @dateKeys::integer[]) AS d(seq, length, date_key)
      ON CONFLICT (seq) DO UPDATE SET segment = excluded.segment, length = excluded.length, date_key = excluded.date_key`,
  },
  clearPending: {
    sqlite: `DELETE FROM lexicon_pending WHERE seq IN (SELECT q.seq FROM json_each(@pairs) p
      CROSS JOIN lexicon_pending q ON q.seq = p.value ->> 0 WHERE q.version = p.value ->> 1)`,
    postgres: `DELETE FROM lexicon_pending q USING unnest(@seqs::integer[], @versions::integer[]) AS d(seq, version)
      WHERE q.seq = d.seq AND q.version = d.version`,
  },
  addPostingsMany: `INSERT INTO lexicon_postings (term, segment, part, postings) SELECT t.term, @segment, 0, t.postings
    FROM unnest(@terms::text[], @postings::bytea[]) AS t(term, postings)`,
  addPacksMany: `INSERT INTO lexicon_packs (segment, first_term, terms) SELECT @segment, t.first, t.terms
    FROM unnest(@firsts::text[], @packs::bytea[]) AS t(first, terms)`,
};

/** Packs on PostgreSQL are as large as in a SQLite file of 16 KB pages. */
const POSTGRES_ROW_BYTES = partBytes(16384);

/** Rows written POSTINGS_PER_STATEMENT to a statement (PostgreSQL). */
async function inStatements<Row>(rows: Row[], write: (chunk: Row[]) => Promise<unknown>): Promise<void> {
  for (let at = 0; at < rows.length; at += POSTINGS_PER_STATEMENT) await write(rows.slice(at, at + POSTINGS_PER_STATEMENT));
}

export function indexTables(sql: Sql) {
  let rowSize: number | null = null;

  /** The most bytes of postings (or of a pack) a row holds: what fits in a page of the SQLite file (PostgreSQL: as in 16 KB pages). */
  async function rowBytes(): Promise<number> {
    rowSize ??= sql.dialect === 'sqlite' ? partBytes((await sql.value<number>(SQL.pageSize))!) : POSTGRES_ROW_BYTES;
    return rowSize;
  }

  /** Writes a term's postings in parts, a row each, on SQLite (prepared, in-process); many whole rows per statement on PostgreSQL. */
  async function addPostings(segment: number, rows: TermRow[]): Promise<void> {
    if (sql.dialect === 'sqlite') {
      const partSize = await rowBytes();
      for (const row of rows)
        for (let part = 0; part * partSize < row.postings.length; part++)
          await sql.run(SQL.addPostings, [row.term, segment, part, row.postings.subarray(part * partSize, (part + 1) * partSize)]);
      return;
    }
    await inStatements(rows, (chunk) =>
      sql.run(SQL.addPostingsMany, { segment, terms: chunk.map((row) => row.term), postings: chunk.map((row) => row.postings) }),
    );
  }

  async function addPacks(segment: number, packs: StoredPack[]): Promise<void> {
    if (sql.dialect === 'sqlite') {
      for (const pack of packs) await sql.run(SQL.addPack, [segment, pack.first, pack.terms]);
      return;
    }
    await inStatements(packs, (chunk) =>
      sql.run(SQL.addPacksMany, { segment, firsts: chunk.map((pack) => pack.first), packs: chunk.map((pack) => pack.terms) }),
    );
  }

  /** Writes a segment's terms, given in term order over any number of calls: small ones in packs, the others a row each. */
  async function termWriter(segment: number) {
    const packer = new TermPacker(await rowBytes());
    return {
      async add(rows: TermRow[]): Promise<void> {
        const own: TermRow[] = [];
        const packs: StoredPack[] = [];
        for (const row of rows) {
          if (!packer.isSmall(row.term, row.postings)) own.push(row);
          else {
            const closed = packer.add(row.term, row.postings);
            if (closed) packs.push(closed);
          }
        }
        await addPostings(segment, own);
        await addPacks(segment, packs);
      },
      /** Writes the last pack. */
      async finish(): Promise<void> {
        const last = packer.close();
        if (last) await addPacks(segment, [last]);
      },
    };
  }

  return {
    addSegment: async () => (await sql.value<number>(SQL.addSegment))!,
    setSegmentSize: (segment: number, papers: number) => sql.run(SQL.setSegmentSize, { segment, papers }),
    /** Places documents in `segment`; the segments they leave count them no more, their queue entries of the versions read go. */
    async place(segment: number, documents: PlacedDocuments): Promise<void> {
      for (const leaving of await sql.all<{ segment: number; papers: number }>(bySql(sql, SQL.leavers), documents))
        await sql.run(SQL.leaveSegment, leaving);
      const { seqs, lengths, dateKeys, versions } = documents;
      const triples = seqs.map((seq, index) => [seq, lengths[index], dateKeys[index]]);
      await sql.run(bySql(sql, SQL.place), { ...documents, segment, triples });
      await sql.run(bySql(sql, SQL.clearPending), { ...documents, pairs: seqs.map((seq, index) => [seq, versions[index]]) });
    },
    termWriter,
    liveSizes: () => sql.all<SegmentSize>(SQL.liveSizes),
    /**
     * The documents still placed in a segment and their lengths, as two lists in seq order: a merge
     * of a million documents holds two million numbers, not a million row objects (a quarter GB).
     */
    async liveDocuments(segment: number): Promise<LiveDocuments> {
      const seqs = await sql.column<number>(SQL.liveSeqs, [segment]);
      const lengths = await sql.column<number>(SQL.liveLengths, [segment]);
      return { seqs, lengths };
    },
    /** Up to about `limit` terms of a segment's own rows after `after`, in order, each whole; `more` when others follow. */
    async segmentPage(segment: number, after: string, limit: number): Promise<TermPage> {
      const rows = await sql.all<TermRow & { part: number }>(SQL.segmentPage, [segment, after, limit]);
      const more = rows.length === limit;
      // The page may end inside a term's parts: the rest of them come too.
      if (more) rows.push(...(await sql.all<TermRow & { part: number }>(SQL.laterParts, [segment, rows.at(-1)!.term, rows.at(-1)!.part])));
      return { rows: joinParts(rows, (row) => row.term), more, next: rows.at(-1)?.term ?? after };
    },
    /** The terms of up to `limit` packs of a segment after the pack starting with `after`, in order. */
    async packPage(segment: number, after: string, limit: number): Promise<TermPage> {
      const packs = await sql.all<{ first_term: string; terms: Buffer }>(SQL.packPage, [segment, after, limit]);
      return {
        rows: packs.flatMap((pack) => unpackTerms(pack.terms)),
        more: packs.length === limit,
        next: packs.at(-1)?.first_term ?? after,
      };
    },
    moveSegment: (segment: number, target: number) => sql.run(SQL.moveSegment, { segment, target }),
    async dropSegment(id: number): Promise<void> {
      await sql.run(SQL.dropPostings, [id]);
      await sql.run(SQL.dropPacks, [id]);
      await sql.run(SQL.dropSegment, [id]);
    },
    pendingCount: async () => (await sql.value<number>(SQL.pendingCount))!,
    /** Waits for other writers' transactions to end (see WRITERS_LOCK). */
    lockWriters: async () => void (await sql.value(bySql(sql, WRITERS_LOCK))),
  };
}
