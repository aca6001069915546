// The generic JSON-lines format for private corpora (schema in the README):
// {"id", "title", "abstract", "authors", "published", "updated", "url", "links", ...}.
import type { RawPaper } from '../domain/paper.ts';
import type { PaperLink } from '../domain/links.ts';
import { classifyUrl, normalizeUrl } from '../domain/links.ts';
import { parseArxivId } from '../domain/ids.ts';
import { asRecord, asString, asStringList } from './json.ts';

export function parseGenericRecord(value: unknown): RawPaper {
  const record = asRecord(value);
  const id = asString(record.id)?.trim();
  if (!id) throw new Error('record has no "id"');
  const authors =
    typeof record.authors === 'string' ? record.authors.split(/\s*;\s*|\s*,\s+(?:and\s+)?|\s+and\s+/) : asStringList(record.authors);
  return {
    source: 'jsonl',
    sourceId: id,
    arxivId: parseArxivId(id) ? id : null,
    doi: asString(record.doi),
    title: asString(record.title),
    abstract: asString(record.abstract),
    authors,
    categories: asStringList(record.categories),
    publishedAt: asString(record.published),
    updatedAt: asString(record.updated),
    journalRef: asString(record.journal_ref),
    comments: asString(record.comments),
    license: asString(record.license),
    links: readLinks(record),
  };
}

function readLinks(record: Record<string, unknown>): PaperLink[] {
  const links: PaperLink[] = [];
  const url = asString(record.url);
  const pageUrl = url ? normalizeUrl(url) : null;
  if (pageUrl) links.push({ kind: 'abs', url: pageUrl });
  const listed = Array.isArray(record.links) ? record.links : record.links == null ? [] : [record.links];
  for (const item of listed) {
    const link = typeof item === 'string' ? classifyUrl(item) : readLinkObject(item);
    if (link) links.push(link);
  }
  return links;
}

const LINK_KINDS = new Set(['abs', 'pdf', 'doi', 'code', 'project']);

function readLinkObject(item: unknown): PaperLink | null {
  const object = asRecord(item);
  const url = normalizeUrl(asString(object.url) ?? '');
  if (!url) return null;
  const kind = asString(object.kind);
  if (kind && !LINK_KINDS.has(kind)) throw new Error(`link kind ${JSON.stringify(kind)} is not one of ${[...LINK_KINDS].join(', ')}`);
  return kind ? { kind: kind as PaperLink['kind'], url } : (classifyUrl(url) ?? { kind: 'project', url });
}
