// Sends a page rendered for its viewer: the account links, vote and save
// states, the list view and form tokens come from the request through
// ViewerContext.
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import type { JSX } from 'hono/jsx/jsx-runtime';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Votes } from '../votes/votes.ts';
import type { Library } from '../library/library.ts';
import type { WebEnv } from './session.ts';
import { sendPage } from './respond.ts';
import { ViewerContext, type PageViewer } from './pages/viewer.tsx';

/** The features a page asks about its viewer. */
export interface ViewerSources {
  votes: Votes;
  library: Library;
}

/** The cookie that remembers a reader's choice of the compact list view. */
export const LIST_VIEW_COOKIE = 'paperboy_view';

export function sendViewerPage(
  c: Context<WebEnv>,
  sources: ViewerSources,
  page: JSX.Element,
  status: ContentfulStatusCode = 200,
): Promise<Response> {
  return sendPage(c, withViewer(c, sources, page), status);
}

/** `element` as the request's viewer sees it. */
export function withViewer(c: Context<WebEnv>, sources: ViewerSources, element: JSX.Element): JSX.Element {
  return <ViewerContext.Provider value={pageViewer(c, sources)}>{element}</ViewerContext.Provider>;
}

function pageViewer(c: Context<WebEnv>, sources: ViewerSources): PageViewer {
  const viewer = c.get('viewer') ?? null;
  const url = new URL(c.req.url);
  const [hasVoted, savedIn] = [sources.votes.votesOf(viewer), sources.library.savedInOf(viewer?.account.id ?? null)];
  return {
    email: viewer?.account.email ?? null,
    isAdmin: viewer?.isAdmin ?? false,
    csrf: c.get('csrf') ?? '',
    path: `${url.pathname}${url.search}`,
    compact: viewer ? viewer.compactLists : getCookie(c, LIST_VIEW_COOKIE) === 'compact',
    hasVoted,
    savedIn,
    preload: async (paperIds) => void (await Promise.all([hasVoted.preload(paperIds), savedIn.preload(paperIds)])),
  };
}
