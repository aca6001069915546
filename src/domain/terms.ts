// Words as paperboy's ranking index sees them, the same way as the FTS5
// tokenizer 'porter unicode61 remove_diacritics 2': runs of letters and digits,
// case and accents folded, then the Porter stem (FTS5's Porter differs on rare
// words such as "seyyed"; see docs/ARCHITECTURE.md).
import { stemmer } from 'stemmer';

/** One word of a text: where it stands (UTF-16 offsets) and its index term if it is one sought. */
export interface WordSpan {
  start: number;
  end: number;
  term: string | null;
}

const WORD = /[\p{L}\p{M}\p{N}\p{Co}]+/gu;
const NON_ASCII = /[^\p{ASCII}]/u;
// The same as WORD for text in ASCII alone, several times faster.
const ASCII_WORD = /[a-z0-9]+/g;
const ASCII_WORD_ANY_CASE = /[A-Za-z0-9]+/g;
const MARKS = /\p{M}/gu;
const ASCII_LOWER = /^[a-z0-9]*$/;
// Stems of words already seen: a corpus repeats a few tens of thousands of words.
const STEM_CACHE_LIMIT = 200_000;
const stems = new Map<string, string>();

/** A word with case and accents folded, not stemmed: how the start of a word is matched against terms. */
export function foldedWord(word: string): string {
  return ASCII_LOWER.test(word) ? word : word.normalize('NFD').replace(MARKS, '').toLowerCase();
}

/** The index term of one word. */
export function termOf(word: string): string {
  const cached = stems.get(word);
  if (cached !== undefined) return cached;
  const folded = foldedWord(word);
  // Like FTS5's porter, only words of 3 to 64 characters are stemmed.
  const term = folded.length < 3 || folded.length > 64 ? folded : stemmer(folded);
  if (stems.size >= STEM_CACHE_LIMIT) stems.clear();
  stems.set(word, term);
  return term;
}

/**
 * False only when the word's term (termOf) surely is not `term`, known from their first characters:
 * a term keeps its word's first letter, folded, so an ASCII first character must be the term's.
 */
export function mayHaveTerm(word: string, term: string): boolean {
  const first = word.charCodeAt(0);
  return first >= 0x80 || String.fromCharCode(first).toLowerCase() === term[0];
}

/**
 * Every word of the text with its position, and its term when that is one of `sought`.
 * Stemming keeps a word's first letter, so only words starting like a sought term are stemmed.
 */
export function wordSpans(text: string, sought: ReadonlySet<string>): WordSpan[] {
  const initials = new Set([...sought].map((term) => term[0]));
  const ascii = !NON_ASCII.test(text);
  return [...text.matchAll(ascii ? ASCII_WORD_ANY_CASE : WORD)].map((match) => {
    const term = !ascii || initials.has(match[0][0]!.toLowerCase()) ? termOf(match[0]) : null;
    return { start: match.index, end: match.index + match[0].length, term: term !== null && sought.has(term) ? term : null };
  });
}

/** Whether the text is ASCII alone (its words are then runs of [a-z0-9] once lower-cased). */
export function isAscii(text: string): boolean {
  return !NON_ASCII.test(text);
}

/** The words of a text as the index splits them; those of text in ASCII alone come lower-cased. */
export function splitWords(text: string): string[] {
  if (!NON_ASCII.test(text)) return text.toLowerCase().match(ASCII_WORD) ?? [];
  return text.match(WORD) ?? [];
}

/** The index terms of a text, in order, repeats kept. */
export function termsOf(text: string): string[] {
  return splitWords(text).map(termOf);
}
