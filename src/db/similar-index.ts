// "More like this" without a model: a paper's most distinctive terms by
// TF-IDF, with stems and document frequencies read from the index itself,
// then a BM25 query over those terms.
import type { Db } from './open.ts';
import { STOPWORDS } from '../domain/fts-match.ts';
import { wordsOf } from '../domain/query.ts';
import { pickDistinctiveTerms, type TermStats } from '../domain/tf-idf.ts';
import type { IndexHit } from './search-index.ts';
import { createTermStats } from './term-stats.ts';

const TERMS_PER_PAPER = 25;

export function createSimilarIndex(db: Db) {
  const terms = createTermStats(db);
  const paperCount = db.prepare('SELECT count(*) FROM papers').pluck();
  const paperText = db.prepare('SELECT seq, title, abstract FROM papers WHERE id = ?');

  /** Each distinct word with its stem, term frequency (title words count twice) and document frequency. */
  function termStats(title: string, abstract: string): TermStats[] {
    const counts = new Map<string, number>();
    for (const word of wordsOf(title)) counts.set(word, (counts.get(word) ?? 0) + 2);
    for (const word of wordsOf(abstract)) counts.set(word, (counts.get(word) ?? 0) + 1);
    const words = [...counts.keys()].filter((word) => word.length > 2 && !STOPWORDS.has(word) && !/^\d+$/.test(word));
    const stems = terms.stems(words);
    return words.map((word, index) => ({ word, stem: stems[index]!, tf: counts.get(word)!, df: terms.stemFrequency(stems[index]!) }));
  }

  function similarTo(id: string, limit: number, rank: (match: string, excludeSeq: number, limit: number) => IndexHit[]): IndexHit[] | null {
    const paper = paperText.get(id) as { seq: number; title: string; abstract: string } | undefined;
    if (!paper) return null;
    const terms = pickDistinctiveTerms(termStats(paper.title, paper.abstract), paperCount.get() as number, TERMS_PER_PAPER);
    if (!terms.length) return [];
    // Uniform terms: repeating the heaviest ones (BM25 sums over query terms) was tried and drifted off topic.
    return rank(terms.map((term) => `"${term.word}"`).join(' OR '), paper.seq, limit);
  }

  return { similarTo, termStats };
}

export type SimilarIndex = ReturnType<typeof createSimilarIndex>;
