// The readers of the recommendation benchmark, from the arXiv CS listing
// crawl: authors with enough papers before a cut-off month and at least one in
// it. A reader's history is their papers before the month; the papers to find
// are theirs in it; the candidates are every paper of the month. Months are
// those of arXiv ids, as paperboy dates the crawl's papers.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { SHARED_DATA, requireData } from './report.ts';

export interface ListedPaper {
  id: string;
  title: string;
  abstract: string;
  authors: string[];
  /** YYMM of its arXiv id. */
  month: string;
}

export interface BenchReader {
  name: string;
  history: string[];
  targets: string[];
}

export function loadListing(): { files: string[]; papers: ListedPaper[] } {
  const dir = requireData(join(SHARED_DATA, 'arxiv-cs-daily-listings'), 'the 74,728-paper arXiv CS listing crawl');
  const files = readdirSync(dir)
    .filter((file) => file.endsWith('.jsonl.gz'))
    .sort()
    .map((file) => join(dir, file));
  const byId = new Map<string, ListedPaper>();
  for (const file of files)
    for (const line of gunzipSync(readFileSync(file)).toString('utf8').split('\n')) {
      if (!line.trim()) continue;
      const record = JSON.parse(line) as { id: string; title: string; summary: string; authors: string[] };
      const month = /^(\d{4})\./.exec(record.id)?.[1] ?? '0000';
      byId.set(record.id, { id: record.id, title: record.title, abstract: record.summary, authors: record.authors, month });
    }
  return { files, papers: [...byId.values()] };
}

/** Readers with at least `minHistory` papers before `month` and one in it; `count` of them drawn with a fixed seed. */
export function drawReaders(papers: readonly ListedPaper[], month: string, minHistory: number, count: number, seed: number): BenchReader[] {
  const byAuthor = new Map<string, { history: string[]; targets: string[] }>();
  for (const paper of papers) {
    if (paper.month > month) continue;
    for (const name of new Set(paper.authors)) {
      const entry = byAuthor.get(name) ?? { history: [], targets: [] };
      (paper.month < month ? entry.history : entry.targets).push(paper.id);
      byAuthor.set(name, entry);
    }
  }
  const eligible = [...byAuthor]
    .filter(([, entry]) => entry.history.length >= minHistory && entry.targets.length > 0)
    .map(([name, entry]) => ({ name, ...entry }))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  return shuffled(eligible, seed).slice(0, count);
}

function shuffled<T>(items: T[], seed: number): T[] {
  let state = seed;
  const next = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 4294967296;
  };
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}
