// Digest routes: subscribe (an address, or one click signed in), confirm,
// preferences and follows by session or by the signed link in every digest,
// one-click unsubscribe (RFC 8058: a POST with the link's token, no CSRF
// cookie, since a mail client sends it), the digest as a page, and deleting
// an account. A GET never changes anything: mail scanners open links.
import { Hono, type Context } from 'hono';
import type { Services } from '../../services.ts';
import { safePath } from '../../accounts/accounts.ts';
import { requireViewer, endSession, type WebEnv } from '../session.ts';
import { sendViewerPage } from '../render.tsx';
import { withQuery } from '../paths.ts';
import { formOf } from '../params.ts';
import { AppError } from '../../errors.ts';
import { nextEdition } from '../../domain/digest-schedule.ts';
import type { ReaderTerms } from '../../digest/digest.ts';
import {
  ConfirmSubscriptionPage,
  PreferencesPage,
  SubscribePage,
  SubscribeSentPage,
  UnsubscribedPage,
  UnsubscribePage,
} from '../pages/digest.tsx';

/** The digest as a page keeps the mail's inline styles, and nothing else: no script, no image, no form. */
const DIGEST_PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
const TIME_ZONES: readonly string[] = ['UTC', ...Intl.supportedValuesOf('timeZone').filter((zone) => zone !== 'UTC')];

export function digestRoutes(services: Services): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  const { digest, accounts } = services;
  const page = (c: Context<WebEnv>, element: Parameters<typeof sendViewerPage>[2]) => sendViewerPage(c, services, element);
  const delivers = () => digest.delivers;

  app.get('/subscribe', async (c) =>
    page(c, <SubscribePage delivers={delivers()} subscribed={await digest.isSubscribed(c.get('viewer'))} />),
  );

  app.post('/subscribe', async (c) => {
    if (!delivers()) throw new AppError('unavailable', 'Digests are off on this hub: it has no mail server set up.');
    const viewer = c.get('viewer');
    if (viewer) {
      await accounts.subscribe(viewer);
      return c.redirect('/digest/preferences?saved=1', 303);
    }
    const form = await formOf(c);
    await accounts.requestSubscription({ email: form.email ?? '', clientAddress: c.get('clientAddress') });
    return page(c, <SubscribeSentPage email={(form.email ?? '').trim()} />);
  });

  app.get('/subscribe/confirm', (c) => page(c, <ConfirmSubscriptionPage token={c.req.query('token') ?? ''} />));

  const preferencesPage = (c: Context<WebEnv>, terms: ReaderTerms, action: string, unsubscribeAction: string) => {
    const subscription = terms.subscription;
    const next = subscription ? nextEdition(subscription, Date.now()) : null;
    const nextDigest = next
      ? new Date(next.dueAt).toLocaleString('en-GB', { dateStyle: 'full', timeStyle: 'short', timeZone: subscription!.timeZone })
      : null;
    const saved = c.req.query('saved') === '1';
    return page(c, <PreferencesPage view={{ terms, action, unsubscribeAction, nextDigest, saved, timeZones: TIME_ZONES }} />);
  };

  app.get('/digest/preferences', async (c) => {
    const viewer = c.get('viewer');
    if (!viewer) return c.redirect(withQuery('/signin', { next: '/digest/preferences' }));
    return preferencesPage(c, await digest.termsOf(viewer), '/digest/preferences', '/digest/unsubscribe');
  });

  app.post('/digest/preferences', async (c) => {
    await digest.updateTerms(requireViewer(c), await formOf(c));
    return c.redirect('/digest/preferences?saved=1', 303);
  });

  app.post('/digest/preferences/unfollow', async (c) => {
    const form = await formOf(c);
    await digest.unfollow(requireViewer(c), form.kind, form.value);
    return c.redirect('/digest/preferences', 303);
  });

  app.post('/digest/unsubscribe', async (c) => {
    await digest.unsubscribe(requireViewer(c));
    return page(c, <UnsubscribedPage />);
  });

  app.get('/digest/preferences/:token', async (c) => {
    const token = c.req.param('token');
    const terms = await digest.termsByLink(token);
    const links = digest.linksOf(terms.account.id, terms.account.email, '');
    return preferencesPage(c, terms, `/digest/preferences/${token}`, new URL(links.unsubscribe).pathname);
  });

  app.post('/digest/preferences/:token', async (c) => {
    await digest.updateTermsByLink(c.req.param('token'), await formOf(c));
    return c.redirect(`/digest/preferences/${c.req.param('token')}?saved=1`, 303);
  });

  app.post('/digest/preferences/:token/unfollow', async (c) => {
    const form = await formOf(c);
    await digest.unfollowByLink(c.req.param('token'), form.kind, form.value);
    return c.redirect(`/digest/preferences/${c.req.param('token')}`, 303);
  });

  app.get('/unsubscribe/:token', async (c) => {
    const token = c.req.param('token');
    const preferencesHref = new URL(await digest.preferencesLinkOf(token)).pathname;
    return page(c, <UnsubscribePage token={token} preferencesHref={preferencesHref} />);
  });

  app.post('/unsubscribe/:token', async (c) => {
    await digest.unsubscribeByLink(c.req.param('token'));
    return page(c, <UnsubscribedPage />);
  });

  app.get('/digest/:token', async (c) => {
    const html = await digest.viewPage(c.req.param('token'));
    return c.html(html, 200, { 'Content-Security-Policy': DIGEST_PAGE_CSP, 'Cache-Control': 'private, no-store' });
  });

  app.post('/follows', async (c) => {
    const form = await formOf(c);
    const next = safePath(form.next ?? '/');
    const viewer = c.get('viewer');
    if (!viewer) return c.redirect(withQuery('/signin', { next }), 303);
    if (form.unfollow === '1') await digest.unfollow(viewer, form.kind, form.value);
    else await digest.follow(viewer, form.kind, form.value);
    return c.redirect(next, 303);
  });

  app.post('/account/delete', async (c) => {
    const viewer = requireViewer(c);
    if ((await formOf(c)).confirm !== 'delete') throw new AppError('invalid', 'Type "delete" in the box to delete your account.');
    await accounts.deleteAccount(viewer);
    endSession(c);
    return c.redirect('/?deleted=1', 303);
  });
  return app;
}
