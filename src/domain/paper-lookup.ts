// What a page asks of each paper it shows for its viewer (did they vote for
// it, which collections hold it), read in batches: a list's papers in one
// query before it is drawn, any other paper on its own when asked, each once.
// A page's work then follows the papers it shows, not the size of the
// reader's library or votes.

export interface PaperLookup<T> {
  (paperId: string): T;
  /** Reads the answers for these papers at once (a list about to be drawn). */
  preload(paperIds: readonly string[]): void;
}

/** A lookup over `read`, which answers for the papers it is given (papers it leaves out get `absent`). */
export function paperLookup<T>(read: (paperIds: readonly string[]) => Map<string, T>, absent: T): PaperLookup<T> {
  const known = new Map<string, T>();
  function preload(paperIds: readonly string[]): void {
    const wanted = [...new Set(paperIds)].filter((id) => !known.has(id));
    if (!wanted.length) return;
    const found = read(wanted);
    for (const id of wanted) known.set(id, found.get(id) ?? absent);
  }
  return Object.assign(
    (paperId: string) => {
      if (!known.has(paperId)) preload([paperId]);
      return known.get(paperId)!;
    },
    { preload },
  );
}

/** The lookup of a viewer who has nothing to look up (signed out): no reads. */
export function emptyLookup<T>(absent: T): PaperLookup<T> {
  return paperLookup(() => new Map(), absent);
}
