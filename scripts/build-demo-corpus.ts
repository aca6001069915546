// Rebuilds demo/ from the shared datasets: the newest real CS papers of the
// arXiv listing crawl plus every speech and audio paper in it (so the demo has
// more than one field in depth), each with its listing day as the published
// date, and the Hugging Face daily papers reduced to paper fields, upvotes and
// GitHub links.
// Run: node --import tsx scripts/build-demo-corpus.ts [SHARED_DATA_DIR]
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { join } from 'node:path';

const DATA = process.argv[2] ?? new URL('../../shared/data', import.meta.url).pathname;
const NEWEST = 3000;
const ALSO = new Set(['cs.SD', 'eess.AS']);

type Listed = { id: string; categories: string[]; published: string };

function listingPapers(): Listed[] {
  const manifest = readFileSync(join(DATA, 'arxiv-cs-daily-listings/manifest.tsv'), 'utf8').trim().split('\n').slice(1);
  const months = [...new Set(manifest.map((row) => row.slice(0, 7)))];
  const papers: Listed[] = [];
  for (const month of months) {
    const lines = gunzipSync(readFileSync(join(DATA, `arxiv-cs-daily-listings/listing-${month}.jsonl.gz`)))
      .toString('utf8')
      .trim()
      .split('\n');
    // The file holds each day's new papers in day order; the manifest says how many per day.
    let next = 0;
    for (const row of manifest.filter((line) => line.startsWith(month))) {
      const [day, , kept] = row.split('\t');
      for (const line of lines.slice(next, next + Number(kept))) papers.push({ ...JSON.parse(line), published: `${day}T00:00:00Z` });
      next += Number(kept);
    }
  }
  const newest = papers.slice(-NEWEST);
  const audio = papers.slice(0, -NEWEST).filter((paper) => paper.categories.some((category) => ALSO.has(category)));
  return [...audio, ...newest];
}

function hfEntries(): object[] {
  const dirs = ['raw-2024-03', 'reserialized-2024-2026'].map((dir) => join(DATA, 'hf-daily-papers-api', dir));
  const entries: object[] = [];
  for (const dir of dirs) {
    for (const file of readdirSync(dir).sort()) {
      for (const entry of JSON.parse(readFileSync(join(dir, file), 'utf8'))) entries.push(reduceHfEntry(entry));
    }
  }
  return entries;
}

/** Keeps paper fields, upvotes, comment counts and links; drops every username, avatar and submitter. */
function reduceHfEntry(entry: { paper: Record<string, unknown>; publishedAt?: string; numComments?: number }) {
  const p = entry.paper;
  return {
    paper: {
      id: p.id,
      title: p.title,
      summary: p.summary,
      authors: (p.authors as { name: string }[]).map((author) => ({ name: author.name })),
      publishedAt: p.publishedAt,
      submittedOnDailyAt: p.submittedOnDailyAt,
      upvotes: p.upvotes,
      githubRepo: p.githubRepo ?? null,
      githubStars: p.githubStars ?? null,
      projectPage: p.projectPage ?? null,
    },
    publishedAt: entry.publishedAt,
    numComments: entry.numComments,
  };
}

const papers = listingPapers();
writeFileSync('demo/papers.jsonl.gz', gzipSync(papers.map((paper) => JSON.stringify(paper)).join('\n') + '\n', { level: 9 }));
const entries = hfEntries();
writeFileSync('demo/hf-daily.json.gz', gzipSync(JSON.stringify(entries), { level: 9 }));
console.log(`demo/papers.jsonl.gz: ${papers.length} papers; demo/hf-daily.json.gz: ${entries.length} entries`);
