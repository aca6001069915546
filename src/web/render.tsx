// Sends a page rendered for its viewer: the account links, vote states and
// form tokens come from the request through ViewerContext.
import type { Context } from 'hono';
import type { JSX } from 'hono/jsx/jsx-runtime';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Votes } from '../votes/votes.ts';
import type { WebEnv } from './session.ts';
import { sendPage } from './respond.ts';
import { ViewerContext, type PageViewer } from './pages/viewer.tsx';

export function sendViewerPage(c: Context<WebEnv>, votes: Votes, page: JSX.Element, status: ContentfulStatusCode = 200): Promise<Response> {
  return sendPage(c, withViewer(c, votes, page), status);
}

/** `element` as the request's viewer sees it. */
export function withViewer(c: Context<WebEnv>, votes: Votes, element: JSX.Element): JSX.Element {
  return <ViewerContext.Provider value={pageViewer(c, votes)}>{element}</ViewerContext.Provider>;
}

function pageViewer(c: Context<WebEnv>, votes: Votes): PageViewer {
  const viewer = c.get('viewer') ?? null;
  const url = new URL(c.req.url);
  return {
    email: viewer?.account.email ?? null,
    isAdmin: viewer?.isAdmin ?? false,
    csrf: c.get('csrf') ?? '',
    path: `${url.pathname}${url.search}`,
    hasVoted: votes.votesOf(viewer),
  };
}
