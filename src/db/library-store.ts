// SQL for readers' libraries: collections (one of them the default reading
// list, made on first use) and the papers saved in them.
import { inList, type Sql } from './sql.ts';

export interface Collection {
  id: number;
  name: string;
  isDefault: boolean;
  papers: number;
}

export const DEFAULT_COLLECTION = 'Reading list';

const SHOWN_COUNT =
  '(SELECT count(*) FROM collection_papers cp JOIN papers p ON p.id = cp.paper_id AND p.hidden_at IS NULL WHERE cp.collection_id = c.id) AS papers';

function statements(sql: Sql) {
  return {
    ensureDefault: 'INSERT INTO collections (account_id, name, is_default, created_at) VALUES (?, ?, 1, ?) ON CONFLICT DO NOTHING',
    list: `SELECT c.id, c.name, c.is_default AS "isDefault", ${SHOWN_COUNT} FROM collections c WHERE c.account_id = ? ORDER BY c.is_default DESC, c.name`,
    one: `SELECT c.id, c.name, c.is_default AS "isDefault", ${SHOWN_COUNT} FROM collections c WHERE c.account_id = ? AND c.id = ?`,
    create: 'INSERT INTO collections (account_id, name, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING RETURNING id',
    remove: 'DELETE FROM collections WHERE account_id = ? AND id = ? AND is_default = 0',
    save: 'INSERT INTO collection_papers (collection_id, paper_id, added_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
    unsave: 'DELETE FROM collection_papers WHERE collection_id = ? AND paper_id = ?',
    paperIds: `SELECT cp.paper_id FROM collection_papers cp JOIN papers p ON p.id = cp.paper_id AND p.hidden_at IS NULL
      WHERE cp.collection_id = ? ORDER BY cp.added_at DESC, cp.paper_id`,
    membershipsAmong: `SELECT cp.paper_id AS "paperId", cp.collection_id AS "collectionId" FROM collections c
      JOIN collection_papers cp ON cp.collection_id = c.id WHERE c.account_id = ? AND cp.paper_id ${inList(sql, '?')}`,
    names: 'SELECT id, name, is_default AS "isDefault" FROM collections WHERE account_id = ? ORDER BY is_default DESC, name',
    holds: 'SELECT 1 FROM collection_papers WHERE collection_id = ? AND paper_id = ?',
    visiblePaper: 'SELECT 1 FROM papers WHERE id = ? AND hidden_at IS NULL',
    // DOIs are case-insensitive (ASCII); lower() folds ASCII alike in both engines.
    paperByDoi: 'SELECT id FROM papers WHERE lower(doi) = lower(?) AND hidden_at IS NULL',
  };
}

type CollectionRow = { id: number; name: string; isDefault: number; papers: number };

const toCollection = (row: CollectionRow): Collection => ({ ...row, isDefault: row.isDefault === 1 });

export function createLibraryStore(sql: Sql) {
  const text = statements(sql);
  return {
    async collections(accountId: number, now: string): Promise<Collection[]> {
      await sql.run(text.ensureDefault, [accountId, DEFAULT_COLLECTION, now]);
      return (await sql.all<CollectionRow>(text.list, [accountId])).map(toCollection);
    },
    async collection(accountId: number, id: number): Promise<Collection | null> {
      const row = await sql.get<CollectionRow>(text.one, [accountId, id]);
      return row ? toCollection(row) : null;
    },
    /** The new collection's id, or null when the account has one of that name. */
    create: async (accountId: number, name: string, now: string) => (await sql.value<number>(text.create, [accountId, name, now])) ?? null,
    remove: async (accountId: number, id: number) => (await sql.run(text.remove, [accountId, id])) > 0,
    /** Adds papers that are shown here; returns those added or already there, in order. */
    save: (collectionId: number, paperIds: string[], now: string): Promise<string[]> =>
      sql.transaction(async (tx) => {
        const saved: string[] = [];
        for (const id of paperIds) if (await tx.value(text.visiblePaper, [id])) saved.push(id);
        for (const id of saved) await tx.run(text.save, [collectionId, id, now]);
        return saved;
      }),
    /** Which of the account's collections hold each of these papers, as [paper, collection] pairs. */
    async membershipsAmong(accountId: number, paperIds: readonly string[]): Promise<[string, number][]> {
      const rows = await sql.all<{ paperId: string; collectionId: number }>(text.membershipsAmong, [accountId, paperIds]);
      return rows.map((row) => [row.paperId, row.collectionId]);
    },
    /** The account's collections without their counts: what save buttons name. */
    names: async (accountId: number) =>
      (await sql.all<{ id: number; name: string; isDefault: number }>(text.names, [accountId])).map((row) => ({
        id: row.id,
        name: row.name,
        isDefault: row.isDefault === 1,
      })),
    holds: async (collectionId: number, paperId: string) => (await sql.value(text.holds, [collectionId, paperId])) === 1,
    unsave: async (collectionId: number, paperId: string) => (await sql.run(text.unsave, [collectionId, paperId])) > 0,
    paperIds: (collectionId: number) => sql.column<string>(text.paperIds, [collectionId]),
    paperByDoi: async (doi: string) => (await sql.value<string>(text.paperByDoi, [doi])) ?? null,
  };
}

export type LibraryStore = ReturnType<typeof createLibraryStore>;
