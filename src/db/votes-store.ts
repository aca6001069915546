// Votes: one row per account and paper. Counts are always counted, never
// kept, so concurrent votes cannot leave a wrong total.
import { writeTransaction, type Db } from './open.ts';
import type { Gain } from '../domain/trending.ts';

export function createVoteStore(db: Db) {
  const statements = {
    visiblePaper: db.prepare('SELECT 1 FROM papers WHERE id = ? AND hidden_at IS NULL').pluck(),
    insert: db.prepare('INSERT INTO votes (account_id, paper_id, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING'),
    remove: db.prepare('DELETE FROM votes WHERE account_id = ? AND paper_id = ?'),
    count: db.prepare('SELECT count(*) FROM votes WHERE paper_id = ?').pluck(),
    counts: db.prepare('SELECT paper_id, count(*) FROM votes WHERE paper_id IN (SELECT value FROM json_each(?)) GROUP BY paper_id').raw(),
    votedAmong: db.prepare('SELECT paper_id FROM votes WHERE account_id = ? AND paper_id IN (SELECT value FROM json_each(?))').pluck(),
    gains: db.prepare('SELECT paper_id, created_at FROM votes').raw(),
  };
  const setVote = writeTransaction(db, (accountId: number, paperId: string, voted: boolean, now: string): number | null => {
    if (!statements.visiblePaper.get(paperId)) return null;
    if (voted) statements.insert.run(accountId, paperId, now);
    else statements.remove.run(accountId, paperId);
    return statements.count.get(paperId) as number;
  });
  return {
    /** Sets the account's vote on a visible paper; the paper's count after, or null when there is no such paper. */
    setVote,
    counts(ids: readonly string[]): Map<string, number> {
      return new Map(statements.counts.all(JSON.stringify(ids)) as [string, number][]);
    },
    /** Which of these papers the account voted for (one lookup in the primary key each). */
    votedAmong(accountId: number, paperIds: readonly string[]): Set<string> {
      return new Set(statements.votedAmong.all(accountId, JSON.stringify(paperIds)) as string[]);
    },
    /** Every vote as a gain of one vote at the time it was cast. */
    gains(): Gain[] {
      return (statements.gains.all() as [string, string][]).map(([paperId, at]) => ({
        paperId,
        kind: 'votes',
        at: Date.parse(at),
        amount: 1,
      }));
    },
  };
}

export type VoteStore = ReturnType<typeof createVoteStore>;
