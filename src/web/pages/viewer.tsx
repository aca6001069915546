// Who is looking at a page, for the parts of it that depend on that: the
// account links, vote buttons, the CSRF token of every form.
import { createContext, useContext } from 'hono/jsx';

export interface PageViewer {
  email: string | null;
  isAdmin: boolean;
  csrf: string;
  /** The page's own path and query: where forms come back to. */
  path: string;
  hasVoted(paperId: string): boolean;
}

const NOBODY: PageViewer = { email: null, isAdmin: false, csrf: '', path: '/', hasVoted: () => false };

export const ViewerContext = createContext<PageViewer>(NOBODY);

export function useViewer(): PageViewer {
  return useContext(ViewerContext);
}

/** The hidden fields every state-changing form carries. */
export function FormGuard() {
  const viewer = useViewer();
  return (
    <>
      <input type="hidden" name="csrf" value={viewer.csrf} />
      <input type="hidden" name="next" value={viewer.path} />
    </>
  );
}
