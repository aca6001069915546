// Votes: one row per account and paper. Counts are always counted, never
// kept, so concurrent votes cannot leave a wrong total.
import { inList, type Sql } from './sql.ts';
import type { Gain } from '../domain/trending.ts';

export function createVoteStore(sql: Sql) {
  const text = {
    visiblePaper: 'SELECT 1 FROM papers WHERE id = ? AND hidden_at IS NULL',
    insert: 'INSERT INTO votes (account_id, paper_id, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
    remove: 'DELETE FROM votes WHERE account_id = ? AND paper_id = ?',
    count: 'SELECT count(*) FROM votes WHERE paper_id = ?',
    counts: `SELECT paper_id AS "paperId", count(*) AS votes FROM votes WHERE paper_id ${inList(sql, '?')} GROUP BY paper_id`,
    votedAmong: `SELECT paper_id FROM votes WHERE account_id = ? AND paper_id ${inList(sql, '?')}`,
    gains: 'SELECT paper_id AS "paperId", created_at AS "createdAt" FROM votes',
  };
  return {
    /** Sets the account's vote on a visible paper; the paper's count after, or null when there is no such paper. */
    setVote: (accountId: number, paperId: string, voted: boolean, now: string): Promise<number | null> =>
      sql.transaction(async (tx) => {
        if (!(await tx.value(text.visiblePaper, [paperId]))) return null;
        if (voted) await tx.run(text.insert, [accountId, paperId, now]);
        else await tx.run(text.remove, [accountId, paperId]);
        return (await tx.value<number>(text.count, [paperId]))!;
      }),
    async counts(ids: readonly string[]): Promise<Map<string, number>> {
      const rows = await sql.all<{ paperId: string; votes: number }>(text.counts, [ids]);
      return new Map(rows.map((row) => [row.paperId, row.votes]));
    },
    /** Which of these papers the account voted for (one lookup in the primary key each). */
    votedAmong: async (accountId: number, paperIds: readonly string[]): Promise<Set<string>> =>
      new Set(await sql.column<string>(text.votedAmong, [accountId, paperIds])),
    /** Every vote as a gain of one vote at the time it was cast. */
    async gains(): Promise<Gain[]> {
      const rows = await sql.all<{ paperId: string; createdAt: string }>(text.gains);
      return rows.map(({ paperId, createdAt }) => ({ paperId, kind: 'votes', at: Date.parse(createdAt), amount: 1 }));
    },
  };
}

export type VoteStore = ReturnType<typeof createVoteStore>;
