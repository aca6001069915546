// The votes feature: a signed-in reader votes for a shown paper or takes the
// vote back, and sees which papers they voted for (read once per page, not
// once per button). Votes count towards trending (trending/trending.ts).
import type { Viewer } from '../domain/viewer.ts';
import type { VoteStore } from '../db/votes-store.ts';

export function createVotes(deps: { store: VoteStore; now?: () => number }) {
  const now = deps.now ?? Date.now;

  /** Sets the reader's vote; the paper's count after it, or null when no such paper is shown. */
  function vote(accountId: number, paperId: string, voted: boolean): number | null {
    return deps.store.setVote(accountId, paperId, voted, new Date(now()).toISOString());
  }

  /** A lookup of the reader's votes, read on first use and then kept: one query for a whole page. */
  function votesOf(viewer: Viewer | null): (paperId: string) => boolean {
    if (!viewer) return () => false;
    let voted: Set<string> | null = null;
    return (paperId) => (voted ??= deps.store.votedPapers(viewer.account.id)).has(paperId);
  }

  return { vote, votesOf };
}

export type Votes = ReturnType<typeof createVotes>;
