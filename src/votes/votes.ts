// The votes feature: a signed-in reader votes for a shown paper or takes the
// vote back, and sees which papers they voted for (read once per list, not
// once per button). Votes count towards trending (trending/trending.ts).
import type { Viewer } from '../domain/viewer.ts';
import type { VoteStore } from '../db/votes-store.ts';
import { emptyLookup, paperLookup, type PaperLookup } from '../domain/paper-lookup.ts';

export function createVotes(deps: { store: VoteStore; now?: () => number }) {
  const now = deps.now ?? Date.now;

  /** Sets the reader's vote; the paper's count after it, or null when no such paper is shown. */
  function vote(accountId: number, paperId: string, voted: boolean): Promise<number | null> {
    return deps.store.setVote(accountId, paperId, voted, new Date(now()).toISOString());
  }

  /** A lookup of the reader's votes on the papers a page shows: one query for a whole list. */
  function votesOf(viewer: Viewer | null): PaperLookup<boolean> {
    if (!viewer) return emptyLookup(false);
    return paperLookup(async (ids) => new Map([...(await deps.store.votedAmong(viewer.account.id, ids))].map((id) => [id, true])), false);
  }

  return { vote, votesOf };
}

export type Votes = ReturnType<typeof createVotes>;
