// What a page asks of each paper it shows for its viewer (did they vote for
// it, which collections hold it), read in batches before the page is drawn: a
// list's papers in one query, each paper once. A page's work then follows the
// papers it shows, not the size of the reader's library or votes.

export interface PaperLookup<T> {
  /** The answer for a paper read by preload (asking for another is a mistake of the page, and throws). */
  (paperId: string): T;
  /** Reads the answers for these papers at once (a list about to be drawn). */
  preload(paperIds: readonly string[]): Promise<void>;
}

/** A lookup over `read`, which answers for the papers it is given (papers it leaves out get `absent`). */
export function paperLookup<T>(read: (paperIds: readonly string[]) => Promise<Map<string, T>>, absent: T): PaperLookup<T> {
  const known = new Map<string, T>();
  async function preload(paperIds: readonly string[]): Promise<void> {
    const wanted = [...new Set(paperIds)].filter((id) => !known.has(id));
    if (!wanted.length) return;
    const found = await read(wanted);
    for (const id of wanted) known.set(id, found.get(id) ?? absent);
  }
  return Object.assign(
    (paperId: string) => {
      if (!known.has(paperId)) throw new Error(`paper ${paperId} was drawn before its viewer's answers were read`);
      return known.get(paperId)!;
    },
    { preload },
  );
}

/** The lookup of a viewer who has nothing to look up (signed out): no reads. */
export function emptyLookup<T>(absent: T): PaperLookup<T> {
  return Object.assign(() => absent, { preload: async () => undefined });
}
