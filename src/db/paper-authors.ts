// SQL for paper_authors: one row per author of a paper with the folded name,
// written whenever a paper's authors are; and the reads of author pages (an
// author's papers, the names sharing a surname, co-authors and categories).
import type { Db } from './open.ts';
import { MAX_NAME_CHARS, nameKey, surnameOf } from '../domain/author-names.ts';

/** Authors of one paper that get rows: a paper can name thousands (collaborations); pages show the first ones. */
export const MAX_AUTHOR_ROWS = 500;

const KEYS = 'IN (SELECT value FROM json_each(?))';
const SHOWN = 'JOIN papers p ON p.id = a.paper_id AND p.hidden_at IS NULL';

export function createPaperAuthors(db: Db) {
  const statements = {
    remove: db.prepare('DELETE FROM paper_authors WHERE paper_id = ?'),
    insert: db.prepare('INSERT INTO paper_authors (paper_id, position, name, name_key, surname_key) VALUES (?, ?, ?, ?, ?)'),
    keysWithSurname: db.prepare('SELECT DISTINCT name_key FROM paper_authors WHERE surname_key = ? LIMIT 5000').pluck(),
    papers: db
      .prepare(
        `SELECT DISTINCT a.paper_id FROM paper_authors a ${SHOWN} WHERE a.name_key ${KEYS}
         ORDER BY p.published_at DESC, a.paper_id DESC LIMIT ? OFFSET ?`,
      )
      .pluck(),
    count: db.prepare(`SELECT count(DISTINCT a.paper_id) FROM paper_authors a ${SHOWN} WHERE a.name_key ${KEYS}`).pluck(),
    names: db.prepare(
      `SELECT a.name, count(*) AS papers FROM paper_authors a ${SHOWN} WHERE a.name_key ${KEYS} GROUP BY a.name ORDER BY papers DESC, a.name`,
    ),
    coauthors: db.prepare(
      `SELECT a.name_key AS key, min(a.name) AS name, count(DISTINCT a.paper_id) AS papers FROM paper_authors a
       WHERE a.paper_id ${KEYS} AND a.name_key NOT ${KEYS} GROUP BY a.name_key ORDER BY papers DESC, key LIMIT ?`,
    ),
    categories: db.prepare(
      `SELECT category, count(*) AS papers FROM paper_categories WHERE paper_id ${KEYS} GROUP BY category ORDER BY papers DESC, category LIMIT ?`,
    ),
    anyRow: db.prepare('SELECT 1 FROM paper_authors LIMIT 1').pluck(),
    after: db.prepare(`SELECT id, authors FROM papers WHERE id > ? AND authors != '[]' ORDER BY id LIMIT 5000`).raw(),
  };

  function write(paperId: string, names: readonly string[]): void {
    statements.remove.run(paperId);
    names.slice(0, MAX_AUTHOR_ROWS).forEach((name, position) => {
      const key = nameKey(name);
      if (key) statements.insert.run(paperId, position, name.slice(0, MAX_NAME_CHARS), key, surnameOf(key));
    });
  }

  return {
    write,
    /**
     * Rows for papers stored before the table existed; how many papers were done. One transaction,
     * and every paper written since gets its rows with it: any row means there is nothing to do,
     * so a start reads one row, not every paper.
     */
    addMissing(): number {
      if (statements.anyRow.get()) return 0;
      return db.transaction(() => {
        let [done, after] = [0, ''];
        for (
          let rows = statements.after.all(after) as [string, string][];
          rows.length;
          rows = statements.after.all(after) as [string, string][]
        ) {
          for (const [id, authors] of rows) write(id, JSON.parse(authors) as string[]);
          done += rows.length;
          after = rows.at(-1)![0];
        }
        return done;
      })();
    },
    keysWithSurname: (surname: string) => statements.keysWithSurname.all(surname) as string[],
    /** Shown papers of any of the keys, newest first. */
    paperIds: (keys: string[], limit: number, offset: number) => statements.papers.all(JSON.stringify(keys), limit, offset) as string[],
    countPapers: (keys: string[]) => statements.count.get(JSON.stringify(keys)) as number,
    /** The names written for the keys, most used first. */
    names: (keys: string[]) => statements.names.all(JSON.stringify(keys)) as { name: string; papers: number }[],
    coauthors: (paperIds: string[], keys: string[], limit: number) =>
      statements.coauthors.all(JSON.stringify(paperIds), JSON.stringify(keys), limit) as { key: string; name: string; papers: number }[],
    categories: (paperIds: string[], limit: number) =>
      statements.categories.all(JSON.stringify(paperIds), limit) as { category: string; papers: number }[],
  };
}

export type PaperAuthors = ReturnType<typeof createPaperAuthors>;
