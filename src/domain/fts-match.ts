// Turns a parsed query into an FTS5 MATCH expression. Every word is quoted, so
// no user input is ever read as FTS5 syntax.
import type { ParsedQuery } from './query.ts';

/** "any": words are alternatives ranked by BM25; "all": every word must match. */
export type MatchMode = 'any' | 'all';

// Words too common to tell papers apart; dropped unless the query has nothing else.
export const STOPWORDS = new Set(
  (
    'a an and are as at be been being but by can could did do does for from had has have how i if in into is it its may might ' +
    'more most no not of on or our over such than that the their them then there these they this those to under up via was we ' +
    'were what when where which while who whom why will with would you your using based paper show shows study'
  ).split(' '),
);

const quote = (words: string[]) => `"${words.join(' ')}"`;

export function toMatchExpression(query: ParsedQuery, mode: MatchMode): string | null {
  const distinctive = query.words.filter((word) => !STOPWORDS.has(word));
  const words = [...new Set(distinctive.length ? distinctive : query.words)].map((word) => quote([word]));
  // The start of a word: FTS5's prefix query, on the same stemmed tokens.
  if (query.prefix) words.push(`${quote([query.prefix])}*`);
  const group = words.length === 1 ? words[0]! : words.length ? `(${words.join(mode === 'any' ? ' OR ' : ' AND ')})` : null;
  return withOperators(group, query);
}

/** The papers to leave out, as one FTS5 expression (any excluded word or phrase), or null. */
export function toExclusionsExpression(query: ParsedQuery): string | null {
  return query.excluded.length ? query.excluded.map(quote).join(' OR ') : null;
}

/** The words group joined with the query's phrases, authors and exclusions. */
function withOperators(group: string | null, query: ParsedQuery): string | null {
  const positives = group ? [group] : [];
  for (const phrase of query.phrases) positives.push(quote(phrase));
  for (const author of query.authors) positives.push(`authors : ${quote(author)}`);
  if (!positives.length) return null;
  return [positives.join(' AND '), ...query.excluded.map((words) => `NOT ${quote(words)}`)].join(' ');
}
