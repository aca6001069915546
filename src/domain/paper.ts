// The paper record every source produces and the store keeps, and the
// validation that turns a parser's raw fields into one.
import { canonicalId, parseArxivId } from './ids.ts';
import { cleanLine, cleanName, cleanText } from './text.ts';
import { arxivLinks, extractLinks, mergeLinks, type PaperLink } from './links.ts';

export type { PaperLink };

export type SourceName = 'arxiv-oai' | 'arxiv-api' | 'kaggle' | 'hf-daily' | 'arxiv-listing' | 'jsonl';

export interface Signal {
  name: 'upvotes' | 'github_stars' | 'comments';
  value: number;
  observedAt: string;
}

export interface Paper {
  id: string;
  version: number | null;
  title: string;
  abstract: string;
  authors: string[];
  primaryCategory: string | null;
  categories: string[];
  publishedAt: string | null;
  updatedAt: string | null;
  doi: string | null;
  journalRef: string | null;
  comments: string | null;
  license: string | null;
  links: PaperLink[];
  source: SourceName;
  sourceId: string;
  signals: Signal[];
}

/** What a parser hands over: loosely typed fields straight from upstream. */
export interface RawPaper {
  source: SourceName;
  sourceId: string;
  arxivId?: string | null;
  doi?: string | null;
  version?: number | null;
  title?: string | null;
  abstract?: string | null;
  authors?: (string | null | undefined)[];
  primaryCategory?: string | null;
  categories?: (string | null | undefined)[];
  publishedAt?: string | null;
  updatedAt?: string | null;
  journalRef?: string | null;
  comments?: string | null;
  license?: string | null;
  links?: PaperLink[];
  signals?: Signal[];
}

export const LIMITS = { title: 2_000, abstract: 100_000, authors: 5_000, field: 10_000 };

/** arXiv's form of a category: an archive (hep-th, cs), optionally a subject class (cs.LG, cond-mat.stat-mech). */
const CATEGORY = /^[a-z]+(?:-[a-z]+)*(?:\.[A-Za-z]+(?:-[A-Za-z]+)*)?$/;
/** A DOI: "10.", a registrant code, "/", a suffix without spaces, braces, quotes or backslashes. */
const DOI = /^10\.\d+(?:\.\d+)*\/[^\s{}"\\]+$/;
const DOI_PREFIX = /^(?:doi:\s*|https?:\/\/(?:dx\.)?doi\.org\/)/i;

export class InvalidPaper extends Error {}

/**
 * A paper from a parser's raw fields. A malformed record throws InvalidPaper; a malformed
 * category or DOI is left out, and said so in `dropped`.
 */
/** The id the paper of a raw record gets (as normalizePaper gives it), without the rest of the work. */
export function paperIdOf(raw: RawPaper): string {
  const arxiv = raw.arxivId ? parseArxivId(raw.arxivId) : null;
  return canonicalId({ arxivId: arxiv?.id ?? null, doi: checkedDoi(raw.doi, []), source: raw.source, sourceId: raw.sourceId });
}

export function normalizePaper(raw: RawPaper, dropped: string[] = []): Paper {
  const title = cleanLine(raw.title ?? '');
  if (!title) throw new InvalidPaper('paper has no title');
  checkLength('title', title, LIMITS.title);
  const abstract = cleanText(raw.abstract ?? '');
  checkLength('abstract', abstract, LIMITS.abstract);
  const authors = (raw.authors ?? []).map((name) => cleanName(name ?? '')).filter(Boolean);
  if (authors.length > LIMITS.authors) throw new InvalidPaper(`paper has ${authors.length} authors (limit ${LIMITS.authors})`);
  const arxiv = raw.arxivId ? parseArxivId(raw.arxivId) : null;
  const doi = checkedDoi(raw.doi, dropped);
  const id = canonicalId({ arxivId: arxiv?.id ?? null, doi, source: raw.source, sourceId: raw.sourceId });
  const comments = optionalText(raw.comments);
  const categories = unique(
    (raw.categories ?? []).map((c) => c?.trim() ?? '').filter((category) => category && checkedCategory(category, dropped)),
  );
  const primary = optionalText(raw.primaryCategory);
  const primaryCategory = (primary && checkedCategory(primary, dropped) ? primary : null) ?? categories[0] ?? null;
  return {
    id,
    version: raw.version ?? arxiv?.version ?? null,
    title,
    abstract,
    authors,
    primaryCategory,
    categories: primaryCategory && !categories.includes(primaryCategory) ? [primaryCategory, ...categories] : categories,
    publishedAt: parseTime(raw.publishedAt, 'published'),
    updatedAt: parseTime(raw.updatedAt, 'updated'),
    doi,
    journalRef: optionalText(raw.journalRef),
    comments,
    license: optionalText(raw.license),
    links: mergeLinks(mergeLinks(canonicalLinks(arxiv?.id ?? null, doi), raw.links ?? []), extractLinks(`${abstract}\n${comments ?? ''}`)),
    source: raw.source,
    sourceId: raw.sourceId,
    signals: raw.signals ?? [],
  };
}

function checkedCategory(category: string, dropped: string[]): boolean {
  if (CATEGORY.test(category) && category.length <= 40) return true;
  dropped.push(`category ${JSON.stringify(category.slice(0, 60))} is not an arXiv category like cs.LG; left out`);
  return false;
}

/** The first DOI of the field, without a doi: or doi.org prefix; null when there is none or it is malformed. */
function checkedDoi(value: string | null | undefined, dropped: string[]): string | null {
  const doi = optionalText(value)?.replace(DOI_PREFIX, '').split(/\s+/)[0] || null;
  if (doi === null || (DOI.test(doi) && doi.length <= 300)) return doi;
  dropped.push(`DOI ${JSON.stringify(doi.slice(0, 60))} is not a DOI like 10.1145/3580305.3599256; left out`);
  return null;
}

function canonicalLinks(arxivId: string | null, doi: string | null): PaperLink[] {
  const links: PaperLink[] = [];
  if (arxivId) links.push(...arxivLinks(arxivId));
  if (doi) links.push({ kind: 'doi', url: `https://doi.org/${doi}` });
  return links;
}

function checkLength(field: string, value: string, limit: number): void {
  if (value.length > limit) {
    throw new InvalidPaper(`${field} is ${value.length.toLocaleString('en')} characters (limit ${limit.toLocaleString('en')})`);
  }
}

function optionalText(value: string | null | undefined): string | null {
  if (value == null) return null;
  const text = cleanLine(value);
  checkLength('field', text, LIMITS.field);
  return text || null;
}

/** Accepts ISO 8601, RFC 2822 and bare dates; returns ISO 8601 in UTC. */
export function parseTime(value: string | null | undefined, field: string): string | null {
  if (value == null || value.trim() === '') return null;
  const time = new Date(value.trim());
  if (Number.isNaN(time.getTime())) throw new InvalidPaper(`${field} time ${JSON.stringify(value.slice(0, 40))} is not a date`);
  return time.toISOString();
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
