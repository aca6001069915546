// The web app: routes, and the one place that maps errors to HTTP statuses.
import { Hono } from 'hono';
import type { Services } from '../services.ts';
import { AppError } from '../errors.ts';
import { HomePage } from './pages/home.tsx';
import { StatusPage, type HubStatus } from './pages/status.tsx';

const STATUS = { not_found: 404, invalid: 400, conflict: 409, unauthorized: 401, unavailable: 503 } as const;

export function createApp(services: Services): Hono {
  const app = new Hono();

  app.get('/', async (c) => {
    const query = c.req.query('q') ?? '';
    const result = query.trim() ? await services.search.searchPapers(query, { limit: 50 }) : null;
    if (result?.paperId) return c.redirect(`https://arxiv.org/abs/${result.paperId}`);
    return c.html(HomePage({ query, result, newest: result ? [] : services.papers.newestPapers(50), total: services.papers.countPapers() }));
  });

  const status = (): HubStatus => ({ papers: services.papers.countPapers(), embeddings: services.backgroundEmbedding?.status() ?? null });
  app.get('/status', (c) => c.html(StatusPage({ status: status() })));
  app.get('/api/status', (c) => c.json(status()));

  app.get('/healthz', (c) => c.json({ ok: true, papers: services.papers.countPapers() }));

  app.notFound((c) => c.text('Not found', 404));
  app.onError((error, c) => {
    if (error instanceof AppError) return c.text(error.message, STATUS[error.kind]);
    services.log.error({ err: error, path: c.req.path }, 'request failed');
    return c.text('Something went wrong on our side.', 500);
  });
  return app;
}
