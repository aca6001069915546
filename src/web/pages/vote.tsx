// The vote button: a form that sets the vote to the opposite of what it is,
// so pressing twice by accident cannot count twice. Signed out, it leads to
// sign-in and back.
import { paperPath } from '../paths.ts';
import { FormGuard, useViewer } from './viewer.tsx';

export function VoteButton({ paperId, votes }: { paperId: string; votes: number }) {
  const viewer = useViewer();
  const voted = viewer.hasVoted(paperId);
  return (
    <form class="vote" method="post" action={`${paperPath(paperId)}/vote`}>
      <FormGuard />
      <input type="hidden" name="voted" value={voted ? '0' : '1'} />
      <button
        type="submit"
        aria-pressed={voted ? 'true' : 'false'}
        title={viewer.email ? (voted ? 'Take your vote back' : 'Vote for this paper') : 'Sign in to vote'}
      >
        ▲ {votes} {votes === 1 ? 'vote' : 'votes'}
      </button>
    </form>
  );
}
