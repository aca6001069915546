// The switch between the full list view (with abstracts) and the compact one
// (title, authors, counts) for skimming: a form, so the choice is remembered
// (a cookie) and works without script.
import { FormGuard, useViewer } from './viewer.tsx';

export function ListViewSwitch() {
  const compact = useViewer().compact;
  return (
    <form class="inline list-view" method="post" action="/view">
      <FormGuard />
      <input type="hidden" name="view" value={compact ? 'full' : 'compact'} />
      <button type="submit" class="small" aria-pressed={compact ? 'true' : 'false'}>
        Compact view
      </button>
    </form>
  );
}
