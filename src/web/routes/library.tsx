// Library pages and their forms: collections, saving and removing papers,
// import (text or a .bib file), export as BibTeX or JSON. Signed in only.
import { Hono, type Context } from 'hono';
import type { Services } from '../../services.ts';
import { AppError } from '../../errors.ts';
import { safePath } from '../../accounts/accounts.ts';
import { requireViewer, type WebEnv } from '../session.ts';
import { sendViewerPage } from '../render.tsx';
import { send } from '../respond.ts';
import { withQuery } from '../paths.ts';
import { CollectionPage, LibraryPage } from '../pages/library.tsx';
import type { ImportReport } from '../../library/library.ts';

export function libraryRoutes(services: Services): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  const { library } = services;
  const account = (c: Context<WebEnv>) => requireViewer(c).account.id;

  const showCollection = (c: Context<WebEnv>, id: number, report?: ImportReport) => {
    const collection = library.collection(account(c), id);
    const papers = services.papers.cards(library.paperIds(account(c), id));
    return sendViewerPage(c, services.votes, <CollectionPage collection={collection} papers={papers} report={report} />);
  };

  app.get('/library', (c) =>
    c.get('viewer')
      ? sendViewerPage(c, services.votes, <LibraryPage collections={library.collections(account(c))} />)
      : c.redirect(withQuery('/signin', { next: '/library' })),
  );
  app.post('/library', async (c) =>
    c.redirect(`/library/${library.createCollection(account(c), String((await c.req.parseBody()).name ?? ''))}`, 303),
  );
  app.post('/library/save', async (c) => {
    const form = await c.req.parseBody();
    library.save(account(c), collectionIdOf(String(form.collection ?? '')), String(form.paper ?? ''));
    return c.redirect(safePath(String(form.next ?? '/library')), 303);
  });
  app.get('/library/:id{\\d+}', (c) =>
    c.get('viewer') ? showCollection(c, collectionIdOf(c.req.param('id'))) : c.redirect(withQuery('/signin', { next: c.req.path })),
  );
  app.post('/library/:id{\\d+}/delete', (c) => {
    library.deleteCollection(account(c), collectionIdOf(c.req.param('id')));
    return c.redirect('/library', 303);
  });
  app.post('/library/:id{\\d+}/papers/:paper{.+}/remove', async (c) => {
    library.remove(account(c), collectionIdOf(c.req.param('id')), c.req.param('paper'));
    return c.redirect(safePath(String((await c.req.parseBody()).next ?? `/library/${c.req.param('id')}`)), 303);
  });
  app.post('/library/:id{\\d+}/import', async (c) => {
    const id = collectionIdOf(c.req.param('id'));
    const report = library.importInto(account(c), id, await importedText(c));
    return showCollection(c, id, report);
  });
  app.get('/library/:id{\\d+}/export.bib', (c) => {
    const id = collectionIdOf(c.req.param('id'));
    c.header('Content-Disposition', `attachment; filename="collection-${id}.bib"`);
    return send(c, library.exportBibtex(account(c), id), 'application/x-bibtex; charset=utf-8', 'private, no-cache');
  });
  app.get('/library/:id{\\d+}/export.json', (c) => {
    const id = collectionIdOf(c.req.param('id'));
    c.header('Content-Disposition', `attachment; filename="collection-${id}.json"`);
    return send(c, JSON.stringify(library.exportJson(account(c), id), null, 2), 'application/json; charset=utf-8', 'private, no-cache');
  });
  return app;
}

export function collectionIdOf(raw: string | undefined): number {
  const id = Number(raw);
  if (!Number.isInteger(id) || id < 1) throw new AppError('invalid', `"${raw ?? ''}" is not a collection`);
  return id;
}

/** The pasted text, or the uploaded file's (a .bib file), whichever was given. */
async function importedText(c: Context): Promise<string> {
  const form = await c.req.parseBody();
  const file = form.file;
  const fromFile = file instanceof File && file.size ? await file.text() : '';
  const text = `${typeof form.text === 'string' ? form.text : ''}\n${fromFile}`.trim();
  if (!text) throw new AppError('invalid', 'Paste arXiv ids or BibTeX, or choose a .bib file, to import.');
  return text;
}
