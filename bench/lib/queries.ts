// The search benchmarks' queries: a fixed, seeded set drawn from the real
// listing papers (title fragments, keywords, authors, a word with a category)
// and from SciFact's test claims.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHARED_DATA, requireData } from './report.ts';
import type { ListingPaper } from './listing.ts';

export interface Query {
  kind: 'claim' | 'title' | 'keywords' | 'author' | 'category';
  text: string;
}

/** The kinds that search by text alone (every engine answers them). */
export const TEXT_KINDS = ['claim', 'title', 'keywords'] as const;

/** A seeded stream of numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
}

/** Words of four letters or more, lower-cased. */
export const plainWords = (text: string) => text.toLowerCase().match(/[a-z]{4,}/g) ?? [];

/** `perKind` queries of each kind. */
export function buildQueries(papers: ListingPaper[], perKind: number): Query[] {
  const random = seededRandom(42);
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)]!;
  const claims = readFileSync(requireData(join(SHARED_DATA, 'beir-scifact/queries.jsonl'), 'BEIR SciFact'), 'utf8')
    .trim()
    .split('\n')
    .slice(0, perKind);
  const queries: Query[] = claims.map((line) => ({ kind: 'claim', text: (JSON.parse(line) as { text: string }).text }));
  for (let i = 0; i < perKind; i++) {
    const title = pick(papers).title.split(/\s+/);
    const start = Math.floor(random() * Math.max(1, title.length - 5));
    queries.push({ kind: 'title', text: title.slice(start, start + 3 + Math.floor(random() * 4)).join(' ') });
    queries.push({
      kind: 'keywords',
      text: Array.from({ length: 1 + (i % 3) }, () => pick(plainWords(pick(papers).title)) ?? 'model').join(' '),
    });
  }
  for (let i = 0; i < perKind; i++) {
    const paper = pick(papers);
    queries.push({ kind: 'author', text: `author:"${pick(paper.authors)}"` });
    queries.push({
      kind: 'category',
      text: `${pick(plainWords(paper.title)) ?? 'learning'} cat:${pick(['cs.CL', 'cs.CV', 'cs.LG', 'cs.AI', 'cs.RO'])}`,
    });
  }
  return queries;
}
