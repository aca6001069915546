// Reads papers for pages, feeds and the stats command.
import { abstractText } from './abstract-packing.ts';
import { bySql, type Sql } from './sql.ts';
import { linksFromStore, type PaperLink } from '../domain/links.ts';

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

const SUMMARY_COLUMNS = `id, title, authors, ${abstractText()} AS abstract, primary_category AS "primaryCategory", published_at AS "publishedAt"`;

export interface PaperReader {
  getPaper(id: string): Promise<PaperDetail | null>;
  stats(): Promise<StoreStats>;
  countPapers(): Promise<number>;
}

export function createPaperReader(sql: Sql): PaperReader {
  return {
    getPaper: createDetailReader(sql),
    stats: () => readStats(sql),
    countPapers: async () => (await sql.value<number>('SELECT count(*) FROM papers'))!,
  };
}

type SummaryRow = Omit<PaperSummary, 'authors'> & { authors: string };

function toSummary(row: unknown): PaperSummary {
  const summary = row as SummaryRow;
  return { ...summary, authors: JSON.parse(summary.authors) as string[] };
}

const DETAIL_SQL = {
  paper: `SELECT ${SUMMARY_COLUMNS}, version, updated_at AS "updatedAt", hidden_at AS "hiddenAt", merged_into AS "mergedInto", doi,
    journal_ref AS "journalRef", comments, license, links FROM papers WHERE id = ?`,
  categories: 'SELECT category FROM paper_categories WHERE paper_id = ? ORDER BY position',
  sources: 'SELECT source, first_seen_at AS "firstSeenAt" FROM paper_sources WHERE paper_id = ? ORDER BY first_seen_at',
};

type DetailRow = SummaryRow & Omit<PaperDetail, 'authors' | 'categories' | 'links' | 'sources'> & { links: string };

function createDetailReader(sql: Sql): (id: string) => Promise<PaperDetail | null> {
  return async (id) => {
    const [row, categories, sources] = await Promise.all([
      sql.get<DetailRow>(DETAIL_SQL.paper, [id]),
      sql.column<string>(DETAIL_SQL.categories, [id]),
      sql.all<PaperDetail['sources'][number]>(DETAIL_SQL.sources, [id]),
    ]);
    return row ? toDetail(row, categories, sources) : null;
  };
}

function toDetail(row: DetailRow, categories: string[], sources: PaperDetail['sources']): PaperDetail {
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
    links: linksFromStore(row.id, JSON.parse(row.links) as PaperLink[]),
    sources,
  };
}

const STATS_SQL = {
  papers: 'SELECT count(*) FROM papers',
  authors: {
    sqlite: 'SELECT count(DISTINCT author.value) FROM papers, json_each(papers.authors) AS author',
    postgres: 'SELECT count(DISTINCT author) FROM papers, jsonb_array_elements_text(papers.authors::jsonb) AS author',
  },
  codeLinks: {
    sqlite: "SELECT count(*) FROM papers, json_each(papers.links) AS link WHERE link.value ->> 'kind' = 'code'",
    postgres: "SELECT count(*) FROM papers, jsonb_array_elements(papers.links::jsonb) AS link WHERE link ->> 'kind' = 'code'",
  },
  bySource: 'SELECT source, count(*) AS n FROM paper_sources GROUP BY source ORDER BY source',
  newest: 'SELECT max(published_at) FROM papers',
};

async function readStats(sql: Sql): Promise<StoreStats> {
  const one = async (text: string) => (await sql.value<number>(text))!;
  const bySource = await sql.all<{ source: string; n: number }>(STATS_SQL.bySource);
  return {
    papers: await one(STATS_SQL.papers),
    authors: await one(bySql(sql, STATS_SQL.authors)),
    codeLinks: await one(bySql(sql, STATS_SQL.codeLinks)),
    bySource: Object.fromEntries(bySource.map((row) => [row.source, row.n])),
    newestPublishedAt: (await sql.value<string | null>(STATS_SQL.newest)) ?? null,
  };
}
