// The search query language: plain words, "exact phrases", -excluded,
// author:"Name", cat:cs.LG, year:2024, after:/before:DATE, has:code, and an
// arXiv id or paper URL that goes straight to the paper. Any input parses;
// what cannot be understood is kept as words or dropped with a note.
import { parseArxivId } from './ids.ts';

export interface ParsedQuery {
  words: string[];
  phrases: string[][];
  excluded: string[][];
  authors: string[][];
  categories: string[];
  after: string | null;
  before: string | null;
  hasCode: boolean;
  /** Set when the whole query names one arXiv paper. */
  arxivId: string | null;
  /** The last word when it ends the query as a plain word: perhaps the start of a longer one, still being typed. */
  lastWord: string | null;
  /** Set by search when `lastWord` is no word of the index: matched as the start of words ("enh" → enhancement). */
  prefix: string | null;
  notes: string[];
}

export const QUERY_LIMITS = { chars: 2_000, words: 64 };

/** The query language in a few lines, for help texts. */
export const QUERY_HELP = [
  'QUERY       words (any may match, best first), "exact phrase", -excluded, author:"Name",',
  '            cat:cs.LG (cat:cs for all of cs), year:2024, after:2025-01-01, before:2025-07-01,',
  '            has:code; an arXiv id or arXiv/Hugging Face paper URL names one paper',
];

const TOKEN = /(-?)(?:([a-z]+):)?(?:"([^"]*)"?|(\S+))/gi;
const WORD = /[\p{L}\p{N}]+/gu;
const CATEGORY = /^[a-z-]+(\.[a-z-]+)?$/i;
const HF_PAPER_URL = /^(?:https?:\/\/)?(?:www\.)?huggingface\.co\/papers\/(\S+?)\/?$/i;

export function emptyQuery(): ParsedQuery {
  return {
    words: [],
    phrases: [],
    excluded: [],
    authors: [],
    categories: [],
    after: null,
    before: null,
    hasCode: false,
    arxivId: null,
    lastWord: null,
    prefix: null,
    notes: [],
  };
}

export function parseQuery(input: string): ParsedQuery {
  const query = emptyQuery();
  let text = input.normalize('NFC').trim();
  if (text.length > QUERY_LIMITS.chars) {
    text = text.slice(0, QUERY_LIMITS.chars);
    query.notes.push(`only the first ${QUERY_LIMITS.chars.toLocaleString('en')} characters were searched`);
  }
  query.arxivId = directArxivId(text);
  if (query.arxivId) return query;
  for (const match of text.matchAll(TOKEN)) {
    const wordsBefore = query.words.length;
    readToken(query, match[1] === '-', match[2]?.toLowerCase() ?? null, match[3] ?? null, match[4] ?? '');
    const plain = !match[1] && !match[2] && match[3] === undefined && query.words.length === wordsBefore + 1;
    query.lastWord = plain ? query.words.at(-1)! : null;
  }
  if (query.words.length > QUERY_LIMITS.words) {
    query.words = query.words.slice(0, QUERY_LIMITS.words);
    query.notes.push(`only the first ${QUERY_LIMITS.words} words were searched`);
  }
  return query;
}

function directArxivId(text: string): string | null {
  const fromHf = HF_PAPER_URL.exec(text)?.[1];
  return parseArxivId(fromHf ?? text)?.id ?? null;
}

function readToken(query: ParsedQuery, negated: boolean, field: string | null, quoted: string | null, bare: string): void {
  if (field && applyField(query, field, quoted ?? bare, negated)) return;
  // An unknown field ("foo:bar") is searched as words.
  const words = wordsOf([field, quoted ?? bare].filter(Boolean).join(' '));
  if (!words.length) return;
  if (negated) query.excluded.push(words);
  else if (quoted !== null && words.length > 1) query.phrases.push(words);
  else query.words.push(...words);
}

function applyField(query: ParsedQuery, field: string, value: string, negated: boolean): boolean {
  if (negated) return false;
  switch (field) {
    case 'author':
    case 'au': {
      const name = wordsOf(value);
      if (name.length) query.authors.push(name);
      return true;
    }
    case 'cat':
    case 'category':
      if (isCategory(value)) query.categories.push(value);
      else query.notes.push(`"${value}" is not a category like cs.LG`);
      return true;
    case 'year':
      return applyYear(query, value);
    case 'after':
    case 'before':
      return applyDate(query, field, value);
    case 'has':
      if (value.toLowerCase() === 'code') query.hasCode = true;
      else query.notes.push(`has:${value} is not known; has:code is`);
      return true;
    default:
      return false;
  }
}

function applyYear(query: ParsedQuery, value: string): boolean {
  if (!/^\d{4}$/.test(value)) {
    query.notes.push(`year:${value} is not a year`);
    return true;
  }
  query.after = `${value}-01-01`;
  query.before = `${Number(value) + 1}-01-01`;
  return true;
}

function applyDate(query: ParsedQuery, field: 'after' | 'before', value: string): boolean {
  const date = /^\d{4}(-\d{2}(-\d{2})?)?$/.test(value) ? `${value}${'-01'.repeat((10 - value.length) / 3)}` : null;
  if (!date || Number.isNaN(Date.parse(date))) {
    query.notes.push(`${field}:${value} is not a date like 2025-01-31`);
    return true;
  }
  query[field] = date;
  return true;
}

/** "cs.LG", "cs", "eess.AS": what cat: and the category filter accept. */
export function isCategory(value: string): boolean {
  return CATEGORY.test(value);
}

/** Lower-case letters and digits only: what the full-text index can match. */
export function wordsOf(text: string): string[] {
  return (text.toLowerCase().match(WORD) ?? []).slice(0, QUERY_LIMITS.words);
}

export function isEmptyQuery(query: ParsedQuery): boolean {
  return !query.arxivId && !query.words.length && !query.phrases.length && !query.authors.length;
}

/** The query narrows papers by category, date or code, whatever its words. */
export function hasFilters(query: ParsedQuery): boolean {
  return query.categories.length > 0 || query.hasCode || query.after !== null || query.before !== null;
}
