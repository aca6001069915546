// "More like this" without a model: a paper's most distinctive terms by
// TF-IDF, with stems and document frequencies read from FTS5 itself so they
// match the index exactly, then a BM25 query over those terms.
import type { Db } from './open.ts';
import { STOPWORDS } from '../domain/fts-match.ts';
import { wordsOf } from '../domain/query.ts';
import { pickDistinctiveTerms, type TermStats } from '../domain/tf-idf.ts';
import type { IndexHit } from './search-index.ts';

const TERMS_PER_PAPER = 25;

export function createSimilarIndex(db: Db) {
  // A scratch FTS5 table with the main index's tokenizer: it turns words into the index's stems.
  db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.stem_scratch USING fts5 (word, tokenize = 'porter unicode61 remove_diacritics 2');
    CREATE VIRTUAL TABLE IF NOT EXISTS temp.stem_scratch_vocab USING fts5vocab (temp, stem_scratch, 'instance');`);
  const clear = db.prepare('DELETE FROM temp.stem_scratch');
  const insert = db.prepare('INSERT INTO temp.stem_scratch (rowid, word) VALUES (?, ?)');
  const stems = db.prepare('SELECT doc, term FROM temp.stem_scratch_vocab');
  const documentFrequency = db.prepare('SELECT doc FROM papers_vocab WHERE term = ?').pluck();
  const paperCount = db.prepare('SELECT count(*) FROM papers').pluck();
  const paperText = db.prepare('SELECT seq, title, abstract FROM papers WHERE id = ?');

  /** Each distinct word with its stem, term frequency (title words count twice) and document frequency. */
  function termStats(title: string, abstract: string): TermStats[] {
    const counts = new Map<string, number>();
    for (const word of wordsOf(title)) counts.set(word, (counts.get(word) ?? 0) + 2);
    for (const word of wordsOf(abstract)) counts.set(word, (counts.get(word) ?? 0) + 1);
    const words = [...counts.keys()].filter((word) => word.length > 2 && !STOPWORDS.has(word) && !/^\d+$/.test(word));
    const stemOf = db.transaction(() => {
      clear.run();
      words.forEach((word, index) => insert.run(index + 1, word));
      return new Map((stems.all() as { doc: number; term: string }[]).map((row) => [row.doc, row.term]));
    })();
    return words.map((word, index) => {
      const stem = stemOf.get(index + 1) ?? word;
      return { word, stem, tf: counts.get(word)!, df: (documentFrequency.get(stem) as number | undefined) ?? 0 };
    });
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
