// Voting, saving and removing from a card or a paper's page. Without script
// each answers with a redirect back to the card (#paper-ID); with script
// (a "fragment" field) with the new rendering of its part of the card. Asked
// for while signed out, a vote or a save goes through sign-in and is done
// after it.
import { Hono, type Context } from 'hono';
import type { Services } from '../../services.ts';
import { AppError } from '../../errors.ts';
import { safePath } from '../../accounts/accounts.ts';
import type { SignInIntent } from '../../domain/sign-in-intent.ts';
import type { Account } from '../../domain/viewer.ts';
import type { WebEnv } from '../session.ts';
import { withViewer } from '../render.tsx';
import { renderToString, send, TYPES } from '../respond.ts';
import { signInPath } from '../paths.ts';
import { formOf } from '../params.ts';
import { SavePart, VotePart, type ActedPaper, type ActionPlace } from '../pages/paper-actions.tsx';
import { collectionIdOf } from './library.tsx';

export function paperActionRoutes(services: Services): Hono<WebEnv> {
  const app = new Hono<WebEnv>();

  /** The paper's part rendered again when script asked, else back to where the form was. */
  const answer = async (c: Context<WebEnv>, form: Record<string, string | undefined>, paperId: string, part: 'vote' | 'save') => {
    if (!form.fragment) return c.redirect(safePath(form.next ?? '/'), 303);
    const paper = await actedPaper(services, paperId);
    const viewer = c.get('viewer');
    const place: ActionPlace = form.place === 'page' ? 'page' : 'card';
    const collections = place === 'page' && viewer ? await services.library.collectionNames(viewer.account.id) : null;
    const element = part === 'vote' ? <VotePart paper={paper} /> : <SavePart paper={paper} place={place} collections={collections} />;
    return send(c, await renderToString(withViewer(c, services, element)), TYPES.html, 'private, no-store');
  };

  app.post('/papers/:id{.+}/vote', async (c) => {
    const [form, paperId, viewer] = [await formOf(c), c.req.param('id'), c.get('viewer')];
    if (!viewer) return c.redirect(signInFor(form, { action: 'vote', paperId }), 303);
    if ((await services.votes.vote(viewer.account.id, paperId, form.voted !== '0')) === null)
      throw new AppError('not_found', `There is no paper ${paperId} to vote for.`);
    return answer(c, form, paperId, 'vote');
  });

  app.post('/library/save', async (c) => {
    const [form, viewer] = [await formOf(c), c.get('viewer')];
    const paperId = form.paper ?? '';
    if (!viewer) return c.redirect(signInFor(form, { action: 'save', paperId }), 303);
    await services.library.save(viewer.account.id, form.collection ? collectionIdOf(form.collection) : null, paperId);
    return answer(c, form, paperId, 'save');
  });

  app.post('/library/:id{\\d+}/papers/:paper{.+}/remove', async (c) => {
    const [form, viewer, paperId] = [await formOf(c), c.get('viewer'), c.req.param('paper')];
    if (!viewer) throw new AppError('unauthorized', 'Sign in first.');
    await services.library.remove(viewer.account.id, collectionIdOf(c.req.param('id')), paperId);
    return answer(c, { ...form, next: form.next ?? `/library/${c.req.param('id')}` }, paperId, 'save');
  });
  return app;
}

/** Sign-in that comes back to the form's page and then does what was asked. */
function signInFor(form: Record<string, string | undefined>, intent: SignInIntent): string {
  return signInPath(safePath(form.next ?? '/'), intent);
}

async function actedPaper(services: Services, paperId: string): Promise<ActedPaper> {
  const brief = (await services.papers.briefs([paperId]))[0];
  if (!brief) throw new AppError('not_found', `There is no paper ${paperId} here.`);
  return brief;
}

/** Does what a reader asked for while signed out; a paper gone since then is passed over. */
export async function carryOut(services: Services, account: Account, intent: SignInIntent | null): Promise<void> {
  if (!intent || !(await services.papers.briefs([intent.paperId])).length) return;
  if (intent.action === 'vote') await services.votes.vote(account.id, intent.paperId, true);
  else await services.library.save(account.id, null, intent.paperId);
}
