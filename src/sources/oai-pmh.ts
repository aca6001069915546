// arXiv OAI-PMH ListRecords/GetRecord pages in the oai_dc, arXiv and arXivRaw
// formats, with the resumption token and OAI errors.
import { AppError } from '../errors.ts';
import { child, firstText, listOf, parseXml, textOf, attr, type XmlNode } from './xml.ts';
import { parsedError, splitAuthorList, type ParsedItem } from './parsed.ts';
import type { RawPaper } from '../domain/paper.ts';

export type OaiFormat = 'oai_dc' | 'arXiv' | 'arXivRaw';
export const OAI_FORMATS: readonly OaiFormat[] = ['oai_dc', 'arXiv', 'arXivRaw'];

export interface OaiPage {
  responseDate: string | null;
  items: ParsedItem[];
  deletedIds: string[];
  resumptionToken: string | null;
  completeListSize: number | null;
}

export class OaiError extends AppError {
  readonly code: string;

  constructor(code: string, message: string) {
    super(code === 'badArgument' || code === 'badVerb' ? 'invalid' : 'unavailable', `OAI-PMH error ${code}: ${message}`);
    this.code = code;
  }
}

export function parseOaiPage(xml: string): OaiPage {
  const root = child(parseXml(xml, 'OAI-PMH response'), 'OAI-PMH');
  if (!root) throw new AppError('invalid', 'OAI-PMH response has no <OAI-PMH> element');
  const responseDate = firstText(root.responseDate);
  const error = listOf(root.error)[0];
  if (error) {
    const code = attr(error, 'code') ?? 'unknown';
    // noRecordsMatch is how OAI-PMH says "nothing new": an empty page, not a failure.
    if (code === 'noRecordsMatch') return { responseDate, items: [], deletedIds: [], resumptionToken: null, completeListSize: 0 };
    throw new OaiError(code, textOf(error)?.trim() ?? '');
  }
  const list = child(root, 'ListRecords') ?? child(root, 'GetRecord');
  if (!list) throw new AppError('invalid', 'OAI-PMH response has neither ListRecords nor GetRecord');
  const records = listOf(list.record);
  const token = child(list, 'resumptionToken');
  return {
    responseDate,
    items: records.filter((record) => !isDeleted(record)).map(parseRecord),
    deletedIds: records.filter(isDeleted).map((record) => headerId(record)),
    resumptionToken: textOf(token)?.trim() || null,
    completeListSize: token && attr(token, 'completeListSize') ? Number(attr(token, 'completeListSize')) : null,
  };
}

function isDeleted(record: XmlNode): boolean {
  return attr(child(record, 'header'), 'status') === 'deleted';
}

function headerId(record: XmlNode): string {
  return (firstText(child(record, 'header')?.identifier) ?? '').replace(/^oai:arXiv\.org:/, '').trim();
}

function parseRecord(record: XmlNode, index: number): ParsedItem {
  const id = headerId(record);
  const at = id || `record ${index + 1}`;
  const metadata = child(record, 'metadata');
  try {
    const paper = metadata?.dc
      ? fromOaiDc(child(metadata, 'dc')!, id, record)
      : metadata?.arXiv
        ? fromArxiv(child(metadata, 'arXiv')!)
        : metadata?.arXivRaw
          ? fromArxivRaw(child(metadata, 'arXivRaw')!)
          : null;
    return paper ? { at, paper } : parsedError(at, 'record has no oai_dc, arXiv or arXivRaw metadata');
  } catch (error) {
    return parsedError(at, error);
  }
}

function fromOaiDc(dc: XmlNode, id: string, record: XmlNode): RawPaper {
  const descriptions = listOf(dc.description).map((node) => textOf(node) ?? '');
  const identifiers = listOf(dc.identifier).map((node) => (textOf(node) ?? '').trim());
  const dates = listOf(dc.date)
    .map((node) => textOf(node))
    .filter((date): date is string => !!date);
  const sets = listOf(child(record, 'header')?.setSpec).map((node) => (textOf(node) ?? '').replace(/^[a-z-]+:/, ''));
  return {
    ...arxivBase(id),
    title: firstText(dc.title),
    abstract: descriptions.find((text) => !text.startsWith('Comment:')) ?? null,
    comments: descriptions.find((text) => text.startsWith('Comment:'))?.replace(/^Comment:\s*/, '') ?? null,
    authors: listOf(dc.creator).map((node) => invertName(textOf(node) ?? '')),
    categories: sets,
    publishedAt: dates[0] ?? null,
    updatedAt: dates.length > 1 ? dates[dates.length - 1]! : null,
    doi: identifiers.find((text) => text.startsWith('doi:'))?.slice(4) ?? null,
    journalRef: identifiers.find((text) => !text.startsWith('doi:') && !/^https?:/.test(text)) ?? null,
  };
}

function fromArxiv(meta: XmlNode): RawPaper {
  const categories = (firstText(meta.categories) ?? '').split(/\s+/).filter(Boolean);
  return {
    ...arxivBase(firstText(meta.id) ?? ''),
    title: firstText(meta.title),
    abstract: firstText(meta.abstract),
    authors: listOf(child(meta, 'authors')?.author).map((author) =>
      [firstText(author.forenames), firstText(author.keyname), firstText(author.suffix)].filter(Boolean).join(' '),
    ),
    categories,
    publishedAt: firstText(meta.created),
    updatedAt: firstText(meta.updated),
    doi: firstText(meta.doi),
    journalRef: firstText(meta['journal-ref']),
    comments: firstText(meta.comments),
    license: firstText(meta.license),
  };
}

function fromArxivRaw(meta: XmlNode): RawPaper {
  const versions = listOf(meta.version);
  const last = versions[versions.length - 1];
  return {
    ...arxivBase(firstText(meta.id) ?? ''),
    version: last ? Number((attr(last, 'version') ?? '').replace(/^v/, '')) || null : null,
    title: firstText(meta.title),
    abstract: firstText(meta.abstract),
    authors: splitAuthorList(firstText(meta.authors) ?? ''),
    categories: (firstText(meta.categories) ?? '').split(/\s+/).filter(Boolean),
    publishedAt: versions[0] ? firstText(versions[0].date) : null,
    updatedAt: last ? firstText(last.date) : null,
    doi: firstText(meta.doi),
    journalRef: firstText(meta['journal-ref']),
    comments: firstText(meta.comments),
    license: firstText(meta.license),
  };
}

function arxivBase(id: string): RawPaper {
  const trimmed = id.trim();
  if (!trimmed) throw new Error('record has no arXiv id');
  return { source: 'arxiv-oai', sourceId: trimmed, arxivId: trimmed };
}

/** oai_dc writes creators as "Last, First". */
function invertName(name: string): string {
  const [last, first] = name.split(/,\s*/, 2);
  return first ? `${first} ${last}` : name;
}
