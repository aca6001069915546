// "More like this" without a model: a paper's most distinctive terms by
// TF-IDF, with document frequencies from the ranking index, then a BM25 query
// over those terms.
import type { Db } from './open.ts';
import { STOPWORDS } from '../domain/fts-match.ts';
import { wordsOf } from '../domain/query.ts';
import { termOf } from '../domain/terms.ts';
import { pickDistinctiveTerms, type TermStats } from '../domain/tf-idf.ts';
import type { IndexHit, SearchIndex } from './search-index.ts';

const TERMS_PER_PAPER = 25;

export function createSimilarIndex(db: Db) {
  const paperCount = db.prepare('SELECT count(*) FROM papers').pluck();
  const paperText = db.prepare('SELECT seq, title, abstract FROM papers WHERE id = ?');

  /** Each distinct word with its term, term frequency (title words count twice) and document frequency. */
  function termStats(title: string, abstract: string, index: SearchIndex): TermStats[] {
    const counts = new Map<string, number>();
    for (const word of wordsOf(title)) counts.set(word, (counts.get(word) ?? 0) + 2);
    for (const word of wordsOf(abstract)) counts.set(word, (counts.get(word) ?? 0) + 1);
    const words = [...counts.keys()].filter((word) => word.length > 2 && !STOPWORDS.has(word) && !/^\d+$/.test(word));
    const frequencies = index.termFrequencies(words.map(termOf));
    return words.map((word) => ({ word, stem: termOf(word), tf: counts.get(word)!, df: frequencies.get(termOf(word)) ?? 0 }));
  }

  function similarTo(id: string, limit: number, index: SearchIndex): IndexHit[] | null {
    const paper = paperText.get(id) as { seq: number; title: string; abstract: string } | undefined;
    if (!paper) return null;
    const terms = pickDistinctiveTerms(termStats(paper.title, paper.abstract, index), paperCount.get() as number, TERMS_PER_PAPER);
    if (!terms.length) return [];
    // Uniform terms: repeating the heaviest ones (BM25 sums over query terms) was tried and drifted off topic.
    return index.rankTerms(terms.map((term) => termOf(term.word)), paper.seq, limit);
  }

  return { similarTo };
}

export type SimilarIndex = ReturnType<typeof createSimilarIndex>;
