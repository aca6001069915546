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
const MARKS = /\p{M}/gu;
const ASCII_LOWER = /^[a-z0-9]*$/;
// Stems of words already seen: a corpus repeats a few tens of thousands of words.
const STEM_CACHE_LIMIT = 200_000;
const stems = new Map<string, string>();

/** The index term of one word. */
export function termOf(word: string): string {
  const cached = stems.get(word);
  if (cached !== undefined) return cached;
  const folded = ASCII_LOWER.test(word) ? word : word.normalize('NFD').replace(MARKS, '').toLowerCase();
  // Like FTS5's porter, only words of 3 to 64 characters are stemmed.
  const term = folded.length < 3 || folded.length > 64 ? folded : stemmer(folded);
  if (stems.size >= STEM_CACHE_LIMIT) stems.clear();
  stems.set(word, term);
  return term;
}

/**
 * Every word of the text with its position, and its term when that is one of `sought`.
 * Stemming keeps a word's first letter, so only words starting like a sought term are stemmed.
 */
export function wordSpans(text: string, sought: ReadonlySet<string>): WordSpan[] {
  const initials = new Set([...sought].map((term) => term[0]));
  const spans: WordSpan[] = [];
  const ascii = !NON_ASCII.test(text);
  eachWord(text, (start, end) => {
    const mayMatch = !ascii || initials.has(text[start]!.toLowerCase());
    const term = mayMatch ? termOf(text.slice(start, end)) : null;
    spans.push({ start, end, term: term !== null && sought.has(term) ? term : null });
  }, ascii);
  return spans;
}

/** The index terms of a text, in order, repeats kept. */
export function termsOf(text: string): string[] {
  const terms: string[] = [];
  eachWord(text, (start, end) => terms.push(termOf(text.slice(start, end))));
  return terms;
}

/** Calls back with the bounds of each word; text in ASCII alone (most of it) is scanned without a regular expression, several times faster. */
function eachWord(text: string, word: (start: number, end: number) => void, ascii = !NON_ASCII.test(text)): void {
  if (!ascii) {
    for (const match of text.matchAll(WORD)) word(match.index, match.index + match[0].length);
    return;
  }
  let start = -1;
  for (let at = 0; at <= text.length; at++) {
    const code = at < text.length ? text.charCodeAt(at) : 0;
    const inWord = (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57);
    if (inWord && start < 0) start = at;
    else if (!inWord && start >= 0) {
      word(start, at);
      start = -1;
    }
  }
}
