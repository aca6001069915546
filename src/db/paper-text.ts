// The text of papers as the text index sees it: the papers table's title,
// abstract and authors columns, in this field order (migrations queue changed
// papers for the index with triggers on these columns), and each author's name
// key as a key term, surname first, so that author pages and the names sharing
// a surname are read from the index.
import { KEY_MARK, type TextSource } from '../text-index/source.ts';
import { nameKey, surnameOf } from '../domain/author-names.ts';

/** Authors of one paper that are keyed: a paper can name thousands (collaborations); pages show the first ones. */
export const MAX_KEYED_AUTHORS = 500;

const AUTHOR_KEY = `${KEY_MARK}a:`;

/** The key term of a name key: "@a:garcia jose garcia". */
export function authorKeyTerm(key: string): string {
  return `${AUTHOR_KEY}${surnameOf(key)} ${key}`;
}

/** The start of the key terms of every name with this surname. */
export function surnamePrefix(surname: string): string {
  return `${AUTHOR_KEY}${surname} `;
}

/** The name key a key term holds (the inverse of authorKeyTerm). */
export function nameKeyOfTerm(term: string): string {
  return term.slice(term.indexOf(' ') + 1);
}

/** A paper's authors as the papers table stores them (a JSON list); none if it is not one. */
export function storedAuthors(json: string | null): string[] {
  try {
    const authors: unknown = JSON.parse(json ?? '[]');
    return Array.isArray(authors) ? authors.filter((name): name is string => typeof name === 'string') : [];
  } catch {
    return [];
  }
}

/** The name keys of a paper's first MAX_KEYED_AUTHORS authors, in order, each once. */
export function authorKeys(authors: readonly string[]): string[] {
  const keys = authors.slice(0, MAX_KEYED_AUTHORS).map(nameKey);
  return [...new Set(keys.filter(Boolean))];
}

export const PAPER_TEXT = {
  table: 'papers',
  key: 'seq',
  fields: ['title', 'abstract', 'authors'],
  // The default ranking's (search/lexical.ts): a title word counts two and a half times.
  weights: [2.5, 1, 1],
  // Abstracts are stored packed (abstract-packing.ts).
  readThrough: [null, 'paper_abstract', null],
  keysOf: (fields) => authorKeys(storedAuthors(fields[2] ?? null)).map(authorKeyTerm),
} as const satisfies TextSource;

export type PaperFieldWeights = Record<(typeof PAPER_TEXT.fields)[number], number>;

/** The weights in the index's field order. */
export function paperFieldWeights(weights: PaperFieldWeights): number[] {
  return PAPER_TEXT.fields.map((field) => weights[field]);
}
