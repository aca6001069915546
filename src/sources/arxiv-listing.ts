// One line of a daily arXiv listing crawl ({id, categories, authors, title,
// comment, summary, abs, pdf}). The crawl has no dates: the month comes from
// the arXiv id unless the line carries "published".
import type { RawPaper } from '../domain/paper.ts';
import { arxivIdMonth } from '../domain/ids.ts';
import { asRecord, asString, asStringList } from './json.ts';

export function parseListingRecord(value: unknown): RawPaper {
  const record = asRecord(value);
  const id = asString(record.id);
  if (!id) throw new Error('record has no "id"');
  return {
    source: 'arxiv-listing',
    sourceId: id,
    arxivId: id,
    title: asString(record.title),
    abstract: asString(record.summary),
    authors: asStringList(record.authors),
    categories: asStringList(record.categories),
    comments: asString(record.comment),
    publishedAt: asString(record.published) ?? arxivIdMonth(id),
  };
}
