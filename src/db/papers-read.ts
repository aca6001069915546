// Reads papers for pages, feeds and the stats command.
import type { Db } from './open.ts';
import type { PaperLink } from '../domain/links.ts';

export interface PaperSummary {
  id: string;
  title: string;
  authors: string[];
  abstract: string;
  primaryCategory: string | null;
  publishedAt: string | null;
}

export interface PaperDetail extends PaperSummary {
  version: number | null;
  /** When the latest version appeared, when the source says. */
  updatedAt: string | null;
  /** Set when admins hid the paper; mergedInto names the paper it duplicates. */
  hiddenAt: string | null;
  mergedInto: string | null;
  categories: string[];
  doi: string | null;
  journalRef: string | null;
  comments: string | null;
  license: string | null;
  links: PaperLink[];
  sources: { source: string; firstSeenAt: string }[];
}

export interface StoreStats {
  papers: number;
  authors: number;
  codeLinks: number;
  bySource: Record<string, number>;
  newestPublishedAt: string | null;
}

const SUMMARY_COLUMNS = 'id, title, authors, abstract, primary_category AS primaryCategory, published_at AS publishedAt';

export interface PaperReader {
  getPaper(id: string): PaperDetail | null;
  stats(): StoreStats;
  countPapers(): number;
}

export function createPaperReader(db: Db): PaperReader {
  const count = db.prepare('SELECT count(*) FROM papers').pluck();
  const getPaper = createDetailReader(db);
  return {
    getPaper,
    stats: () => readStats(db),
    countPapers: () => count.get() as number,
  };
}

type SummaryRow = Omit<PaperSummary, 'authors'> & { authors: string };

function toSummary(row: unknown): PaperSummary {
  const summary = row as SummaryRow;
  return { ...summary, authors: JSON.parse(summary.authors) as string[] };
}

function createDetailReader(db: Db): (id: string) => PaperDetail | null {
  const paper = db.prepare(
    `SELECT ${SUMMARY_COLUMNS}, version, updated_at AS updatedAt, hidden_at AS hiddenAt, merged_into AS mergedInto, doi, journal_ref AS journalRef, comments, license, links FROM papers WHERE id = ?`,
  );
  const categories = db.prepare('SELECT category FROM paper_categories WHERE paper_id = ? ORDER BY position').pluck();
  const sources = db.prepare('SELECT source, first_seen_at AS firstSeenAt FROM paper_sources WHERE paper_id = ? ORDER BY first_seen_at');
  return (id) => {
    const row = paper.get(id) as
      (SummaryRow & Omit<PaperDetail, 'authors' | 'categories' | 'links' | 'sources'> & { links: string }) | undefined;
    return row ? toDetail(row, categories.all(id) as string[], sources.all(id) as PaperDetail['sources']) : null;
  };
}

function toDetail(
  row: SummaryRow & Omit<PaperDetail, 'authors' | 'categories' | 'links' | 'sources'> & { links: string },
  categories: string[],
  sources: PaperDetail['sources'],
): PaperDetail {
  return {
    ...toSummary(row),
    version: row.version,
    updatedAt: row.updatedAt,
    hiddenAt: row.hiddenAt,
    mergedInto: row.mergedInto,
    doi: row.doi,
    journalRef: row.journalRef,
    comments: row.comments,
    license: row.license,
    categories,
    links: JSON.parse(row.links) as PaperLink[],
    sources,
  };
}

function readStats(db: Db): StoreStats {
  const one = (sql: string) => db.prepare(sql).pluck().get() as number;
  const bySource = db.prepare('SELECT source, count(*) AS n FROM paper_sources GROUP BY source ORDER BY source').all() as {
    source: string;
    n: number;
  }[];
  return {
    papers: one('SELECT count(*) FROM papers'),
    authors: one('SELECT count(DISTINCT author.value) FROM papers, json_each(papers.authors) AS author'),
    codeLinks: one("SELECT count(*) FROM papers, json_each(papers.links) AS link WHERE link.value ->> 'kind' = 'code'"),
    bySource: Object.fromEntries(bySource.map((row) => [row.source, row.n])),
    newestPublishedAt: db.prepare('SELECT max(published_at) FROM papers').pluck().get() as string | null,
  };
}
