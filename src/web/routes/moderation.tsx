// Admin actions on papers, from the paper page: hide, show again, merge a
// duplicate into the paper it duplicates. Admins are listed in ADMIN_EMAILS.
import { Hono, type Context } from 'hono';
import type { Services } from '../../services.ts';
import { AppError } from '../../errors.ts';
import { requireViewer, type WebEnv } from '../session.ts';
import { paperPath } from '../paths.ts';

export function moderationRoutes(services: Services): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  const now = () => new Date().toISOString();

  app.post('/admin/papers/:id{.+}/hide', (c) => {
    const id = adminAction(c);
    services.moderation.hide(id, now());
    services.log.info({ admin: c.get('viewer')?.account.email, paper: id }, 'paper hidden');
    return c.redirect(paperPath(id), 303);
  });

  app.post('/admin/papers/:id{.+}/show', (c) => {
    const id = adminAction(c);
    services.moderation.show(id);
    return c.redirect(paperPath(id), 303);
  });

  app.post('/admin/papers/:id{.+}/merge', async (c) => {
    const id = adminAction(c);
    const into = String((await c.req.parseBody()).into ?? '').trim();
    if (!into) throw new AppError('invalid', 'Say which paper this one duplicates.');
    services.moderation.merge(id, into, now());
    services.log.info({ admin: c.get('viewer')?.account.email, paper: id, into }, 'paper merged');
    return c.redirect(paperPath(into), 303);
  });
  return app;
}

function adminAction(c: Context<WebEnv>): string {
  if (!requireViewer(c).isAdmin) throw new AppError('forbidden', 'Only the admins of this hub can do that.');
  return c.req.param('id') ?? '';
}
