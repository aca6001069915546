// Admin actions on papers, from the paper page: hide, show again, merge a
// duplicate into the paper it duplicates; the moderation feature decides who may.
import { Hono, type Context } from 'hono';
import type { Services } from '../../services.ts';
import type { WebEnv } from '../session.ts';
import { paperPath } from '../paths.ts';

export function moderationRoutes(services: Services): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  const viewer = (c: Context<WebEnv>) => c.get('viewer') ?? null;
  const id = (c: Context<WebEnv>) => c.req.param('id') ?? '';

  app.post('/admin/papers/:id{.+}/hide', async (c) => {
    await services.moderation.hide(viewer(c), id(c));
    return c.redirect(paperPath(id(c)), 303);
  });

  app.post('/admin/papers/:id{.+}/show', async (c) => {
    await services.moderation.show(viewer(c), id(c));
    return c.redirect(paperPath(id(c)), 303);
  });

  app.post('/admin/papers/:id{.+}/merge', async (c) => {
    const into = String((await c.req.parseBody()).into ?? '').trim();
    await services.moderation.merge(viewer(c), id(c), into);
    return c.redirect(paperPath(into), 303);
  });
  return app;
}
