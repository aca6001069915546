// What a reader does to a paper from a card or its page: vote, save, remove
// from a collection. Each is a plain form (the page comes back to the card
// without script); with script it is sent in place and its part replaced by
// the server's new rendering of it (data-part, data-in-place in app.js).
import type { SavedIn } from '../../library/library.ts';
import { texToText } from '../../domain/tex.ts';
import { voteCount, voteParts } from '../../domain/vote-count.ts';
import type { Child } from 'hono/jsx';
import type { SignInIntent } from '../../domain/sign-in-intent.ts';
import { paperPath, signInPath } from '../paths.ts';
import { cardAnchor, FormGuard, useViewer } from './viewer.tsx';

/** The paper as its buttons name it. */
export interface ActedPaper {
  id: string;
  title: string;
  votes: number;
  upvotes: number | null;
}

/** Where the buttons sit: a card in a list (save goes to the reading list) or the paper's page (any collection). */
export type ActionPlace = 'card' | 'page';

export function VotePart({ paper }: { paper: ActedPaper }) {
  const viewer = useViewer();
  const voted = viewer.hasVoted(paper.id);
  const count = voteCount(paper);
  const parts = voteParts(count);
  const label = (
    <>
      <span class="sr-only">Vote for “{texToText(paper.title)}”: </span>▲ {count.total} {count.total === 1 ? 'vote' : 'votes'}
    </>
  );
  return (
    <span class="part" id={`vote-${paper.id}`} data-part>
      {viewer.email ? (
        <form class="vote" method="post" action={`${paperPath(paper.id)}/vote`} data-in-place>
          <FormGuard anchor={cardAnchor(paper.id)} />
          <input type="hidden" name="voted" value={voted ? '0' : '1'} />
          <button type="submit" aria-pressed={voted ? 'true' : 'false'} title={voted ? 'Take your vote back' : 'Vote for this paper'}>
            {label}
          </button>
        </form>
      ) : (
        <SignInLink paperId={paper.id} action="vote" title="Sign in to vote">
          {label}
        </SignInLink>
      )}
      {parts ? <span class="vote-parts"> ({parts})</span> : null}
    </span>
  );
}

/**
 * A signed-out reader's vote or save: a link to sign-in that carries what was asked for and the card
 * to come back to (lighter than a form on every card of every list, and no different to the reader).
 */
function SignInLink(props: { paperId: string; action: SignInIntent['action']; title: string; children: Child }) {
  const next = `${useViewer().path}#${cardAnchor(props.paperId)}`;
  return (
    <a class="button" href={signInPath(next, { action: props.action, paperId: props.paperId })} title={props.title} rel="nofollow">
      {props.children}
    </a>
  );
}

/**
 * The collections that hold the paper, each with Remove, and Save: on a card to the reading list
 * (when no collection holds it yet), on the paper's page to any collection that does not hold it.
 */
export function SavePart({ paper, place, collections }: { paper: ActedPaper; place: ActionPlace; collections: SavedIn[] | null }) {
  const savedIn = useViewer().savedIn(paper.id);
  const title = texToText(paper.title);
  const others = (collections ?? []).filter((collection) => !savedIn.some((saved) => saved.id === collection.id));
  return (
    <span class="part save" id={`save-${paper.id}`} data-part>
      {savedIn.length ? <span>Saved in </span> : null}
      {savedIn.map((saved, index) => (
        <>
          {index ? ', ' : ''}
          <a href={`/library/${saved.id}`}>{saved.name}</a>{' '}
          <form
            class="inline"
            method="post"
            action={`/library/${saved.id}/papers${paperPath(paper.id).slice('/papers'.length)}/remove`}
            data-in-place
          >
            <PartFields paperId={paper.id} place={place} />
            <button type="submit" class="small">
              Remove
              <span class="sr-only">
                {' '}
                “{title}” from {saved.name}
              </span>
            </button>
          </form>
        </>
      ))}
      {place === 'page' && savedIn.length && others.length ? ' · ' : null}
      {place === 'card' && savedIn.length ? null : <SaveForm paperId={paper.id} title={title} place={place} others={others} />}
    </span>
  );
}

function SaveForm({ paperId, title, place, others }: { paperId: string; title: string; place: ActionPlace; others: SavedIn[] }) {
  const signedIn = useViewer().email !== null;
  if (!signedIn)
    return (
      <SignInLink paperId={paperId} action="save" title="Sign in to save">
        Save<span class="sr-only"> “{title}”</span>
      </SignInLink>
    );
  if (place === 'page' && !others.length) return null;
  const choose = place === 'page' && others.length > 1;
  return (
    <form class="inline" method="post" action="/library/save" data-in-place>
      <PartFields paperId={paperId} place={place} />
      <input type="hidden" name="paper" value={paperId} />
      {choose ? (
        <>
          <label>
            Save to{' '}
            <select name="collection">
              {others.map((collection) => (
                <option value={String(collection.id)}>{collection.name}</option>
              ))}
            </select>
          </label>{' '}
        </>
      ) : place === 'page' && others[0] ? (
        <input type="hidden" name="collection" value={String(others[0].id)} />
      ) : null}
      <button type="submit" class="small">
        Save{!choose && place === 'page' && others[0] ? ` to ${others[0].name}` : ''}
        <span class="sr-only"> “{title}”</span>
      </button>
    </form>
  );
}

/** The form's guard, and where its part sits, so that the part can be rendered again in its place. */
function PartFields({ paperId, place }: { paperId: string; place: ActionPlace }) {
  return (
    <>
      <FormGuard anchor={cardAnchor(paperId)} />
      <input type="hidden" name="place" value={place} />
    </>
  );
}
