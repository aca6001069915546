// Paper cards (summary, categories, code link, upvotes, stars, votes) and
// briefs (the same without abstract and categories) by id, as every listing
// shows them. Hidden papers are left out, so they vanish from every listing,
// search page and feed. Cards are remembered until the database changes.
import type { Db } from './open.ts';
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

// Papers, their signals and their categories are read by three flat queries over the same ids:
// correlated subqueries per paper cost twice as much.
const WANTED = 'IN (SELECT value FROM json_each(?))';
const BRIEF_SQL = `SELECT id, title, authors, published_at AS publishedAt, links FROM papers WHERE id ${WANTED} AND hidden_at IS NULL`;
const CARD_SQL = `SELECT id, title, authors, published_at AS publishedAt, links, abstract, primary_category AS primaryCategory FROM papers WHERE id ${WANTED} AND hidden_at IS NULL`;
const MAIL_SQL = `SELECT id, title, authors, abstract, links FROM papers WHERE id ${WANTED} AND hidden_at IS NULL`;
const VOTES_SQL = `SELECT paper_id, count(*) FROM votes WHERE paper_id ${WANTED} GROUP BY paper_id`;
/** In time order, so that the last value seen of each kind is the latest. */
const SIGNALS_SQL = `SELECT paper_id, name, value FROM paper_signals WHERE paper_id ${WANTED} AND name IN ('upvotes', 'github_stars', 'comments') ORDER BY observed_at`;
const CATEGORIES_SQL = `SELECT paper_id, category FROM paper_categories WHERE paper_id ${WANTED} ORDER BY paper_id, position`;

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
  cards(ids: readonly string[]): PaperCard[];
  /** Briefs in the order of `ids`, likewise: cheaper, for short lists. */
  briefs(ids: readonly string[]): PaperBrief[];
  /** The brief of one stored paper, hidden or not (for its own page). */
  paperBrief(id: string): PaperBrief;
  /** What a mail shows of papers (title, authors, abstract, code), in the order of `ids`; hidden ones left out. One query. */
  mailCards(ids: readonly string[]): DigestPaper[];
}

export function createCardReader(db: Db): CardReader {
  const remembered = rememberCards(createDataGeneration(db));
  const statements = {
    cards: db.prepare(CARD_SQL),
    briefs: db.prepare(BRIEF_SQL),
    brief: db.prepare('SELECT id, title, authors, published_at AS publishedAt, links FROM papers WHERE id = ?'),
    mail: db.prepare(MAIL_SQL),
    signals: db.prepare(SIGNALS_SQL).raw(),
    votes: db.prepare(VOTES_SQL).raw(),
    categories: db.prepare(CATEGORIES_SQL).raw(),
  };
  /** Latest upstream signals and local vote counts of the wanted papers. */
  function signalsOf(wanted: string): Signals {
    const signals: Signals = new Map();
    const rows = [
      ...(statements.signals.all(wanted) as [string, string, number][]),
      ...(statements.votes.all(wanted) as [string, number][]).map(([id, count]) => [id, 'votes', count] as const),
    ];
    for (const [id, name, value] of rows) signals.set(id, { ...signals.get(id), [name]: value });
    return signals;
  }
  function categoriesOf(wanted: string): Map<string, string[]> {
    const categories = new Map<string, string[]>();
    for (const [id, category] of statements.categories.all(wanted) as [string, string][])
      categories.set(id, [...(categories.get(id) ?? []), category]);
    return categories;
  }
  function briefs(ids: readonly string[]): PaperBrief[] {
    const wanted = JSON.stringify(ids);
    const signals = signalsOf(wanted);
    return inOrder(ids, statements.briefs.all(wanted) as BriefRow[], (row) => toBrief(row, signals));
  }
  function paperBrief(id: string): PaperBrief {
    const row = statements.brief.get(id) as BriefRow | undefined;
    if (!row) throw new Error(`paperBrief: no paper ${id}`);
    return toBrief(row, signalsOf(JSON.stringify([id])));
  }
  function cards(ids: readonly string[]): PaperCard[] {
    const wanted = JSON.stringify(ids);
    const [signals, categories] = [signalsOf(wanted), categoriesOf(wanted)];
    return inOrder(ids, statements.cards.all(wanted) as CardRow[], (row) => ({
      ...toBrief(row, signals),
      abstract: row.abstract,
      primaryCategory: row.primaryCategory,
      categories: categories.get(row.id) ?? [],
    }));
  }
  return {
    cards: (ids) => (ids.length ? remembered.cards(ids, cards) : []),
    briefs: (ids) => (ids.length ? briefs(ids) : []),
    paperBrief,
    mailCards: (ids) =>
      inOrder(ids, statements.mail.all(JSON.stringify(ids)) as (BriefRow & { abstract: string })[], (row) => ({
        id: row.id,
        title: row.title,
        authors: JSON.parse(row.authors) as string[],
        abstract: row.abstract,
        codeUrl: codeUrlOf(JSON.parse(row.links) as PaperLink[]),
      })),
  };
}

/** Listing pages show the same papers again and again: keep their cards until any write to the database. */
function rememberCards(generation: () => string) {
  const known = new Map<string, PaperCard>();
  let seenGeneration = '';
  return {
    cards(ids: readonly string[], read: (ids: readonly string[]) => PaperCard[]): PaperCard[] {
      const current = generation();
      if (current !== seenGeneration || known.size > REMEMBERED_CARDS) {
        known.clear();
        seenGeneration = current;
      }
      const missing = ids.filter((id) => !known.has(id));
      if (missing.length) for (const card of read(missing)) known.set(card.id, card);
      return ids.flatMap((id) => (known.has(id) ? [known.get(id)!] : []));
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
