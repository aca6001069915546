// Sign-in, sign-out, the account page and voting from a form. Every POST
// here has passed the CSRF check (session.ts) before it arrives.
import { Hono, type Context } from 'hono';
import type { Services } from '../../services.ts';
import { AppError } from '../../errors.ts';
import { safePath } from '../../accounts/accounts.ts';
import { endSession, requireViewer, startSession, type WebEnv } from '../session.ts';
import { sendViewerPage } from '../render.tsx';
import { withQuery } from '../paths.ts';
import { formOf } from '../params.ts';
import { AccountPage, LinkSentPage, SignInLinkPage, SignInPage } from '../pages/signin.tsx';

export function accountRoutes(services: Services): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  const page = (c: Context<WebEnv>, element: Parameters<typeof sendViewerPage>[2]) => sendViewerPage(c, services.votes, element);

  app.get('/signin', (c) =>
    c.get('viewer')
      ? c.redirect(safePath(c.req.query('next') ?? '/'))
      : page(c, <SignInPage next={safePath(c.req.query('next') ?? '/')} />),
  );

  app.post('/signin', async (c) => {
    const form = await formOf(c);
    await services.accounts.requestSignIn({ email: form.email ?? '', next: form.next ?? '/', clientAddress: c.get('clientAddress') });
    return page(c, <LinkSentPage email={(form.email ?? '').trim()} />);
  });

  app.get('/signin/link', (c) => page(c, <SignInLinkPage token={c.req.query('token') ?? ''} />));

  app.post('/signin/link', async (c) => {
    const signedIn = await services.accounts.completeSignIn((await formOf(c)).token ?? '');
    startSession(c, signedIn.sessionToken, services.config.publicUrl);
    return c.redirect(signedIn.next, 303);
  });

  app.post('/signout', (c) => {
    const token = endSession(c);
    if (token) services.accounts.signOut(token);
    return c.redirect('/', 303);
  });

  app.post('/signout/everywhere', (c) => {
    services.accounts.signOutEverywhere(requireViewer(c).account.id);
    endSession(c);
    return c.redirect('/', 303);
  });

  app.get('/account', async (c) => {
    const viewer = c.get('viewer');
    if (!viewer) return c.redirect('/signin?next=/account');
    const subscribed = await services.digest.isSubscribed(viewer);
    const preview = subscribed ? (await services.digest.preview(viewer.account)).digest : null;
    return page(c, <AccountPage view={{ subscribed, delivers: services.digest.delivers, preview }} />);
  });

  app.post('/papers/:id{.+}/vote', async (c) => {
    const form = await formOf(c);
    const next = safePath(form.next ?? '/');
    const viewer = c.get('viewer');
    if (!viewer) return c.redirect(withQuery('/signin', { next }), 303);
    const count = services.votes.vote(viewer, c.req.param('id'), form.voted !== '0');
    if (count === null) throw new AppError('not_found', `There is no paper ${c.req.param('id')} to vote for.`);
    return c.redirect(next, 303);
  });
  return app;
}
