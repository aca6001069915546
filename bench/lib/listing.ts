// The real papers of the arXiv CS listing crawl (74,728) in the shared data:
// the corpus of the search and ingest benchmarks, and the model of the
// synthetic papers of the scale runs.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { SHARED_DATA, requireData } from './report.ts';
import type { Doc } from './collections.ts';

export interface ListingPaper extends Doc {
  categories: string[];
  comment: string | null;
}

export function listingFiles(): string[] {
  const dir = requireData(join(SHARED_DATA, 'arxiv-cs-daily-listings'), 'the 74,728-paper arXiv CS listing crawl');
  return readdirSync(dir)
    .filter((file) => file.endsWith('.jsonl.gz'))
    .sort()
    .map((file) => join(dir, file));
}

/** The papers of the listing files (all of them unless told), read as the peers read them. */
export async function readListingPapers(files = listingFiles()): Promise<ListingPaper[]> {
  const { readLines } = await import('../../src/sources/files.ts');
  const papers: ListingPaper[] = [];
  for (const file of files) {
    for await (const line of readLines(file)) {
      const record = JSON.parse(line) as {
        id: string;
        title: string;
        summary: string;
        authors: string[];
        categories: string[];
        comment: string | null;
      };
      papers.push({
        id: record.id,
        title: record.title,
        text: record.summary,
        authors: record.authors,
        categories: record.categories,
        comment: record.comment,
      });
    }
  }
  return papers;
}
