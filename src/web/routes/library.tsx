// Library pages and their forms: collections (made on a form that answers a
// refused name in place, deleted after asking), import (text or a .bib file,
// then a GET of the collection with the report), export as BibTeX or JSON.
// Saving and removing papers are in paper-actions.tsx. Signed in only.
import { Hono, type Context } from 'hono';
import type { Services } from '../../services.ts';
import { AppError } from '../../errors.ts';
import { requireViewer, type WebEnv } from '../session.ts';
import { sendViewerPage } from '../render.tsx';
import { send } from '../respond.ts';
import { withQuery } from '../paths.ts';
import { formOf } from '../params.ts';
import { readReportParam, reportParam } from '../import-report.ts';
import { CollectionPage, DeleteCollectionPage, LibraryPage } from '../pages/library.tsx';

export function libraryRoutes(services: Services): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  const { library } = services;
  const account = (c: Context<WebEnv>) => requireViewer(c).account.id;
  const signInFirst = (c: Context<WebEnv>) => c.redirect(withQuery('/signin', { next: c.req.path }));

  app.get('/library', async (c) =>
    c.get('viewer')
      ? sendViewerPage(c, services, <LibraryPage collections={await library.collections(account(c))} deleted={c.req.query('deleted')} />)
      : signInFirst(c),
  );
  app.post('/library', async (c) => {
    const name = (await formOf(c)).name ?? '';
    try {
      return c.redirect(`/library/${await library.createCollection(account(c), name)}`, 303);
    } catch (error) {
      if (!(error instanceof AppError) || (error.kind !== 'conflict' && error.kind !== 'invalid')) throw error;
      const page = <LibraryPage collections={await library.collections(account(c))} refused={{ name, error: error.message }} />;
      return sendViewerPage(c, services, page, error.kind === 'conflict' ? 409 : 400);
    }
  });
  app.get('/library/:id{\\d+}', async (c) => {
    if (!c.get('viewer')) return signInFirst(c);
    const id = collectionIdOf(c.req.param('id'));
    const collection = await library.collection(account(c), id);
    const papers = await services.papers.cards(await library.paperIds(account(c), id));
    const report = readReportParam(c.req.query('report'));
    return sendViewerPage(c, services, <CollectionPage collection={collection} papers={papers} report={report} />);
  });
  app.get('/library/:id{\\d+}/delete', async (c) => {
    if (!c.get('viewer')) return signInFirst(c);
    const collection = await library.collection(account(c), collectionIdOf(c.req.param('id')));
    if (collection.isDefault) throw new AppError('invalid', 'The reading list cannot be deleted.');
    return sendViewerPage(c, services, <DeleteCollectionPage collection={collection} />);
  });
  app.post('/library/:id{\\d+}/delete', async (c) => {
    const id = collectionIdOf(c.req.param('id'));
    const { name } = await library.collection(account(c), id);
    await library.deleteCollection(account(c), id);
    return c.redirect(withQuery('/library', { deleted: name }), 303);
  });
  app.post('/library/:id{\\d+}/import', async (c) => {
    const id = collectionIdOf(c.req.param('id'));
    const report = await library.importInto(account(c), id, await importedText(c));
    return c.redirect(withQuery(`/library/${id}`, { report: reportParam(report) }), 303);
  });
  app.get('/library/:id{\\d+}/export.bib', async (c) => {
    const id = collectionIdOf(c.req.param('id'));
    c.header('Content-Disposition', `attachment; filename="collection-${id}.bib"`);
    return send(c, await library.exportBibtex(account(c), id), 'application/x-bibtex; charset=utf-8', 'private, no-cache');
  });
  app.get('/library/:id{\\d+}/export.json', async (c) => {
    const id = collectionIdOf(c.req.param('id'));
    c.header('Content-Disposition', `attachment; filename="collection-${id}.json"`);
    return send(
      c,
      JSON.stringify(await library.exportJson(account(c), id), null, 2),
      'application/json; charset=utf-8',
      'private, no-cache',
    );
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
