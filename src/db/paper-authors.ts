// SQL for paper_authors: one row per author of a paper with the folded name,
// written whenever a paper's authors are; and the reads of author pages (an
// author's papers, the names sharing a surname, co-authors and categories).
import { inList, insertRows, type Sql } from './sql.ts';
import { MAX_NAME_CHARS, nameKey, surnameOf } from '../domain/author-names.ts';

/** Authors of one paper that get rows: a paper can name thousands (collaborations); pages show the first ones. */
export const MAX_AUTHOR_ROWS = 500;

const SHOWN = 'JOIN papers p ON p.id = a.paper_id AND p.hidden_at IS NULL';

function statements(sql: Sql) {
  const keys = inList(sql, '?');
  return {
    remove: 'DELETE FROM paper_authors WHERE paper_id = ?',
    insert: 'INSERT INTO paper_authors (paper_id, position, name, name_key, surname_key) VALUES',
    keysWithSurname: 'SELECT DISTINCT name_key FROM paper_authors WHERE surname_key = ? LIMIT 5000',
    // The newest first; DISTINCT over the ordering columns, as PostgreSQL wants them selected.
    papers: `SELECT a.paper_id FROM paper_authors a ${SHOWN} WHERE a.name_key ${keys}
       GROUP BY a.paper_id, p.published_at ORDER BY p.published_at DESC, a.paper_id DESC LIMIT ? OFFSET ?`,
    count: `SELECT count(DISTINCT a.paper_id) FROM paper_authors a ${SHOWN} WHERE a.name_key ${keys}`,
    names: `SELECT a.name, count(*) AS papers FROM paper_authors a ${SHOWN} WHERE a.name_key ${keys} GROUP BY a.name ORDER BY papers DESC, a.name`,
    coauthors: `SELECT a.name_key AS key, min(a.name) AS name, count(DISTINCT a.paper_id) AS papers FROM paper_authors a
       WHERE a.paper_id ${keys} AND NOT (a.name_key ${keys}) GROUP BY a.name_key ORDER BY papers DESC, key LIMIT ?`,
    categories: `SELECT category, count(*) AS papers FROM paper_categories WHERE paper_id ${keys}
      GROUP BY category ORDER BY papers DESC, category LIMIT ?`,
    anyRow: 'SELECT 1 FROM paper_authors LIMIT 1',
    after: "SELECT id, authors FROM papers WHERE id > ? AND authors != '[]' ORDER BY id LIMIT 5000",
  };
}

export function createPaperAuthors(sql: Sql) {
  const text = statements(sql);

  /** Writes the author rows of a paper that has none yet; `on` is the transaction the paper is written in. */
  async function add(paperId: string, names: readonly string[], on: Sql = sql): Promise<void> {
    const rows = names.slice(0, MAX_AUTHOR_ROWS).flatMap((name, position) => {
      const key = nameKey(name);
      return key ? [[paperId, position, name.slice(0, MAX_NAME_CHARS), key, surnameOf(key)]] : [];
    });
    await insertRows(on, text.insert, 5, rows);
  }

  /** Writes a paper's author rows in place of those it had. */
  async function write(paperId: string, names: readonly string[], on: Sql = sql): Promise<void> {
    await on.run(text.remove, [paperId]);
    await add(paperId, names, on);
  }

  return {
    add,
    write,
    /**
     * Rows for papers stored before the table existed; how many papers were done. One transaction,
     * and every paper written since gets its rows with it: any row means there is nothing to do,
     * so a start reads one row, not every paper.
     */
    async addMissing(): Promise<number> {
      if (await sql.value(text.anyRow)) return 0;
      return sql.transaction(async (tx) => {
        let [done, after] = [0, ''];
        for (let rows = await tx.all<{ id: string; authors: string }>(text.after, [after]); rows.length;) {
          for (const { id, authors } of rows) await add(id, JSON.parse(authors) as string[], tx);
          done += rows.length;
          after = rows.at(-1)!.id;
          rows = await tx.all<{ id: string; authors: string }>(text.after, [after]);
        }
        return done;
      });
    },
    keysWithSurname: (surname: string) => sql.column<string>(text.keysWithSurname, [surname]),
    /** Shown papers of any of the keys, newest first. */
    paperIds: (keys: string[], limit: number, offset: number) => sql.column<string>(text.papers, [keys, limit, offset]),
    countPapers: async (keys: string[]) => (await sql.value<number>(text.count, [keys]))!,
    /** The names written for the keys, most used first. */
    names: (keys: string[]) => sql.all<{ name: string; papers: number }>(text.names, [keys]),
    coauthors: (paperIds: string[], keys: string[], limit: number) =>
      sql.all<{ key: string; name: string; papers: number }>(text.coauthors, [paperIds, keys, limit]),
    categories: (paperIds: string[], limit: number) => sql.all<{ category: string; papers: number }>(text.categories, [paperIds, limit]),
  };
}

export type PaperAuthors = ReturnType<typeof createPaperAuthors>;
