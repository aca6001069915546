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

const WORD_CHARACTER = '[\\p{L}\\p{M}\\p{N}\\p{Co}]';
const WORD = new RegExp(`${WORD_CHARACTER}+`, 'gu');
const NON_ASCII = /[^\p{ASCII}]/u;
// The same as WORD for text in ASCII alone, several times faster.
const ASCII_WORD = /[a-z0-9]+/g;
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

const WORD_CODE = new RegExp(`^${WORD_CHARACTER}$`, 'u');
/** Whether each code point is a word character (WORD), found once: 0 not yet known, 1 it is, 2 it is not. */
const wordCodes = new Uint8Array(0x110000);

function isWordCode(code: number): boolean {
  if (!wordCodes[code]) wordCodes[code] = WORD_CODE.test(String.fromCodePoint(code)) ? 1 : 2;
  return wordCodes[code] === 1;
}

/** How many UTF-16 units the character at `at` takes if it is a word character (WORD reads by code point), else 0. */
function wordUnits(text: string, at: number): number {
  const unit = text.charCodeAt(at);
  if (unit < 0x80) return isWordCode(unit) ? 1 : 0;
  const code = text.codePointAt(at)!;
  return isWordCode(code) ? (code > 0xffff ? 2 : 1) : 0;
}

/** Where the word starting at `start` ends (WORD's match). */
function wordEnd(text: string, start: number): number {
  let end = start;
  while (end < text.length) {
    const units = wordUnits(text, end);
    if (!units) break;
    end += units;
  }
  return end;
}

/** Where the next word starts from `from` on (text.length when none does). */
function nextWord(text: string, from: number): number {
  let at = from;
  while (at < text.length && !wordUnits(text, at)) at += text.codePointAt(at)! > 0xffff ? 2 : 1;
  return at;
}

/**
 * Whether the text's words (as splitWords splits them) have the terms of `phrase` in a row. A word is
 * stemmed only when it may start the phrase (a term keeps its word's first letter, folded: only words
 * starting with it in either case, or outside ASCII, may), and the words after it: an author list of
 * hundreds of names is scanned, not split.
 */
export function holdsInARow(text: string, phrase: readonly string[]): boolean {
  if (!phrase.length) return true;
  const initial = phrase[0]!.charCodeAt(0);
  const initials = initial < 0x80 ? [String.fromCharCode(initial).toLowerCase(), String.fromCharCode(initial).toUpperCase()] : [];
  for (let start = nextWord(text, 0); start < text.length;) {
    const end = wordEnd(text, start);
    const first = text[start]!;
    if ((first >= '\x80' || initials.includes(first)) && termOf(text.slice(start, end)) === phrase[0] && followedBy(text, end, phrase))
      return true;
    start = nextWord(text, end);
  }
  return false;
}

/** Whether the words from `from` on start with the phrase's terms after its first. */
function followedBy(text: string, from: number, phrase: readonly string[]): boolean {
  let end = from;
  for (let at = 1; at < phrase.length; at++) {
    const start = nextWord(text, end);
    if (start === text.length) return false;
    end = wordEnd(text, start);
    if (termOf(text.slice(start, end)) !== phrase[at]) return false;
  }
  return true;
}

/**
 * Every word of the text with its position, and its term when that is one of `sought`.
 * Stemming keeps a word's first letter, so only words starting like a sought term are stemmed.
 */
export function wordSpans(text: string, sought: ReadonlySet<string>): WordSpan[] {
  if (isAscii(text)) return asciiWordSpans(text, sought);
  return [...text.matchAll(WORD)].map((match) => {
    const term = termOf(match[0]);
    return { start: match.index, end: match.index + match[0].length, term: sought.has(term) ? term : null };
  });
}

/** wordSpans of text in ASCII alone, read a character at a time (a match object for each word took twice as long). */
function asciiWordSpans(text: string, sought: ReadonlySet<string>): WordSpan[] {
  const initials = new Set([...sought].map((term) => term.charCodeAt(0)));
  const spans: WordSpan[] = [];
  let start = -1;
  for (let at = 0; at <= text.length; at++) {
    const code = at < text.length ? text.charCodeAt(at) : 0;
    if (isAsciiWordCode(code)) {
      if (start < 0) start = at;
      continue;
    }
    if (start < 0) continue;
    const initial = text.charCodeAt(start);
    const term = initials.has(initial >= 65 && initial <= 90 ? initial + 32 : initial) ? termOf(text.slice(start, at)) : null;
    spans.push({ start, end: at, term: term !== null && sought.has(term) ? term : null });
    start = -1;
  }
  return spans;
}

/** Whether an ASCII code is a letter or a digit, in either case (what ASCII_WORD matches once lower-cased). */
function isAsciiWordCode(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57);
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
