// The web app: security headers, routes (pages, feeds, /api, static files),
// and the one place that maps errors to HTTP statuses, as a page, as JSON
// under /api, or as text for feeds.
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Services } from '../services.ts';
import { AppError } from '../errors.ts';
import { PAGE_SIZES, pageRoutes, type PageSizes } from './routes/pages.tsx';
import { feedRoutes } from './routes/feeds.ts';
import { apiRoutes } from './routes/api.ts';
import { STATIC_FILES } from './static.ts';
import { CACHE, send } from './respond.ts';
import { sendViewerPage } from './render.tsx';
import { readYourWrites } from './read-your-writes.ts';
import { sessionMiddleware, type WebEnv } from './session.ts';
import { accountRoutes } from './routes/accounts.tsx';
import { digestRoutes } from './routes/digest.tsx';
import { moderationRoutes } from './routes/moderation.tsx';
import { paperActionRoutes } from './routes/paper-actions.tsx';
import { forYouRoutes } from './routes/for-you.tsx';
import { libraryRoutes } from './routes/library.tsx';
import { apiLibraryRoutes } from './routes/api-library.ts';
import { ErrorPage } from './pages/error.tsx';

const STATUS = {
  not_found: 404,
  invalid: 400,
  conflict: 409,
  unauthorized: 401,
  forbidden: 403,
  too_large: 413,
  rate_limited: 429,
  unavailable: 503,
} as const;
/** The largest request body: an imported .bib file of a million characters fits. */
const MAX_BODY_BYTES = 4 * 1024 * 1024;

/** No inline script or style anywhere, so the policy needs no 'unsafe-inline'. */
export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'X-Frame-Options': 'DENY',
};

export type WebApp = Hono<WebEnv>;

/** The web app; `options.pageSizes` changes how many papers a page of a list holds. */
export function createApp(services: Services, options: { pageSizes?: Partial<PageSizes> } = {}): WebApp {
  const app = new Hono<WebEnv>();
  app.use('*', async (c, next) => {
    await next();
    // A route may set a narrower policy of its own (the digest as a page keeps the mail's inline styles).
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) if (!c.res.headers.has(name)) c.res.headers.set(name, value);
  });

  app.get('/static/:name', (c) => {
    const file = STATIC_FILES.get(c.req.param('name'));
    if (!file) throw new AppError('not_found', 'no such file');
    return send(c, file.body, file.type, c.req.query('v') === file.version ? CACHE.immutable : CACHE.short);
  });
  app.get('/healthz', async (c) => c.json({ ok: true, papers: await services.papers.countPapers() }));
  app.use(
    '*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new AppError('too_large', `A request can carry at most ${MAX_BODY_BYTES / 1024 / 1024} MB.`);
      },
    }),
  );
  app.use('*', readYourWrites(services.reads, services.config.publicUrl));
  app.use('*', sessionMiddleware(services.accounts, services.config));
  app.route('/api/library', apiLibraryRoutes(services));
  app.route('/api', apiRoutes(services));
  app.route('/', accountRoutes(services));
  app.route('/', digestRoutes(services));
  app.route('/', moderationRoutes(services));
  app.route('/', paperActionRoutes(services));
  app.route('/', libraryRoutes(services));
  app.route('/', forYouRoutes(services));
  app.route('/', feedRoutes(services));
  app.route('/', pageRoutes(services, { ...PAGE_SIZES, ...options.pageSizes }));

  app.notFound((c) => answerError(c, services, new AppError('not_found', `Nothing lives at ${c.req.path}.`)));
  app.onError((thrown, c) => {
    const error = services.explainError(thrown);
    if (error instanceof AppError) return answerError(c, services, error);
    services.log.error({ err: error, path: c.req.path }, 'request failed');
    return answerError(c, services, null);
  });
  return app;
}

/** `null` is our own failure: the person sees a plain apology, the log has the stack. */
function answerError(c: Context<WebEnv>, services: Services, error: AppError | null): Response | Promise<Response> {
  const status = error ? STATUS[error.kind] : 500;
  const kind = error?.kind ?? 'internal';
  const message = error?.message ?? 'Something went wrong on our side. Please try again in a moment.';
  if (c.req.path.startsWith('/api/') || c.req.path === '/api') return c.json({ error: { kind, message } }, status);
  if (/\.(atom|rss)$/.test(c.req.path) || c.req.path.startsWith('/static/')) return c.text(message, status);
  return sendViewerPage(c, services, ErrorPage({ status, message }), status);
}
