// Admin changes to papers: hidden, shown again, merged into another paper
// (votes, saved entries and "not interested" marks move to it, papers merged
// into the duplicate are repointed). The rules are the moderation feature's.
import type { Sql } from './sql.ts';

const SQL = {
  paper: 'SELECT id, hidden_at AS "hiddenAt", merged_into AS "mergedInto" FROM papers WHERE id = ?',
  hide: 'UPDATE papers SET hidden_at = ? WHERE id = ?',
  show: 'UPDATE papers SET hidden_at = NULL, merged_into = NULL WHERE id = ?',
  markMerged: 'UPDATE papers SET hidden_at = ?, merged_into = ? WHERE id = ?',
  copyVotes:
    'INSERT INTO votes (account_id, paper_id, created_at) SELECT account_id, ?, created_at FROM votes WHERE paper_id = ? ON CONFLICT DO NOTHING',
  dropVotes: 'DELETE FROM votes WHERE paper_id = ?',
  copySaved:
    'INSERT INTO collection_papers (collection_id, paper_id, added_at) SELECT collection_id, ?, added_at FROM collection_papers WHERE paper_id = ? ON CONFLICT DO NOTHING',
  dropSaved: 'DELETE FROM collection_papers WHERE paper_id = ?',
  copyNotInterested:
    'INSERT INTO not_interested (account_id, paper_id, created_at) SELECT account_id, ?, created_at FROM not_interested WHERE paper_id = ? ON CONFLICT DO NOTHING',
  dropNotInterested: 'DELETE FROM not_interested WHERE paper_id = ?',
  repoint: 'UPDATE papers SET merged_into = ? WHERE merged_into = ?',
};

export function createModerationStore(sql: Sql) {
  return {
    paperState: (id: string) => sql.get<{ id: string; hiddenAt: string | null; mergedInto: string | null }>(SQL.paper, [id]),
    hide: async (id: string, now: string) => void (await sql.run(SQL.hide, [now, id])),
    show: async (id: string) => void (await sql.run(SQL.show, [id])),
    merge: (duplicate: string, into: string, now: string): Promise<void> =>
      sql.transaction(async (tx) => {
        for (const [copy, drop] of [
          [SQL.copyVotes, SQL.dropVotes],
          [SQL.copySaved, SQL.dropSaved],
          [SQL.copyNotInterested, SQL.dropNotInterested],
        ] as const) {
          await tx.run(copy, [into, duplicate]);
          await tx.run(drop, [duplicate]);
        }
        await tx.run(SQL.markMerged, [now, into, duplicate]);
        await tx.run(SQL.repoint, [into, duplicate]);
      }),
  };
}

export type ModerationStore = ReturnType<typeof createModerationStore>;
