// Sign-in, sign-out, the account page and voting from a form. Every POST
// here has passed the CSRF check (session.ts) before it arrives.
import { Hono, type Context } from 'hono';
import type { Services } from '../../services.ts';
import { safePath } from '../../accounts/accounts.ts';
import { endSession, requireViewer, startSession, type WebEnv } from '../session.ts';
import { sendViewerPage } from '../render.tsx';
import { parseIntent, type SignInIntent } from '../../domain/sign-in-intent.ts';
import { texToText } from '../../domain/tex.ts';
import { carryOut } from './paper-actions.tsx';
import { formOf } from '../params.ts';
import { forYouFeedUrl } from '../paths.ts';
import { AccountPage, LinkSentPage, SignInLinkPage, SignInPage, type SignInReason } from '../pages/signin.tsx';

export function accountRoutes(services: Services): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  const page = (c: Context<WebEnv>, element: Parameters<typeof sendViewerPage>[2]) => sendViewerPage(c, services, element);

  app.get('/signin', async (c) => {
    const next = safePath(c.req.query('next') ?? '/');
    if (c.get('viewer')) return c.redirect(next);
    return page(c, <SignInPage next={next} reason={await signInReason(services, parseIntent(c.req.query('intent')))} />);
  });

  app.post('/signin', async (c) => {
    const form = await formOf(c);
    const intent = parseIntent(form.intent);
    await services.accounts.requestSignIn({
      email: form.email ?? '',
      next: form.next ?? '/',
      intent,
      clientAddress: c.get('clientAddress'),
    });
    return page(c, <LinkSentPage email={(form.email ?? '').trim()} reason={await signInReason(services, intent)} />);
  });

  app.get('/signin/link', (c) => page(c, <SignInLinkPage token={c.req.query('token') ?? ''} />));

  app.post('/signin/link', async (c) => {
    const signedIn = await services.accounts.completeSignIn((await formOf(c)).token ?? '');
    startSession(c, signedIn.sessionToken, services.config.publicUrl);
    await carryOut(services, signedIn.account, signedIn.intent);
    return c.redirect(signedIn.next, 303);
  });

  app.post('/signout', async (c) => {
    const token = endSession(c);
    if (token) await services.accounts.signOut(token);
    return c.redirect('/', 303);
  });

  app.post('/signout/everywhere', async (c) => {
    await services.accounts.signOutEverywhere(requireViewer(c).account.id);
    endSession(c);
    return c.redirect('/', 303);
  });

  app.get('/account', async (c) => {
    const viewer = c.get('viewer');
    if (!viewer) return c.redirect('/signin?next=/account');
    const subscribed = await services.digest.isSubscribed(viewer);
    const preview = subscribed ? (await services.digest.preview(viewer.account)).digest : null;
    const feedUrl = forYouFeedUrl(services.config.publicUrl, await services.recommend.feedToken(viewer));
    return page(c, <AccountPage view={{ subscribed, delivers: services.digest.delivers, preview, feedUrl }} />);
  });

  app.post('/account/feed/reset', async (c) => {
    await services.recommend.resetFeed(requireViewer(c));
    return c.redirect('/account#feed', 303);
  });

  return app;
}

/** Why the reader is asked to sign in, with the paper's title: nothing when the paper is not shown here. */
async function signInReason(services: Services, intent: SignInIntent | null): Promise<SignInReason | null> {
  const paper = intent ? (await services.papers.briefs([intent.paperId]))[0] : undefined;
  return intent && paper ? { ...intent, title: texToText(paper.title) } : null;
}
