// How a paper already stored and a newly ingested record of it become one:
// the newer version wins; at the same version the more authoritative source
// wins; each side fills the other's gaps; links are the union.
import { hash } from 'node:crypto';
import { mergeLinks } from './links.ts';
import type { Paper, SourceName } from './paper.ts';

/** A paper as stored: the merged fields, and which source's metadata won. */
export type StoredPaper = Omit<Paper, 'source' | 'sourceId' | 'signals'> & { metadataSource: SourceName };

/** arXiv's own services are authoritative; mirrors and aggregators fill gaps. */
const SOURCE_RANK: Record<SourceName, number> = {
  'arxiv-api': 3,
  'arxiv-oai': 3,
  kaggle: 2,
  'arxiv-listing': 2,
  jsonl: 2,
  'hf-daily': 1,
};

export function toStored(paper: Paper): StoredPaper {
  const { source, sourceId: _sourceId, signals: _signals, ...fields } = paper;
  return { ...fields, metadataSource: source };
}

export function mergePaper(existing: StoredPaper, incoming: Paper): StoredPaper {
  const incomingWins = incomingTakesPrecedence(existing, incoming);
  const pick = <T>(mine: T, theirs: T): T => (incomingWins ? (present(theirs) ? theirs : mine) : present(mine) ? mine : theirs);
  const next = toStored(incoming);
  return {
    id: existing.id,
    version: maxVersion(existing.version, incoming.version),
    title: pick(existing.title, next.title),
    abstract: pick(existing.abstract, next.abstract),
    authors: pick(existing.authors, next.authors),
    primaryCategory: pick(existing.primaryCategory, next.primaryCategory),
    categories: pick(existing.categories, next.categories),
    publishedAt: pick(existing.publishedAt, next.publishedAt),
    updatedAt: pick(existing.updatedAt, next.updatedAt),
    doi: pick(existing.doi, next.doi),
    journalRef: pick(existing.journalRef, next.journalRef),
    comments: pick(existing.comments, next.comments),
    license: pick(existing.license, next.license),
    links: incomingWins ? mergeLinks(next.links, existing.links) : mergeLinks(existing.links, next.links),
    metadataSource: incomingWins ? incoming.source : existing.metadataSource,
  };
}

function incomingTakesPrecedence(existing: StoredPaper, incoming: Paper): boolean {
  // A record that does not know its version is taken to describe the stored one.
  const incomingVersion = incoming.version ?? existing.version ?? 0;
  const existingVersion = existing.version ?? 0;
  if (incomingVersion !== existingVersion) return incomingVersion > existingVersion;
  return SOURCE_RANK[incoming.source] >= SOURCE_RANK[existing.metadataSource];
}

function present(value: unknown): boolean {
  if (value == null || value === '') return false;
  return !Array.isArray(value) || value.length > 0;
}

function maxVersion(a: number | null, b: number | null): number | null {
  if (a == null) return b;
  if (b == null) return a;
  return Math.max(a, b);
}

/** A fingerprint of everything shown about a paper, to tell "unchanged" cheaply. */
export function hashPaper(paper: StoredPaper): string {
  return hash('sha1', JSON.stringify(paper), 'base64url');
}
