// The reads of author pages: the papers filed under an author's name keys in
// the text index (db/paper-text.ts), shown ones newest first, the names they
// write, their co-authors and categories; and the keys sharing a surname.
import { inList, type Sql } from './sql.ts';
import { MAX_NAME_CHARS, nameKey } from '../domain/author-names.ts';
import { compareCodePoints } from '../domain/code-points.ts';
import { authorKeyTerm, MAX_KEYED_AUTHORS, nameKeyOfTerm, storedAuthors, surnamePrefix } from './paper-text.ts';
import type { IndexReader } from '../text-index/reader.ts';

/** The most papers one author page reads (across the keys of its name); the most name keys one surname lists. */
export const MAX_AUTHOR_PAPERS = 20_000;
const MAX_SURNAME_KEYS = 5_000;

function statements(sql: Sql) {
  const list = inList(sql, '?');
  const shown = `seq ${list} AND hidden_at IS NULL`;
  return {
    papers: `SELECT id FROM papers WHERE ${shown} ORDER BY published_at DESC, id DESC LIMIT ? OFFSET ?`,
    count: `SELECT count(*) FROM papers WHERE ${shown}`,
    authorsOfSeqs: `SELECT authors FROM papers WHERE ${shown}`,
    authorsOfIds: `SELECT authors FROM papers WHERE id ${list}`,
    categories: `SELECT category, count(*) AS papers FROM paper_categories WHERE paper_id ${list}
      GROUP BY category ORDER BY papers DESC, category LIMIT ?`,
  };
}

export function createPaperAuthors(sql: Sql, index: IndexReader) {
  const text = statements(sql);

  /** Each keyed name of each paper, with its key (papers given as their authors column). */
  function keyedNames(authorsColumns: string[]): { name: string; key: string }[][] {
    return authorsColumns.map((column) =>
      storedAuthors(column)
        .slice(0, MAX_KEYED_AUTHORS)
        .map((name) => ({ name: name.slice(0, MAX_NAME_CHARS), key: nameKey(name) })),
    );
  }

  return {
    keysWithSurname: async (surname: string): Promise<string[]> => {
      await index.refresh();
      return (await index.termsStartingWith(surnamePrefix(surname), MAX_SURNAME_KEYS)).map(nameKeyOfTerm);
    },
    /** The papers filed under any of the keys (shown or not), in seq order: the last MAX_AUTHOR_PAPERS (the latest written). */
    seqsOf: async (keys: string[]): Promise<number[]> => {
      await index.refresh();
      const seqs = new Set<number>();
      for (const key of new Set(keys)) for (const seq of await index.liveSeqs(authorKeyTerm(key), MAX_AUTHOR_PAPERS)) seqs.add(seq);
      return [...seqs].sort((a, b) => a - b).slice(-MAX_AUTHOR_PAPERS);
    },
    /** Of the papers, the shown ones, newest first. */
    paperIds: (seqs: number[], limit: number, offset: number) => sql.column<string>(text.papers, [seqs, limit, offset]),
    countPapers: async (seqs: number[]) => (await sql.value<number>(text.count, [seqs]))!,
    /** The names the shown papers write for the keys, most used first. */
    names: async (seqs: number[], keys: string[]): Promise<{ name: string; papers: number }[]> => {
      const wanted = new Set(keys);
      const counts = new Map<string, number>();
      for (const names of keyedNames(await sql.column<string>(text.authorsOfSeqs, [seqs])))
        for (const { name, key } of names) if (wanted.has(key)) counts.set(name, (counts.get(name) ?? 0) + 1);
      return [...counts]
        .map(([name, papers]) => ({ name, papers }))
        .sort((a, b) => b.papers - a.papers || compareCodePoints(a.name, b.name));
    },
    /** The other authors of the papers, those on most papers first, each under the least of its written names. */
    coauthors: async (paperIds: string[], keys: string[], limit: number) => {
      const own = new Set(keys);
      const found = new Map<string, { key: string; name: string; papers: number }>();
      for (const names of keyedNames(await sql.column<string>(text.authorsOfIds, [paperIds]))) {
        const counted = new Set<string>();
        for (const { name, key } of names) {
          if (!key || own.has(key)) continue;
          const coauthor = found.get(key) ?? found.set(key, { key, name, papers: 0 }).get(key)!;
          if (compareCodePoints(name, coauthor.name) < 0) coauthor.name = name;
          if (!counted.has(key)) coauthor.papers++;
          counted.add(key);
        }
      }
      return [...found.values()].sort((a, b) => b.papers - a.papers || compareCodePoints(a.key, b.key)).slice(0, limit);
    },
    categories: (paperIds: string[], limit: number) => sql.all<{ category: string; papers: number }>(text.categories, [paperIds, limit]),
  };
}

export type PaperAuthors = ReturnType<typeof createPaperAuthors>;
