// What a reader does to a paper from a card or its page: vote, save, remove
// from a collection. Each is a plain form (the page comes back to the card
// without script); with script it is sent in place and its part replaced by
// the server's new rendering of it (data-part, data-in-place in app.js).
// Signed out, Vote and Save are links to sign-in that carry what was asked.
// Every card of every list draws these parts, so they are written with Hono's
// html helper (which escapes every value as JSX does) at a fraction of the
// cost of JSX nodes.
import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { SavedIn } from '../../library/library.ts';
import { texToText } from '../../domain/tex.ts';
import { voteCount, voteParts } from '../../domain/vote-count.ts';
import type { SignInIntent } from '../../domain/sign-in-intent.ts';
import { paperPath, signInPath } from '../paths.ts';
import { cardAnchor, guardFields, useViewer, type PageViewer } from './viewer.tsx';

/** The paper as its buttons name it. */
export interface ActedPaper {
  id: string;
  title: string;
  votes: number;
  upvotes: number | null;
}

/** Where the buttons sit: a card in a list (save goes to the reading list) or the paper's page (any collection). */
export type ActionPlace = 'card' | 'page';

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

export async function VotePart({ paper }: { paper: ActedPaper }) {
  const viewer = useViewer();
  await viewer.preload([paper.id]);
  return votePart(viewer, paper);
}

/** The vote button with the combined count, and its parts named ("1 here, 163 on Hugging Face"). */
export function votePart(viewer: PageViewer, paper: ActedPaper): Html {
  const count = voteCount(paper);
  const parts = voteParts(count);
  const noun = count.total === 1 ? 'vote' : 'votes';
  const label = html`<span class="sr-only">Vote for “${texToText(paper.title)}”: </span>▲ ${count.total} ${noun}`;
  const action = viewer.email ? voteForm(viewer, paper.id, label) : signInLink(viewer, paper.id, 'vote', label);
  const named = parts ? html`<span class="vote-parts"> (${parts})</span>` : '';
  return html`<span class="part" id="vote-${paper.id}" data-part="true">${action}${named}</span>`;
}

function voteForm(viewer: PageViewer, paperId: string, label: Html): Html {
  const voted = viewer.hasVoted(paperId);
  const fields = html`${guardFields(viewer, cardAnchor(paperId))}<input type="hidden" name="voted" value="${voted ? '0' : '1'}"/>`;
  const title = voted ? 'Take your vote back' : 'Vote for this paper';
  const button = html`<button type="submit" aria-pressed="${voted ? 'true' : 'false'}" title="${title}">${label}</button>`;
  return html`<form class="vote" method="post" action="${paperPath(paperId)}/vote" data-in-place="true">${fields}${button}</form>`;
}

/**
 * A signed-out reader's vote or save: a link to sign-in that carries what was asked for and the card
 * to come back to (lighter than a form on every card of every list, and no different to the reader).
 */
function signInLink(viewer: PageViewer, paperId: string, action: SignInIntent['action'], label: Html): Html {
  const next = `${viewer.path}#${cardAnchor(paperId)}`;
  return html`<a class="button" href="${signInPath(next, { action, paperId })}" title="Sign in to ${action}" rel="nofollow">${label}</a>`;
}

export async function SavePart(props: { paper: ActedPaper; place: ActionPlace; collections: SavedIn[] | null }) {
  const viewer = useViewer();
  await viewer.preload([props.paper.id]);
  return savePart(viewer, props.paper, props.place, props.collections);
}

/**
 * The collections that hold the paper, each with Remove, and Save: on a card to the reading list
 * (when no collection holds it yet), on the paper's page to any collection that does not hold it.
 */
export function savePart(viewer: PageViewer, paper: ActedPaper, place: ActionPlace, collections: SavedIn[] | null): Html {
  const savedIn = viewer.savedIn(paper.id);
  const title = texToText(paper.title);
  const others = (collections ?? []).filter((collection) => !savedIn.some((saved) => saved.id === collection.id));
  const removes = savedIn.map((saved, index) => html`${index ? ', ' : ''}${removeForm(viewer, paper.id, title, saved, place)}`);
  const between = place === 'page' && savedIn.length && others.length ? ' · ' : '';
  const save = place === 'card' && savedIn.length ? '' : saveForm(viewer, paper.id, title, place, others);
  const saved = savedIn.length ? html`<span>Saved in </span>` : '';
  return html`<span class="part save" id="save-${paper.id}" data-part="true">${saved}${removes}${between}${save}</span>`;
}

/** A collection that holds the paper, and Remove. */
function removeForm(viewer: PageViewer, paperId: string, title: string, saved: SavedIn, place: ActionPlace): Html {
  const action = `/library/${saved.id}/papers${paperPath(paperId).slice('/papers'.length)}/remove`;
  const button = html`<button type="submit" class="small">Remove<span class="sr-only"> “${title}” from ${saved.name}</span></button>`;
  const form = html`<form class="inline" method="post" action="${action}" data-in-place="true">${partFields(viewer, paperId, place)}${button}</form>`;
  return html`<a href="/library/${saved.id}">${saved.name}</a> ${form}`;
}

function saveForm(viewer: PageViewer, paperId: string, title: string, place: ActionPlace, others: SavedIn[]): Html | '' {
  const label = html`<span class="sr-only"> “${title}”</span>`;
  if (viewer.email === null) return signInLink(viewer, paperId, 'save', html`Save${label}`);
  if (place === 'page' && !others.length) return '';
  const choose = place === 'page' && others.length > 1;
  const options = others.map((collection) => html`<option value="${collection.id}">${collection.name}</option>`);
  const onlyOther = place === 'page' && others[0] ? html`<input type="hidden" name="collection" value="${others[0].id}"/>` : '';
  const target = choose ? html`<label>Save to <select name="collection">${options}</select></label> ` : onlyOther;
  const to = !choose && place === 'page' && others[0] ? ` to ${others[0].name}` : '';
  const fields = html`${partFields(viewer, paperId, place)}<input type="hidden" name="paper" value="${paperId}"/>`;
  const button = html`<button type="submit" class="small">Save${to}${label}</button>`;
  return html`<form class="inline" method="post" action="/library/save" data-in-place="true">${fields}${target}${button}</form>`;
}

/** The form's guard, and where its part sits, so that the part can be rendered again in its place. */
function partFields(viewer: PageViewer, paperId: string, place: ActionPlace): Html {
  return html`${guardFields(viewer, cardAnchor(paperId))}<input type="hidden" name="place" value="${place}"/>`;
}
