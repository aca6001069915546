// The library in the JSON API, under /api/library: the signed-in reader's
// collections, their papers, saving, removing, import and BibTeX export.
// State-changing calls need the X-CSRF-Token header (session.ts).
import { Hono, type Context } from 'hono';
import type { Services } from '../../services.ts';
import { AppError } from '../../errors.ts';
import { requireViewer, type WebEnv } from '../session.ts';
import { sendJson, send } from '../respond.ts';
import { collectionIdOf } from './library.tsx';
import { refuseUnknownParameters } from '../params.ts';

export function apiLibraryRoutes(services: Services): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  const { library } = services;
  const account = (c: Context<WebEnv>) => requireViewer(c).account.id;
  const collectionId = (c: Context<WebEnv>) => collectionIdOf(c.req.param('id'));

  app.use('*', async (c, next) => {
    if (c.req.method === 'GET') refuseUnknownParameters(c.req.query(), c.req.path.endsWith('/export') ? ['format'] : []);
    await next();
  });
  app.get('/', async (c) => c.json({ collections: await library.collections(account(c)) }));
  app.post('/', async (c) => {
    const body = await jsonOf(c);
    return c.json({ id: await library.createCollection(account(c), typeof body.name === 'string' ? body.name : '') }, 201);
  });
  app.get('/:id', async (c) => {
    const collection = await library.collection(account(c), collectionId(c));
    return c.json({ collection, papers: await services.papers.cards(await library.paperIds(account(c), collection.id)) });
  });
  app.delete('/:id', async (c) => {
    await library.deleteCollection(account(c), collectionId(c));
    return c.json({ deleted: collectionId(c) });
  });
  app.post('/:id/papers', async (c) => {
    const body = await jsonOf(c);
    if (typeof body.paperId !== 'string') throw new AppError('invalid', 'send {"paperId": "2506.16500"}');
    const { already } = await library.save(account(c), collectionId(c), body.paperId);
    return c.json({ saved: body.paperId, already }, 201);
  });
  app.delete('/:id/papers/:paper', async (c) => {
    await library.remove(account(c), collectionId(c), c.req.param('paper'));
    return c.json({ removed: c.req.param('paper') });
  });
  app.post('/:id/import', async (c) => {
    const body = await jsonOf(c);
    if (typeof body.text !== 'string') throw new AppError('invalid', 'send {"text": "arXiv ids, or a BibTeX file\'s contents"}');
    return c.json(await library.importInto(account(c), collectionId(c), body.text));
  });
  app.get('/:id/export', async (c) => {
    const format = c.req.query('format') ?? 'json';
    if (format === 'bibtex')
      return send(c, await library.exportBibtex(account(c), collectionId(c)), 'application/x-bibtex; charset=utf-8', 'private, no-cache');
    if (format === 'json') return sendJson(c, await library.exportJson(account(c), collectionId(c)));
    throw new AppError('invalid', `format: "${format}" is not bibtex or json`);
  });
  return app;
}

async function jsonOf(c: Context): Promise<Record<string, unknown>> {
  const body: unknown = await c.req.json().catch(() => null);
  if (!body || typeof body !== 'object') throw new AppError('invalid', 'the body must be a JSON object');
  return body as Record<string, unknown>;
}
