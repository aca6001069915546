// "More like this" without a model: a paper's most distinctive terms by
// TF-IDF, with document frequencies from the text index, then a BM25 query
// over those terms.
import { STOPWORDS } from '../domain/stopwords.ts';
import { wordsOf } from '../domain/query.ts';
import { termOf } from '../domain/terms.ts';
import { pickDistinctiveTerms, type TermStats } from '../domain/tf-idf.ts';
import type { IndexHit, LexicalSearch } from './lexical.ts';

const TERMS_PER_PAPER = 25;

/** Each distinct word with its term, term frequency (title words count twice) and document frequency. */
async function termStats(title: string, abstract: string, lexical: LexicalSearch): Promise<TermStats[]> {
  const counts = new Map<string, number>();
  for (const word of wordsOf(title)) counts.set(word, (counts.get(word) ?? 0) + 2);
  for (const word of wordsOf(abstract)) counts.set(word, (counts.get(word) ?? 0) + 1);
  const words = [...counts.keys()].filter((word) => word.length > 2 && !STOPWORDS.has(word) && !/^\d+$/.test(word));
  const frequencies = await lexical.termFrequencies(words.map(termOf));
  return words.map((word) => ({ word, stem: termOf(word), tf: counts.get(word)!, df: frequencies.get(termOf(word)) ?? 0 }));
}

/** Papers like the given one by their words, or null when there is no such paper. */
export async function similarByWords(lexical: LexicalSearch, id: string, limit: number): Promise<IndexHit[] | null> {
  const paper = await lexical.paperText(id);
  if (!paper) return null;
  const terms = pickDistinctiveTerms(await termStats(paper.title, paper.abstract, lexical), await lexical.paperCount(), TERMS_PER_PAPER);
  if (!terms.length) return [];
  // Uniform terms: repeating the heaviest ones (BM25 sums over query terms) was tried and drifted off topic.
  return lexical.rankTerms(
    terms.map((term) => termOf(term.word)),
    paper.seq,
    limit,
  );
}
