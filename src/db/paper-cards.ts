// Paper cards (summary, categories, code link, upvotes, stars, votes) and
// briefs (the same without abstract and categories) by id, as every listing
// shows them. Hidden papers are left out, so they vanish from every listing,
// search page and feed. Cards are remembered until the database changes.
import { abstractText } from './abstract-packing.ts';
import { inList, type Database, type Sql } from './sql.ts';
import type { PaperSummary } from './papers-read.ts';
import type { PaperLink } from '../domain/links.ts';
import { createDataGeneration } from './data-generation.ts';
import type { DigestPaper } from '../domain/digest-selection.ts';

export interface PaperBrief {
  id: string;
  title: string;
  authors: string[];
  publishedAt: string | null;
  codeUrl: string | null;
  /** Latest GitHub stars of the code repository, when a source reported them. */
  stars: number | null;
  /** Latest Hugging Face upvotes, when known. */
  upvotes: number | null;
  /** Votes of this hub's readers. */
  votes: number;
  /** Latest comment count on Hugging Face, when known. */
  comments: number | null;
}

export interface PaperCard extends PaperBrief, PaperSummary {
  categories: string[];
}

// Papers, their signals and their categories are read by flat queries over the same ids (@ids), all at
// once (on PostgreSQL, on as many connections): correlated subqueries per paper cost twice as much.
function statements(sql: Sql) {
  const wanted = inList(sql, '?');
  return {
    briefs: `SELECT id, title, authors, published_at AS "publishedAt", links FROM papers WHERE id ${wanted} AND hidden_at IS NULL`,
    cards: `SELECT id, title, authors, published_at AS "publishedAt", links, ${abstractText()} AS abstract, primary_category AS "primaryCategory"
      FROM papers WHERE id ${wanted} AND hidden_at IS NULL`,
    brief: 'SELECT id, title, authors, published_at AS "publishedAt", links FROM papers WHERE id = ?',
    mail: `SELECT id, title, authors, ${abstractText()} AS abstract, links FROM papers WHERE id ${wanted} AND hidden_at IS NULL`,
    votes: `SELECT paper_id AS id, 'votes' AS name, count(*) AS value FROM votes WHERE paper_id ${wanted} GROUP BY paper_id`,
    /** In time order, so that the last value seen of each kind is the latest. */
    signals: `SELECT paper_id AS id, name, value FROM paper_signals WHERE paper_id ${wanted} AND name IN ('upvotes', 'github_stars', 'comments')
      ORDER BY observed_at`,
    categories: `SELECT paper_id AS id, category FROM paper_categories WHERE paper_id ${wanted} ORDER BY paper_id, position`,
  };
}

interface BriefRow {
  id: string;
  title: string;
  authors: string;
  publishedAt: string | null;
  links: string;
}

interface CardRow extends BriefRow {
  abstract: string;
  primaryCategory: string | null;
}

type Signals = Map<string, { upvotes?: number; github_stars?: number; comments?: number; votes?: number }>;

/** Cards read since the database last changed, up to this many, are served from memory. */
export const REMEMBERED_CARDS = 5_000;

export interface CardReader {
  /** Cards in the order of `ids`; ids not stored (or hidden) are left out. */
  cards(ids: readonly string[]): Promise<PaperCard[]>;
  /** Briefs in the order of `ids`, likewise: cheaper, for short lists. */
  briefs(ids: readonly string[]): Promise<PaperBrief[]>;
  /** The brief of one stored paper, hidden or not (for its own page). */
  paperBrief(id: string): Promise<PaperBrief>;
  /** What a mail shows of papers (title, authors, abstract, code), in the order of `ids`; hidden ones left out. One query. */
  mailCards(ids: readonly string[]): Promise<DigestPaper[]>;
}

