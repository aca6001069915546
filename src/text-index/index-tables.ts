// The engine's storage adapter: the statements that write the index's tables
// (lexicon_segments, lexicon_postings, lexicon_papers, lexicon_pending), in each
// dialect where SQLite (JSON arrays) and PostgreSQL (arrays) spell them differently.
import { bySql, type Sql } from './sql.ts';

/** A segment's documents, in three parallel lists. */
export interface PlacedDocuments {
  seqs: number[];
  versions: number[];
  lengths: number[];
}

/** Rows of postings written in one statement on PostgreSQL (one round trip each). */
const POSTINGS_PER_STATEMENT = 2000;

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
  liveSizes: 'SELECT id, papers AS live FROM lexicon_segments ORDER BY id',
  liveDocuments: 'SELECT seq FROM lexicon_papers WHERE segment = ? AND length > 0',
  segmentPage: 'SELECT term, postings FROM lexicon_postings WHERE segment = ? AND term > ? ORDER BY term LIMIT ?',
  moveSegment: 'UPDATE lexicon_papers SET segment = @target WHERE segment = @segment',
  dropPostings: 'DELETE FROM lexicon_postings WHERE segment = ?',
  dropSegment: 'DELETE FROM lexicon_segments WHERE id = ?',
  pendingCount: 'SELECT count(*) FROM lexicon_pending',
  addPostings: 'INSERT INTO lexicon_postings (term, segment, postings) VALUES (?, ?, ?)',
  leavers: {
    sqlite: `SELECT lp.segment, count(*) AS papers FROM json_each(@seqs) j CROSS JOIN lexicon_papers lp ON lp.seq = j.value
      WHERE lp.length > 0 GROUP BY lp.segment`,
    postgres: `SELECT lp.segment, count(*) AS papers FROM unnest(@seqs::integer[]) AS j(seq) JOIN lexicon_papers lp ON lp.seq = j.seq
      WHERE lp.length > 0 GROUP BY lp.segment`,
  },
  place: {
    // One JSON list of [seq, length] pairs: joining two json_each lists by key would compare every pair.
    sqlite: `INSERT INTO lexicon_papers (seq, segment, length) SELECT value ->> 0, @segment, value ->> 1 FROM json_each(@pairs)
      WHERE true ON CONFLICT (seq) DO UPDATE SET segment = excluded.segment, length = excluded.length`,
    postgres: `INSERT INTO lexicon_papers (seq, segment, length) SELECT d.seq, @segment, d.length FROM unnest(@seqs::integer[], @lengths::integer[]) AS d(seq, length)
      ON CONFLICT (seq) DO UPDATE SET segment = excluded.segment, length = excluded.length`,
  },
  clearPending: {
    sqlite: `DELETE FROM lexicon_pending WHERE seq IN (SELECT q.seq FROM json_each(@pairs) p
      CROSS JOIN lexicon_pending q ON q.seq = p.value ->> 0 WHERE q.version = p.value ->> 1)`,
    postgres: `DELETE FROM lexicon_pending q USING unnest(@seqs::integer[], @versions::integer[]) AS d(seq, version)
      WHERE q.seq = d.seq AND q.version = d.version`,
  },
  addPostingsMany: `INSERT INTO lexicon_postings (term, segment, postings) SELECT t.term, @segment, t.postings
    FROM unnest(@terms::text[], @postings::bytea[]) AS t(term, postings)`,
};

export function indexTables(sql: Sql) {
  /** Writes a term's postings per row on SQLite (prepared, in-process), many rows per statement on PostgreSQL. */
  async function addPostings(segment: number, rows: { term: string; postings: Buffer }[]): Promise<void> {
    if (sql.dialect === 'sqlite') {
      for (const row of rows) await sql.run(SQL.addPostings, [row.term, segment, row.postings]);
      return;
    }
    for (let at = 0; at < rows.length; at += POSTINGS_PER_STATEMENT) {
      const chunk = rows.slice(at, at + POSTINGS_PER_STATEMENT);
      await sql.run(SQL.addPostingsMany, { segment, terms: chunk.map((row) => row.term), postings: chunk.map((row) => row.postings) });
    }
  }

  return {
    addSegment: async () => (await sql.value<number>(SQL.addSegment))!,
    setSegmentSize: (segment: number, papers: number) => sql.run(SQL.setSegmentSize, { segment, papers }),
    /** Places documents in `segment`; the segments they leave count them no more, their queue entries of the versions read go. */
    async place(segment: number, documents: PlacedDocuments): Promise<void> {
      for (const leaving of await sql.all<{ segment: number; papers: number }>(bySql(sql, SQL.leavers), documents))
        await sql.run(SQL.leaveSegment, leaving);
      const pairsOf = (values: readonly number[]) => documents.seqs.map((seq, index) => [seq, values[index]]);
      await sql.run(bySql(sql, SQL.place), { ...documents, segment, pairs: pairsOf(documents.lengths) });
      await sql.run(bySql(sql, SQL.clearPending), { ...documents, pairs: pairsOf(documents.versions) });
    },
    addPostings,
    liveSizes: () => sql.all<{ id: number; live: number }>(SQL.liveSizes),
    liveDocuments: (segment: number) => sql.column<number>(SQL.liveDocuments, [segment]),
    segmentPage: (segment: number, after: string, limit: number) =>
      sql.all<{ term: string; postings: Buffer }>(SQL.segmentPage, [segment, after, limit]),
    moveSegment: (segment: number, target: number) => sql.run(SQL.moveSegment, { segment, target }),
    async dropSegment(id: number): Promise<void> {
      await sql.run(SQL.dropPostings, [id]);
      await sql.run(SQL.dropSegment, [id]);
    },
    pendingCount: async () => (await sql.value<number>(SQL.pendingCount))!,
    /** Waits for other writers' transactions to end (see WRITERS_LOCK). */
    lockWriters: async () => void (await sql.value(bySql(sql, WRITERS_LOCK))),
  };
}
