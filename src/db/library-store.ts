// SQL for readers' libraries: collections (one of them the default reading
// list, made on first use) and the papers saved in them.
import { writeTransaction, type Db } from './open.ts';

export interface Collection {
  id: number;
  name: string;
  isDefault: boolean;
  papers: number;
}

export const DEFAULT_COLLECTION = 'Reading list';

export function createLibraryStore(db: Db) {
  const statements = {
    ensureDefault: db.prepare(
      'INSERT INTO collections (account_id, name, is_default, created_at) VALUES (?, ?, 1, ?) ON CONFLICT DO NOTHING',
    ),
    list: db.prepare(
      `SELECT c.id, c.name, c.is_default AS isDefault, (SELECT count(*) FROM collection_papers cp JOIN papers p ON p.id = cp.paper_id AND p.hidden_at IS NULL WHERE cp.collection_id = c.id) AS papers
       FROM collections c WHERE c.account_id = ? ORDER BY c.is_default DESC, c.name`,
    ),
    one: db.prepare(
      `SELECT c.id, c.name, c.is_default AS isDefault, (SELECT count(*) FROM collection_papers cp JOIN papers p ON p.id = cp.paper_id AND p.hidden_at IS NULL WHERE cp.collection_id = c.id) AS papers
       FROM collections c WHERE c.account_id = ? AND c.id = ?`,
    ),
    create: db.prepare('INSERT INTO collections (account_id, name, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING RETURNING id'),
    remove: db.prepare('DELETE FROM collections WHERE account_id = ? AND id = ? AND is_default = 0'),
    save: db.prepare('INSERT INTO collection_papers (collection_id, paper_id, added_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING'),
    unsave: db.prepare('DELETE FROM collection_papers WHERE collection_id = ? AND paper_id = ?'),
    paperIds: db
      .prepare(
        'SELECT cp.paper_id FROM collection_papers cp JOIN papers p ON p.id = cp.paper_id AND p.hidden_at IS NULL WHERE cp.collection_id = ? ORDER BY cp.added_at DESC, cp.paper_id',
      )
      .pluck(),
    membershipsAmong: db
      .prepare(
        'SELECT cp.paper_id, cp.collection_id FROM collections c JOIN collection_papers cp ON cp.collection_id = c.id WHERE c.account_id = ? AND cp.paper_id IN (SELECT value FROM json_each(?))',
      )
      .raw(),
    names: db.prepare('SELECT id, name, is_default AS isDefault FROM collections WHERE account_id = ? ORDER BY is_default DESC, name'),
    holds: db.prepare('SELECT 1 FROM collection_papers WHERE collection_id = ? AND paper_id = ?').pluck(),
    visiblePaper: db.prepare('SELECT 1 FROM papers WHERE id = ? AND hidden_at IS NULL').pluck(),
    paperByDoi: db.prepare('SELECT id FROM papers WHERE doi = ? COLLATE NOCASE AND hidden_at IS NULL').pluck(),
  };
  const toCollection = (row: { id: number; name: string; isDefault: number; papers: number }): Collection => ({
    ...row,
    isDefault: row.isDefault === 1,
  });
  return {
    collections(accountId: number, now: string): Collection[] {
      statements.ensureDefault.run(accountId, DEFAULT_COLLECTION, now);
      return (statements.list.all(accountId) as Parameters<typeof toCollection>[0][]).map(toCollection);
    },
    collection(accountId: number, id: number): Collection | null {
      const row = statements.one.get(accountId, id) as Parameters<typeof toCollection>[0] | undefined;
      return row ? toCollection(row) : null;
    },
    /** The new collection's id, or null when the account has one of that name. */
    create: (accountId: number, name: string, now: string) =>
      (statements.create.get(accountId, name, now) as { id: number } | undefined)?.id ?? null,
    remove: (accountId: number, id: number) => statements.remove.run(accountId, id).changes > 0,
    /** Adds papers that are shown here; returns those added or already there, in order. */
    save: writeTransaction(db, (collectionId: number, paperIds: string[], now: string): string[] => {
      const saved = paperIds.filter((id) => statements.visiblePaper.get(id));
      for (const id of saved) statements.save.run(collectionId, id, now);
      return saved;
    }),
    /** Which of the account's collections hold each of these papers. */
    membershipsAmong: (accountId: number, paperIds: readonly string[]) =>
      statements.membershipsAmong.all(accountId, JSON.stringify(paperIds)) as [string, number][],
    /** The account's collections without their counts: what save buttons name. */
    names: (accountId: number) =>
      (statements.names.all(accountId) as { id: number; name: string; isDefault: number }[]).map((row) => ({
        id: row.id,
        name: row.name,
        isDefault: row.isDefault === 1,
      })),
    holds: (collectionId: number, paperId: string) => statements.holds.get(collectionId, paperId) === 1,
    unsave: (collectionId: number, paperId: string) => statements.unsave.run(collectionId, paperId).changes > 0,
    paperIds: (collectionId: number) => statements.paperIds.all(collectionId) as string[],
    paperByDoi: (doi: string) => (statements.paperByDoi.get(doi) as string | undefined) ?? null,
  };
}

export type LibraryStore = ReturnType<typeof createLibraryStore>;
