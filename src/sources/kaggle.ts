// One line of the Kaggle arXiv metadata snapshot (arxiv-metadata-oai-snapshot.json).
import type { RawPaper } from '../domain/paper.ts';
import { splitAuthorList } from './parsed.ts';
import { asString, asRecord } from './json.ts';

export function parseKaggleRecord(value: unknown): RawPaper {
  const record = asRecord(value);
  const id = asString(record.id);
  if (!id) throw new Error('record has no "id"');
  const versions = Array.isArray(record.versions) ? record.versions.map(asRecord) : [];
  const last = versions[versions.length - 1];
  const categories = (asString(record.categories) ?? '').split(/\s+/).filter(Boolean);
  return {
    source: 'kaggle',
    sourceId: id,
    arxivId: id,
    version: last ? Number(String(last.version).replace(/^v/, '')) || null : null,
    title: asString(record.title),
    abstract: asString(record.abstract),
    authors: parsedAuthors(record.authors_parsed) ?? splitAuthorList(asString(record.authors) ?? ''),
    categories,
    publishedAt: versions[0] ? asString(versions[0].created) : null,
    updatedAt: last ? asString(last.created) : asString(record.update_date),
    doi: asString(record.doi),
    journalRef: asString(record['journal-ref']),
    comments: asString(record.comments),
    license: asString(record.license),
  };
}

/** authors_parsed is [[last, first, suffix], ...]. */
function parsedAuthors(value: unknown): string[] | null {
  if (!Array.isArray(value) || value.length === 0) return null;
  return value.map((parts) => {
    const [last = '', first = '', suffix = ''] = Array.isArray(parts) ? parts.map((part) => String(part ?? '')) : [String(parts)];
    // The snapshot splits hyphenated initials ("C.-P." becomes "C. -P.").
    return [first.replace(/\.\s+-/g, '.-'), last, suffix].filter((part) => part.trim()).join(' ');
  });
}
