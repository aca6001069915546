// Who is looking at a page, for the parts of it that depend on that: the
// account links, vote and save buttons, the list view, the CSRF token of
// every form.
import { createContext, useContext } from 'hono/jsx';
import { html } from 'hono/html';
import type { SavedIn } from '../../library/library.ts';

export interface PageViewer {
  email: string | null;
  isAdmin: boolean;
  csrf: string;
  /** The page's own path and query: where forms come back to. */
  path: string;
  /** Lists show title, authors and counts only. */
  compact: boolean;
  hasVoted(paperId: string): boolean;
  /** The reader's collections that hold the paper. */
  savedIn(paperId: string): SavedIn[];
  /** Reads the answers of hasVoted and savedIn for a list's papers at once, before it is drawn. */
  preload(paperIds: readonly string[]): Promise<void>;
}

const NOBODY: PageViewer = {
  email: null,
  isAdmin: false,
  csrf: '',
  path: '/',
  compact: false,
  hasVoted: () => false,
  savedIn: () => [],
  preload: async () => undefined,
};

export const ViewerContext = createContext<PageViewer>(NOBODY);

export function useViewer(): PageViewer {
  return useContext(ViewerContext);
}

/**
 * The hidden fields every state-changing form carries. `anchor` names the element to come back to
 * (a card), so that a page reloaded after the form is where the reader left it.
 */
export function FormGuard({ anchor }: { anchor?: string }) {
  return guardFields(useViewer(), anchor);
}

/** FormGuard's fields, for parts written with the html helper. */
export function guardFields(viewer: PageViewer, anchor?: string) {
  const next = anchor ? `${viewer.path}#${anchor}` : viewer.path;
  return html`<input type="hidden" name="csrf" value="${viewer.csrf}"/><input type="hidden" name="next" value="${next}"/>`;
}

/** The id of a paper's card in a list: what forms on it come back to. */
export function cardAnchor(paperId: string): string {
  return `paper-${paperId}`;
}
