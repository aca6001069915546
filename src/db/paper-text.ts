// The text of papers as the text index sees it: the papers table's title,
// abstract and authors columns, in this field order (migrations queue changed
// papers for the index with triggers on these columns), and key terms: each
// author's name key, surname first, so that author pages and the names sharing
// a surname are read from the index; each category, with the archives it is in;
// and whether the paper has code, so that search filters on them from the index.
// (Categories and has_code are written only with their paper's row, whose
// update trigger queues it.)
import { KEY_MARK, type TextSource } from '../text-index/source.ts';
import { nameKey, surnameOf } from '../domain/author-names.ts';

/** Authors of one paper that are keyed: a paper can name thousands (collaborations); pages show the first ones. */
export const MAX_KEYED_AUTHORS = 500;

const AUTHOR_KEY = `${KEY_MARK}a:`;
const CATEGORY_KEY = `${KEY_MARK}c:`;
/** The key term of the papers with a code repository link. */
export const CODE_KEY = `${KEY_MARK}code`;

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

/** The key term of the papers a category filter (`cat:cs`, `cat:cs.LG`) passes. */
export function categoryKeyTerm(filter: string): string {
  return `${CATEGORY_KEY}${filter}`;
}

/**
 * The filters a paper's categories pass, as key terms: each category, and each start of it that
 * ends before a '.' or '-' ("astro-ph.GA": "astro", "astro-ph" and "astro-ph.GA").
 */
export function categoryKeys(categories: readonly string[]): string[] {
  const filters = categories.flatMap((category) => [
    ...Array.from(category.matchAll(/[.-]/g), (separator) => category.slice(0, separator.index)),
    category,
  ]);
  return [...new Set(filters)].map(categoryKeyTerm);
}

/** A paper's key terms: its authors', its categories' and whether it has code. */
function paperKeys(fields: readonly (string | null)[], [categories, hasCode]: readonly unknown[]): string[] {
  const categoryList = typeof categories === 'string' ? categories.split(' ').filter(Boolean) : [];
  return [
    ...authorKeys(storedAuthors(fields[2] ?? null)).map(authorKeyTerm),
    ...categoryKeys(categoryList),
    ...(Number(hasCode) === 1 ? [CODE_KEY] : []),
  ];
}

export const PAPER_TEXT = {
  table: 'papers',
  key: 'seq',
  fields: ['title', 'abstract', 'authors'],
  // The default ranking's (search/lexical.ts): a title word counts two and a half times.
  weights: [2.5, 1, 1],
  // Abstracts are stored packed (abstract-packing.ts).
  readThrough: [null, 'paper_abstract', null],
  keysOf: paperKeys,
  keyColumns: [
    {
      sqlite: "(SELECT group_concat(c.category, ' ') FROM paper_categories c WHERE c.paper_id = d.id)",
      postgres: "(SELECT string_agg(c.category, ' ') FROM paper_categories c WHERE c.paper_id = d.id)",
    },
    { sqlite: 'd.has_code', postgres: 'd.has_code' },
  ],
  // Search's after: and before: (search/paper-checks.ts).
  dateColumn: 'published_at',
  // A hash of everything above (domain/merge.ts): the papers an import adds are indexed as it offers them.
  checkColumn: 'content_hash',
} as const satisfies TextSource;

export type PaperFieldWeights = Record<(typeof PAPER_TEXT.fields)[number], number>;

/** The weights in the index's field order. */
export function paperFieldWeights(weights: PaperFieldWeights): number[] {
  return PAPER_TEXT.fields.map((field) => weights[field]);
}
