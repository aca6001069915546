// The moderation feature: admins (ADMIN_EMAILS) hide a paper (it leaves
// listings, search, feeds and digests at once), show it again, or merge a
// duplicate into the paper it duplicates (its votes and saves move over, its
// page points there). Who may, and what may be merged into what, is decided here.
import { AppError } from '../errors.ts';
import type { Logger } from '../log.ts';
import type { Viewer } from '../domain/viewer.ts';
import type { ModerationStore } from '../db/moderation-store.ts';

export function createModeration(deps: { store: ModerationStore; log: Logger; now?: () => number }) {
  const now = () => new Date((deps.now ?? Date.now)()).toISOString();

  async function stateOf(id: string) {
    const paper = await deps.store.paperState(id);
    if (!paper) throw new AppError('not_found', `There is no paper ${id}.`);
    return paper;
  }

  function requireAdmin(viewer: Viewer | null): Viewer {
    if (!viewer) throw new AppError('unauthorized', 'Sign in first.');
    if (!viewer.isAdmin) throw new AppError('forbidden', 'Only the admins of this hub can do that.');
    return viewer;
  }

  async function hide(viewer: Viewer | null, id: string): Promise<void> {
    const admin = requireAdmin(viewer);
    await stateOf(id);
    await deps.store.hide(id, now());
    deps.log.info({ admin: admin.account.id, paper: id }, 'paper hidden');
  }

  async function show(viewer: Viewer | null, id: string): Promise<void> {
    requireAdmin(viewer);
    await stateOf(id);
    await deps.store.show(id);
  }

  async function merge(viewer: Viewer | null, duplicate: string, into: string): Promise<void> {
    const admin = requireAdmin(viewer);
    if (!into) throw new AppError('invalid', 'Say which paper this one duplicates.');
    if (duplicate === into) throw new AppError('invalid', 'A paper cannot be merged into itself.');
    await stateOf(duplicate);
    if ((await stateOf(into)).hiddenAt) throw new AppError('invalid', `${into} is hidden; merge into a paper that is shown.`);
    await deps.store.merge(duplicate, into, now());
    deps.log.info({ admin: admin.account.id, paper: duplicate, into }, 'paper merged');
  }

  return { hide, show, merge };
}

export type Moderation = ReturnType<typeof createModeration>;
