// What a query asks papers to hold, in the ranking index's terms: its phrases
// and authors (each in a row; authors in the authors field), the start of a
// word still being typed, its words when every one must match (the newest-first
// order), its categories and code (key terms), its dates (the index's date
// keys) and its exclusions. The same papers FTS5's MATCH expressions and SQL's
// date conditions found, now answered by paperboy's own index on either store.
import type { ParsedQuery } from '../domain/query.ts';
import { STOPWORDS } from '../domain/stopwords.ts';
import { termsOf } from '../domain/terms.ts';
import { CODE_KEY, PAPER_TEXT, categoryKeyTerm } from '../db/paper-text.ts';
import type { Phrase } from '../text-index/matching.ts';
import { dateRange, type DateRange } from '../text-index/date-keys.ts';

export interface MatchPlan {
  required: Phrase[];
  /** Some term starting with this must be held (a word being typed). */
  prefix: string | null;
  /** Key terms of the filters: one of each group must be held (a category of those wanted; code). */
  keyed: string[][];
  excluded: Phrase[];
  /** The dates papers must be in (after: and before:), as keys; null for any. */
  dates: DateRange | null;
}

const AUTHORS_FIELD = PAPER_TEXT.fields.indexOf('authors');

const phraseOf = (words: readonly string[], field: number | null): Phrase => ({ terms: termsOf(words.join(' ')), field });

/**
 * `words`: every distinctive word must be held too (stopwords only when the query has nothing
 * else), as in the newest-first order; `prefix`: the word being typed must start a term held.
 */
export function matchPlan(query: ParsedQuery, { words, prefix }: { words: boolean; prefix: boolean }): MatchPlan {
  const distinctive = query.words.filter((word) => !STOPWORDS.has(word));
  const wanted = words ? [...new Set(distinctive.length ? distinctive : query.words)] : [];
  const required = [
    ...wanted.map((word) => phraseOf([word], null)),
    ...query.phrases.map((phrase) => phraseOf(phrase, null)),
    ...query.authors.map((author) => phraseOf(author, AUTHORS_FIELD)),
  ];
  return {
    required: required.filter((phrase) => phrase.terms.length),
    prefix: prefix ? query.prefix : null,
    keyed: filterKeys(query),
    excluded: query.excluded.map((phrase) => phraseOf(phrase, null)).filter((phrase) => phrase.terms.length),
    dates: query.after !== null || query.before !== null ? dateRange(query.after, query.before) : null,
  };
}

/** The category filters (any one of them) and the code filter, as groups of key terms. */
function filterKeys(query: ParsedQuery): string[][] {
  const groups = query.categories.length ? [[...new Set(query.categories)].map(categoryKeyTerm)] : [];
  return query.hasCode ? [...groups, [CODE_KEY]] : groups;
}

/** Whether the plan names anything a paper must hold (exclusions alone select nothing; dates alone are read in SQL). */
export function requiresAnything(plan: MatchPlan): boolean {
  return plan.required.length > 0 || plan.prefix !== null || plan.keyed.length > 0;
}

/** Phrases of several words: only the papers' text says whether they stand in a row. */
export function inARowChecks(plan: MatchPlan): { required: Phrase[]; excluded: Phrase[] } | null {
  const several = (phrase: Phrase) => phrase.terms.length > 1;
  const required = plan.required.filter(several);
  const excluded = plan.excluded.filter(several);
  return required.length || excluded.length ? { required, excluded } : null;
}
