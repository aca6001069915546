// The queries of bench:scale: those of bench:search (text, author, a word in a
// common category), and the other filters and orders at scale: a common word
// in a rare category, a date window, papers with code, newest first, trending.
import { buildQueries, plainWords, seededRandom, type Query } from './queries.ts';
import type { ListingPaper } from './listing.ts';

export interface ScaleQuery {
  kind: Query['kind'] | 'rare_category' | 'dates' | 'has_code' | 'newest' | 'trending';
  text: string;
  sort?: 'newest' | 'trending';
}

const ARXIV_CATEGORY = /^[a-z-]+\.[A-Za-z-]+$/;

/** Categories of at least 20 papers but at most 0.3 % of them. */
function rareCategories(papers: ListingPaper[]): string[] {
  const counts = new Map<string, number>();
  for (const paper of papers) for (const category of paper.categories) counts.set(category, (counts.get(category) ?? 0) + 1);
  return [...counts]
    .filter(([category, count]) => ARXIV_CATEGORY.test(category) && count >= 20 && count <= papers.length * 0.003)
    .map(([category]) => category)
    .sort();
}

/** The most frequent words of the titles. */
function commonWords(papers: ListingPaper[], count: number): string[] {
  const counts = new Map<string, number>();
  for (const paper of papers) for (const word of plainWords(paper.title)) counts.set(word, (counts.get(word) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([word]) => word);
}

export function scaleQueries(papers: ListingPaper[], perKind = 40): ScaleQuery[] {
  const random = seededRandom(7);
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)]!;
  const keyword = () => pick(plainWords(pick(papers).title)) ?? 'model';
  const rare = rareCategories(papers);
  const common = commonWords(papers, 30);
  const queries: ScaleQuery[] = buildQueries(papers, perKind);
  for (let i = 0; i < perKind; i++) {
    const year = 2008 + Math.floor(random() * 18);
    const month = 1 + Math.floor(random() * 6);
    const from = `${year}-${String(month).padStart(2, '0')}-01`;
    const to = `${year}-${String(month + 6).padStart(2, '0')}-01`;
    queries.push(
      { kind: 'rare_category', text: `${pick(common)} cat:${pick(rare)}` },
      { kind: 'dates', text: `${keyword()} after:${from} before:${to}` },
      { kind: 'has_code', text: `${keyword()} has:code` },
      { kind: 'newest', text: keyword(), sort: 'newest' },
      { kind: 'trending', text: keyword(), sort: 'trending' },
    );
  }
  return queries;
}
