// Admin changes to papers: hidden, shown again, merged into another paper
// (votes, saved entries and "not interested" marks move to it, papers merged
// into the duplicate are repointed). The rules are the moderation feature's.
import { writeTransaction, type Db } from './open.ts';

export function createModerationStore(db: Db) {
  const statements = {
    paper: db.prepare('SELECT id, hidden_at AS hiddenAt, merged_into AS mergedInto FROM papers WHERE id = ?'),
    hide: db.prepare('UPDATE papers SET hidden_at = ? WHERE id = ?'),
    show: db.prepare('UPDATE papers SET hidden_at = NULL, merged_into = NULL WHERE id = ?'),
    markMerged: db.prepare('UPDATE papers SET hidden_at = ?, merged_into = ? WHERE id = ?'),
    copyVotes: db.prepare(
      'INSERT INTO votes (account_id, paper_id, created_at) SELECT account_id, ?, created_at FROM votes WHERE paper_id = ? ON CONFLICT DO NOTHING',
    ),
    dropVotes: db.prepare('DELETE FROM votes WHERE paper_id = ?'),
    copySaved: db.prepare(
      'INSERT INTO collection_papers (collection_id, paper_id, added_at) SELECT collection_id, ?, added_at FROM collection_papers WHERE paper_id = ? ON CONFLICT DO NOTHING',
    ),
    dropSaved: db.prepare('DELETE FROM collection_papers WHERE paper_id = ?'),
    copyNotInterested: db.prepare(
      'INSERT INTO not_interested (account_id, paper_id, created_at) SELECT account_id, ?, created_at FROM not_interested WHERE paper_id = ? ON CONFLICT DO NOTHING',
    ),
    dropNotInterested: db.prepare('DELETE FROM not_interested WHERE paper_id = ?'),
    repoint: db.prepare('UPDATE papers SET merged_into = ? WHERE merged_into = ?'),
  };
  return {
    paperState: (id: string) => statements.paper.get(id) as { id: string; hiddenAt: string | null; mergedInto: string | null } | undefined,
    hide: (id: string, now: string) => void statements.hide.run(now, id),
    show: (id: string) => void statements.show.run(id),
    merge: writeTransaction(db, (duplicate: string, into: string, now: string): void => {
      statements.copyVotes.run(into, duplicate);
      statements.dropVotes.run(duplicate);
      statements.copySaved.run(into, duplicate);
      statements.dropSaved.run(duplicate);
      statements.copyNotInterested.run(into, duplicate);
      statements.dropNotInterested.run(duplicate);
      statements.markMerged.run(now, into, duplicate);
      statements.repoint.run(into, duplicate);
    }),
  };
}

export type ModerationStore = ReturnType<typeof createModerationStore>;
