// RSS 2.0 and Atom 1.0 documents for a list of papers, so feed readers and
// Zotero can subscribe to trending, a day's papers or any search.
import type { PaperCard } from '../papers/papers.ts';
import { texToText } from '../domain/tex.ts';

export interface FeedDocument {
  title: string;
  description: string;
  /** Absolute URLs: the page this feed mirrors and the feed itself. */
  pageUrl: string;
  selfUrl: string;
  updated: string;
  papers: PaperCard[];
  paperUrl: (id: string) => string;
  /** A line put before a paper's abstract (why it is recommended). */
  notes?: ReadonlyMap<string, string>;
}

// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

function xml(text: string): string {
  return text.replace(NOT_XML, '').replace(/[&<>"']/g, (char) => XML_ESCAPES[char]!);
}

const plain = texToText;
const dated = (paper: PaperCard, fallback: string) => paper.publishedAt ?? fallback;
const summary = (feed: FeedDocument, paper: PaperCard) => {
  const note = feed.notes?.get(paper.id);
  return xml(note ? `${note}\n\n${plain(paper.abstract)}` : plain(paper.abstract));
};

export function toAtom(feed: FeedDocument): string {
  const entries = feed.papers.map((paper) => {
    const url = feed.paperUrl(paper.id);
    return [
      '<entry>',
      `<id>${xml(url)}</id>`,
      `<title>${xml(plain(paper.title))}</title>`,
      `<link rel="alternate" type="text/html" href="${xml(url)}"/>`,
      `<published>${xml(dated(paper, feed.updated))}</published>`,
      `<updated>${xml(dated(paper, feed.updated))}</updated>`,
      ...paper.authors.map((name) => `<author><name>${xml(name)}</name></author>`),
      ...paper.categories.map((category) => `<category term="${xml(category)}"/>`),
      `<summary>${summary(feed, paper)}</summary>`,
      '</entry>',
    ].join('');
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `<id>${xml(feed.selfUrl)}</id>`,
    `<title>${xml(feed.title)}</title>`,
    `<subtitle>${xml(feed.description)}</subtitle>`,
    `<updated>${xml(feed.updated)}</updated>`,
    `<link rel="self" type="application/atom+xml" href="${xml(feed.selfUrl)}"/>`,
    `<link rel="alternate" type="text/html" href="${xml(feed.pageUrl)}"/>`,
    '<author><name>paperboy</name></author>',
    '<generator>paperboy</generator>',
    ...entries,
    '</feed>',
  ].join('\n');
}

export function toRss(feed: FeedDocument): string {
  const items = feed.papers.map((paper) => {
    const url = feed.paperUrl(paper.id);
    return [
      '<item>',
      `<title>${xml(plain(paper.title))}</title>`,
      `<link>${xml(url)}</link>`,
      `<guid isPermaLink="true">${xml(url)}</guid>`,
      `<pubDate>${new Date(dated(paper, feed.updated)).toUTCString()}</pubDate>`,
      ...paper.authors.map((name) => `<dc:creator>${xml(name)}</dc:creator>`),
      ...paper.categories.map((category) => `<category>${xml(category)}</category>`),
      `<description>${summary(feed, paper)}</description>`,
      '</item>',
    ].join('');
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">',
    '<channel>',
    `<title>${xml(feed.title)}</title>`,
    `<link>${xml(feed.pageUrl)}</link>`,
    `<description>${xml(feed.description)}</description>`,
    `<lastBuildDate>${new Date(feed.updated).toUTCString()}</lastBuildDate>`,
    `<atom:link href="${xml(feed.selfUrl)}" rel="self" type="application/rss+xml"/>`,
    '<generator>paperboy</generator>',
    ...items,
    '</channel>',
    '</rss>',
  ].join('\n');
}
