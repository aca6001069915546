// arXiv search API (Atom) responses, both the current output and the 2016
// variant: one page of entries plus the paging numbers.
import { AppError } from '../errors.ts';
import { parseArxivId } from '../domain/ids.ts';
import { attr, child, firstText, listOf, parseXml, textOf, type XmlNode } from './xml.ts';
import { parsedError, type ParsedItem } from './parsed.ts';

export interface AtomPage {
  totalResults: number;
  startIndex: number;
  itemsPerPage: number;
  items: ParsedItem[];
}

export function parseArxivAtom(xml: string): AtomPage {
  const feed = child(parseXml(xml, 'arXiv API response'), 'feed');
  if (!feed) throw new AppError('invalid', 'arXiv API response has no <feed> element');
  const entries = listOf(feed.entry);
  throwIfErrorFeed(entries);
  return {
    totalResults: Number(firstText(feed.totalResults) ?? entries.length),
    startIndex: Number(firstText(feed.startIndex) ?? 0),
    itemsPerPage: Number(firstText(feed.itemsPerPage) ?? entries.length),
    items: entries.map(parseEntry),
  };
}

/** The API answers a bad query with a feed whose one entry is titled "Error". */
function throwIfErrorFeed(entries: XmlNode[]): void {
  const [first] = entries;
  if (entries.length === 1 && first && firstText(first.id)?.includes('/api/errors')) {
    throw new AppError('invalid', `arXiv API error: ${firstText(first.summary)?.trim() ?? 'unknown error'}`);
  }
}

function parseEntry(entry: XmlNode, index: number): ParsedItem {
  const rawId = firstText(entry.id)?.trim() ?? '';
  const at = rawId || `entry ${index + 1}`;
  const arxiv = parseArxivId(rawId);
  if (!arxiv) return parsedError(at, `entry id ${JSON.stringify(rawId)} is not an arXiv id`);
  return {
    at,
    paper: {
      source: 'arxiv-api',
      sourceId: arxiv.id,
      arxivId: arxiv.id,
      version: arxiv.version,
      title: firstText(entry.title),
      abstract: firstText(entry.summary),
      authors: listOf(entry.author).map((author) => firstText(author.name)),
      primaryCategory: attr(child(entry, 'primary_category'), 'term'),
      categories: listOf(entry.category).map((category) => attr(category, 'term')),
      publishedAt: firstText(entry.published),
      updatedAt: firstText(entry.updated),
      doi: textOf(child(entry, 'doi')),
      journalRef: textOf(child(entry, 'journal_ref')),
      comments: textOf(child(entry, 'comment')),
    },
  };
}
