// The home page's "For you" tab and the "not interested" marks made from its
// cards (each answered with a redirect back to the list, where it can be undone).
// Every POST here has passed the CSRF check (session.ts) before it arrives.
import { Hono } from 'hono';
import type { Services } from '../../services.ts';
import { safePath } from '../../accounts/accounts.ts';
import { sendViewerPage } from '../render.tsx';
import { requireViewer, type WebEnv } from '../session.ts';
import { formOf, readWindow } from '../params.ts';
import { collectionIdOf } from './library.tsx';
import { ForYouPage } from '../pages/for-you.tsx';
import { withQuery } from '../paths.ts';

/** Recommendations on the tab: a day's worth of reading, not a catalogue. */
export const FOR_YOU_SIZE = 30;

export function forYouRoutes(services: Services): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  const statusLine = services.status.statusLineReader();

  app.get('/for-you', async (c) => {
    const viewer = c.get('viewer');
    const window = c.req.query('window') ? readWindow(c.req.query('window')) : 'week';
    const from = c.req.query('from');
    const collectionId = from ? collectionIdOf(from) : null;
    if (!viewer)
      return sendViewerPage(c, services, <ForYouPage page={null} collections={[]} marked={null} statusLine={await statusLine()} />);
    const page = await services.recommend.page(viewer.account, window, { collectionId, limit: FOR_YOU_SIZE });
    const collections = (await services.library.collections(viewer.account.id)).map(({ id, name }) => ({ id, name }));
    const markedId = c.req.query('marked');
    const brief = markedId ? (await services.papers.briefs([markedId]))[0] : undefined;
    const marked = brief ? { paperId: brief.id, title: brief.title } : null;
    return sendViewerPage(
      c,
      services,
      <ForYouPage page={page} collections={collections} marked={marked} statusLine={await statusLine()} />,
    );
  });

  app.post('/for-you/not-interested', async (c) => {
    const form = await formOf(c);
    const paperId = form.paper ?? '';
    await services.recommend.markNotInterested(requireViewer(c), paperId);
    return c.redirect(backTo(form.next, { marked: paperId }), 303);
  });

  app.post('/for-you/not-interested/undo', async (c) => {
    const form = await formOf(c);
    await services.recommend.undoNotInterested(requireViewer(c), form.paper ?? '');
    return c.redirect(backTo(form.next, { marked: undefined }), 303);
  });

  return app;
}

/** The page a form came from (on this site), with a query parameter set or taken away. */
function backTo(next: string | undefined, params: Record<string, string | undefined>): string {
  const url = new URL(safePath(next ?? '/for-you'), 'http://here');
  const query = Object.fromEntries(url.searchParams);
  return `${withQuery(url.pathname, { ...query, ...params })}${url.hash}`;
}
