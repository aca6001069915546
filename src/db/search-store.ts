// The SQL of search: newest-first pages (in a query's dates), and the rows of
// shown papers. Ranking by relevance, and which papers hold a query's words,
// phrases, categories and code or are in its dates, are the search feature's,
// over the text index.
import { abstractText } from './abstract-packing.ts';
import { bySql, inList, type Sql } from './sql.ts';
import type { ParsedQuery } from '../domain/query.ts';

/** Where a page ended: the sort key and the row of its last hit. */
export interface SearchPosition {
  key: number | string;
  seq: number;
}

/** A paper's row as search shows it, with its place in the order and the query's words marked. */
export interface IndexHit {
  seq: number;
  id: string;
  title: string;
  authors: string;
  abstract: string;
  primaryCategory: string | null;
  publishedAt: string | null;
  hasCode: number;
  score: number;
  sortKey: number | string;
  markedTitle: string | null;
  markedAbstract: string | null;
}

/** A page of papers in order: which, and the key they were sorted by. */
export type PageEntry = Pick<IndexHit, 'seq' | 'score' | 'sortKey'>;

export type PaperRow = Omit<IndexHit, 'score' | 'sortKey' | 'markedTitle' | 'markedAbstract'>;

const COLUMNS = `p.seq, p.id, p.title, p.authors, ${abstractText('p.abstract')} AS abstract, p.primary_category AS "primaryCategory", p.published_at AS "publishedAt", p.has_code AS "hasCode"`;
const NEWEST_KEY = "coalesce(p.published_at, '')";
/** After the keyset position (@key, @seq) of the newest-first order; typed, as PostgreSQL cannot tell a NULL's type. */
const AFTER_POSITION = `(CAST(@seq AS INTEGER) IS NULL OR ${NEWEST_KEY} < CAST(@key AS TEXT) OR (${NEWEST_KEY} = CAST(@key AS TEXT) AND p.seq < CAST(@seq AS INTEGER)))`;

/**
 * The few hidden papers, through their partial index: without the hint SQLite's planner scans
 * the covering index of papers by day (which holds hidden_at) instead, 1.6 ms against 0.01 ms.
 */
const HIDDEN = {
  sqlite: 'SELECT seq FROM papers INDEXED BY papers_hidden WHERE hidden_at IS NOT NULL',
  postgres: 'SELECT seq FROM papers WHERE hidden_at IS NOT NULL',
};

export function createSearchStore(sql: Sql) {
  // Search SQL comes in a few shapes (filters present or not, sort); each is prepared once (by the connection), not per query.

  /** Hidden and merged papers, left out of every search (a few, from a partial index). */
  async function hiddenSeqs(): Promise<Set<number>> {
    return new Set(await sql.column<number>(bySql(sql, HIDDEN)));
  }

  /**
   * Newest first among the given papers (every paper when null), after `after`. Which papers are
   * shown and in the query's dates the caller checks (search/paper-checks.ts): every paper is read
   * from the order's index alone (papers_newest, its date and seq), from the newest, no row read.
   */
  function newestAmong(seqs: readonly number[] | null, after: SearchPosition | null, limit: number): Promise<PageEntry[]> {
    const among = seqs ? `p.seq ${inList(sql, '@seqs')}` : '1=1';
    const text = `SELECT p.seq, 0 AS score, ${NEWEST_KEY} AS "sortKey" FROM papers p
      WHERE ${among} AND ${AFTER_POSITION}
      ORDER BY ${NEWEST_KEY} DESC, p.seq DESC LIMIT @limit`;
    return sql.all<PageEntry>(text, { ...position(after), limit, ...(seqs ? { seqs } : {}) });
  }

  /** Nothing to hold (no words, categories or code): the newest papers shown in the query's dates. */
  function newestPassing(query: ParsedQuery, after: SearchPosition | null, limit: number): Promise<PageEntry[]> {
    const text = `SELECT p.seq, 0 AS score, ${NEWEST_KEY} AS "sortKey" FROM papers p
      WHERE p.hidden_at IS NULL AND ${filters(query) ?? '1=1'} AND ${AFTER_POSITION}
      ORDER BY ${NEWEST_KEY} DESC, p.seq DESC LIMIT @limit`;
    return sql.all<PageEntry>(text, params(query, after, limit));
  }

  /** Rows of shown papers, by seq. */
  function rowsBySeq(seqs: number[]): Promise<PaperRow[]> {
    return sql.all<PaperRow>(`SELECT ${COLUMNS} FROM papers p WHERE p.seq ${inList(sql, '?')} AND p.hidden_at IS NULL`, [seqs]);
  }

  /** The ids of the shown papers among `seqs`, by seq (no other column read). */
  async function shownIds(seqs: number[]): Promise<Map<number, string>> {
    const rows = await sql.all<{ seq: number; id: string }>(
      `SELECT seq, id FROM papers WHERE seq ${inList(sql, '?')} AND hidden_at IS NULL`,
      [seqs],
    );
    return new Map(rows.map((row) => [row.seq, row.id]));
  }

  /** A paper's text, for "more like this". */
  function paperText(id: string): Promise<{ seq: number; title: string; abstract: string } | undefined> {
    return sql.get(`SELECT seq, title, ${abstractText()} AS abstract FROM papers WHERE id = ?`, [id]);
  }

  async function paperCount(): Promise<number> {
    return (await sql.value<number>('SELECT count(*) FROM papers'))!;
  }

  return { hiddenSeqs, newestAmong, newestPassing, rowsBySeq, shownIds, paperText, paperCount };
}

export type SearchStore = ReturnType<typeof createSearchStore>;

/** The date conditions on papers p, or null when the query has none. */
function filters(query: ParsedQuery): string | null {
  const clauses = [];
  if (query.after) clauses.push('p.published_at >= @after');
  if (query.before) clauses.push('p.published_at < @before');
  return clauses.length ? clauses.join(' AND ') : null;
}

function position(after: SearchPosition | null) {
  return { key: after?.key ?? null, seq: after?.seq ?? null };
}

function params(query: ParsedQuery, after: SearchPosition | null, limit: number) {
  return { after: query.after, before: query.before, ...position(after), limit };
}