export function createCardReader(db: Database): CardReader {
  const remembered = rememberCards(createDataGeneration(db));
  const text = statements(db);
  /** Latest upstream signals and local vote counts of the wanted papers. */
  async function signalsOf(ids: readonly string[]): Promise<Signals> {
    const signals: Signals = new Map();
    const [upstream, votes] = await Promise.all([
      db.all<{ id: string; name: string; value: number }>(text.signals, [ids]),
      db.all<{ id: string; name: string; value: number }>(text.votes, [ids]),
    ]);
    for (const { id, name, value } of [...upstream, ...votes]) signals.set(id, { ...signals.get(id), [name]: value });
    return signals;
  }
  async function categoriesOf(ids: readonly string[]): Promise<Map<string, string[]>> {
    const categories = new Map<string, string[]>();
    for (const { id, category } of await db.all<{ id: string; category: string }>(text.categories, [ids]))
      categories.set(id, [...(categories.get(id) ?? []), category]);
    return categories;
  }
  async function briefs(ids: readonly string[]): Promise<PaperBrief[]> {
    const [signals, rows] = await Promise.all([signalsOf(ids), db.all<BriefRow>(text.briefs, [ids])]);
    return inOrder(ids, rows, (row) => toBrief(row, signals));
  }
  async function paperBrief(id: string): Promise<PaperBrief> {
    const [row, signals] = await Promise.all([db.get<BriefRow>(text.brief, [id]), signalsOf([id])]);
    if (!row) throw new Error(`paperBrief: no paper ${id}`);
    return toBrief(row, signals);
  }
  async function cards(ids: readonly string[]): Promise<PaperCard[]> {
    const [signals, categories, rows] = await Promise.all([signalsOf(ids), categoriesOf(ids), db.all<CardRow>(text.cards, [ids])]);
    return inOrder(ids, rows, (row) => ({
      ...toBrief(row, signals),
      abstract: row.abstract,
      primaryCategory: row.primaryCategory,
      categories: categories.get(row.id) ?? [],
    }));
  }
  return {
    cards: async (ids) => (ids.length ? remembered.cards(ids, cards) : []),
    briefs: async (ids) => (ids.length ? briefs(ids) : []),
    paperBrief,
    mailCards: async (ids) =>
      inOrder(ids, await db.all<BriefRow & { abstract: string }>(text.mail, [ids]), (row) => ({
        id: row.id,
        title: row.title,
        authors: JSON.parse(row.authors) as string[],
        abstract: row.abstract,
        codeUrl: codeUrlOf(JSON.parse(row.links) as PaperLink[]),
      })),
  };
}

/**
 * Listing pages show the same papers again and again: keep their cards until any write to the
 * database. Requests for the same missing cards at once (many readers of one new page) share one read.
 */
function rememberCards(generation: () => Promise<string>) {
  const known = new Map<string, PaperCard>();
  const reading = new Map<string, Promise<PaperCard[]>>();
  let seenGeneration = '';
  function readOnce(key: string, missing: readonly string[], read: (ids: readonly string[]) => Promise<PaperCard[]>): Promise<PaperCard[]> {
    let cards = reading.get(key);
    if (!cards) {
      cards = read(missing).finally(() => reading.delete(key));
      reading.set(key, cards);
    }
    return cards;
  }
  return {
    async cards(ids: readonly string[], read: (ids: readonly string[]) => Promise<PaperCard[]>): Promise<PaperCard[]> {
      const current = await generation();
      if (current !== seenGeneration || known.size > REMEMBERED_CARDS) {
        known.clear();
        seenGeneration = current;
      }
      const missing = ids.filter((id) => !known.has(id));
      if (!missing.length) return ids.map((id) => known.get(id)!);
      const cards = new Map((await readOnce(`${current} ${missing.join(' ')}`, missing, read)).map((card) => [card.id, card]));
      if (seenGeneration === current) for (const card of cards.values()) known.set(card.id, card);
      return ids.flatMap((id) => {
        const card = cards.get(id) ?? known.get(id);
        return card ? [card] : [];
      });
    },
  };
}

function codeUrlOf(links: PaperLink[]): string | null {
  return links.find((link) => link.kind === 'code')?.url ?? null;
}

function inOrder<Row extends { id: string }, T>(ids: readonly string[], rows: Row[], convert: (row: Row) => T): T[] {
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => (byId.has(id) ? [convert(byId.get(id)!)] : []));
}

function toBrief(row: BriefRow, signals: Signals): PaperBrief {
  const links = JSON.parse(row.links) as PaperLink[];
  const latest = signals.get(row.id);
  return {
    id: row.id,
    title: row.title,
    authors: JSON.parse(row.authors) as string[],
    publishedAt: row.publishedAt,
    codeUrl: codeUrlOf(links),
    stars: latest?.github_stars ?? null,
    upvotes: latest?.upvotes ?? null,
    votes: latest?.votes ?? 0,
    comments: latest?.comments ?? null,
  };
}
