// The papers feature: whether a reader may see a paper (a hidden one only
// admins; a merged one stands for the paper it duplicates), the cards and
// briefs that lists show, and what the hub holds.
import type { Viewer } from '../domain/viewer.ts';
import type { PaperDetail, PaperReader } from '../db/papers-read.ts';
import type { Listings, PaperBrief } from '../db/listings.ts';

export type { PaperDetail, PaperSummary, StoreStats } from '../db/papers-read.ts';
export type { PaperBrief, PaperCard } from '../db/listings.ts';

/** A paper as one reader may see it. */
export type PaperLookup =
  | { state: 'shown'; paper: PaperDetail; brief: PaperBrief }
  | { state: 'merged'; into: string }
  | { state: 'hidden' }
  | { state: 'missing' };

export function createPapers(deps: { reader: PaperReader; listings: Listings }) {
  /** Admins see a hidden paper's page (to show it again); nobody sees a merged one, only the paper it points to. */
  async function lookUp(id: string, viewer: Pick<Viewer, 'isAdmin'> | null): Promise<PaperLookup> {
    const paper = await deps.reader.getPaper(id);
    if (!paper) return { state: 'missing' };
    if (paper.mergedInto) return { state: 'merged', into: paper.mergedInto };
    if (paper.hiddenAt && !viewer?.isAdmin) return { state: 'hidden' };
    return { state: 'shown', paper, brief: await deps.listings.paperBrief(id) };
  }

  return {
    lookUp,
    /** Cards of the given papers that are shown, in the order given. */
    cards: deps.listings.cards,
    briefs: deps.listings.briefs,
    /** The paper as stored, hidden or merged or not: for operators (the CLI) and checks, never for readers. */
    getPaper: deps.reader.getPaper,
    countPapers: deps.reader.countPapers,
    stats: deps.reader.stats,
  };
}

export type Papers = ReturnType<typeof createPapers>;
