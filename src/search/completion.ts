// The last word of a query read as the start of a longer word while it is
// being typed ("speech enh" → enhancement, enhanced): the words of the index
// it starts, most frequent first, when it is no word of the index itself. A
// word typed a letter or two past its stem ("learnin", whose papers hold the
// term "learn") is read as that stem's start. A stopword is a whole word as
// typed: it is never read as a start, nor looked up (a search leaves it out,
// and "and" alone is 6 MB of postings at 2.7 million papers).
import type { ParsedQuery } from '../domain/query.ts';
import { foldedWord, termOf } from '../domain/terms.ts';
import { STOPWORDS } from '../domain/stopwords.ts';
import type { TermPostings } from '../text-index/bm25.ts';

/** Shorter words are complete as typed: two letters start too many words to say which. */
const MIN_CHARS = 3;
/** Terms read to choose from, and terms a word stands for. */
const CANDIDATES = 64;
export const COMPLETIONS = 8;
/** How many letters a word may run past the stem it is read from. */
const PAST_STEM = 2;

export interface CompletionSource {
  lookUp(terms: string[]): Promise<TermPostings[]>;
  termsStartingWith(prefix: string, limit: number): Promise<string[]>;
}

export interface Completion {
  /** The query with its last word as a prefix (`prefix`) instead of a word. */
  query: ParsedQuery;
  /** The terms the prefix stands for in ranking and highlighting. */
  terms: string[];
}

export async function completeLastWord(query: ParsedQuery, index: CompletionSource): Promise<Completion | null> {
  const word = query.lastWord;
  if (!word || word.length < MIN_CHARS || /^\d+$/.test(word) || STOPWORDS.has(word)) return null;
  if ((await index.lookUp([termOf(word)]))[0]!.held) return null;
  const prefix = foldedWord(word);
  const terms = mostFrequent(await index.lookUp(await index.termsStartingWith(prefix, CANDIDATES)));
  const stem = terms.length ? null : await stemTypedPast(prefix, index);
  if (!terms.length && !stem) return null;
  const words = [...query.words];
  words.splice(words.lastIndexOf(word), 1);
  return { query: { ...query, words, prefix: stem ?? prefix }, terms: terms.length ? terms : [stem!] };
}

/** The term the word runs at most PAST_STEM letters past ("learnin" → "learn"), when there is one. */
async function stemTypedPast(word: string, index: CompletionSource): Promise<string | null> {
  for (let cut = 1; cut <= PAST_STEM && word.length - cut >= MIN_CHARS; cut++) {
    const stem = word.slice(0, -cut);
    if ((await index.lookUp([stem]))[0]!.held) return stem;
  }
  return null;
}

function mostFrequent(terms: TermPostings[]): string[] {
  return terms
    .filter((term) => term.frequency > 0)
    .sort((a, b) => b.frequency - a.frequency || (a.term < b.term ? -1 : 1))
    .slice(0, COMPLETIONS)
    .map((term) => term.term);
}
