// Words as the full-text index sees them: their stems (from a scratch FTS5
// table with the index's own tokenizer) and how many papers contain them
// (from the fts5vocab table).
import type { Db } from './open.ts';

export function createTermStats(db: Db) {
  db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.stem_scratch USING fts5 (word, tokenize = 'porter unicode61 remove_diacritics 2');
    CREATE VIRTUAL TABLE IF NOT EXISTS temp.stem_scratch_vocab USING fts5vocab (temp, stem_scratch, 'instance');`);
  const clear = db.prepare('DELETE FROM temp.stem_scratch');
  const insert = db.prepare('INSERT INTO temp.stem_scratch (rowid, word) VALUES (?, ?)');
  const readStems = db.prepare('SELECT doc, term FROM temp.stem_scratch_vocab');
  const frequency = db.prepare('SELECT doc FROM papers_vocab WHERE term = ?').pluck();

  /** The index's stem of each word, in order (a word the tokenizer drops keeps itself). */
  function stems(words: string[]): string[] {
    const byRow = db.transaction(() => {
      clear.run();
      words.forEach((word, index) => insert.run(index + 1, word));
      return new Map((readStems.all() as { doc: number; term: string }[]).map((row) => [row.doc, row.term]));
    })();
    return words.map((word, index) => byRow.get(index + 1) ?? word);
  }

  return {
    stems,
    /** How many papers contain the stem. */
    stemFrequency: (stem: string) => (frequency.get(stem) as number | undefined) ?? 0,
  };
}
