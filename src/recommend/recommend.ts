// Recommendations per reader, the feature every front end calls (home page
// tab, API, private feed, digest): the reader's signals are read, the
// candidates of the window come from the shared candidate spaces, and the
// ranking rule (domain/recommend-ranking.ts) orders them. Papers the reader
// has seen and hidden papers are never recommended. Also "not interested"
// marks and the private feed's secret URL.
import { AppError } from '../errors.ts';
import type { TrendingWindow } from '../domain/trending.ts';
import { emailKey, type Account, type Viewer } from '../domain/viewer.ts';
import type { PaperCard } from '../db/listings.ts';
import type { ReaderPaper, RecommendStore } from '../db/recommend-store.ts';
import { rankForReader, type LikedPaper, type Reason } from '../domain/recommend-ranking.ts';
import { nameKey } from '../domain/author-names.ts';
import { dayOf, nextDay, shiftDay } from '../domain/days.ts';
import { isSignedFor, readLink, signLink } from '../domain/signed-links.ts';
import { createCandidateSpaces, type CandidateSpace, type CandidateSpaces } from './candidate-spaces.ts';
import { unitVector, type MeaningInput } from '../domain/recommend-meaning.ts';

export type RecommendWindow = TrendingWindow;
export const WINDOW_DAYS: Record<RecommendWindow, number> = { day: 1, week: 7, month: 30 };
/** Recommendations asked for at most. */
export const MAX_RECOMMENDATIONS = 100;
/** The reader's newest saved and voted papers read, and "not interested" marks: a bound on one reader's work. */
export const MAX_LIKED = 400;
const MAX_NOT_INTERESTED = 200;

export interface RecommendDeps {
  store: RecommendStore;
  /** Changes whenever papers do. */
  generation: () => Promise<string>;
  cards: (ids: readonly string[]) => Promise<PaperCard[]>;
  /** The latest day with papers at or before a day. */
  latestDayAtOrBefore: (day: string) => Promise<string | null>;
  accounts: { accountById(id: number): Promise<Account | null>; accountByEmail(email: string): Promise<Account | null> };
  /** Signs the private feeds' URLs (SECRET_KEY). */
  secretKey: Buffer;
  /** The embedding model whose vectors rank by meaning too; null when none is configured. */
  model: string | null;
  now?: () => number;
}

export interface RankRequest {
  /** Days: from `after` to before `before`. */
  after: string;
  before: string;
  limit: number;
  /** Recommend from this collection's papers alone. */
  collectionId?: number | null;
  /** Nothing for a reader who saved and voted for nothing (the digest's For you: follows have sections of their own). */
  onlyFromPapers?: boolean;
}

export interface Ranked {
  papers: { paperId: string; reasons: Reason[] }[];
  /** What the ranking had to go on. */
  signals: { liked: number; authors: number; categories: number };
}

export interface RecommendationPage {
  window: RecommendWindow;
  /** The first and last day of papers. */
  from: string;
  to: string;
  collection: { id: number; name: string } | null;
  signals: Ranked['signals'];
  papers: { card: PaperCard; reasons: Reason[] }[];
}

export function createRecommend(deps: RecommendDeps) {
  const now = deps.now ?? Date.now;
  const spaces: CandidateSpaces = createCandidateSpaces({ store: deps.store, generation: deps.generation, model: deps.model });

  /** Vectors of the reader's papers in the candidates' space. */
  const vectorsOf = (papers: readonly ReaderPaper[], candidates: CandidateSpace) =>
    spaces.vectorsIn(
      candidates,
      papers.map((paper) => ({ id: paper.paperId, hash: paper.hash, title: paper.title })),
    );

  /** The reader's papers' vectors beside the candidates', when a model is configured and has embedded some. */
  async function meaningOf(liked: readonly ReaderPaper[], candidates: CandidateSpace): Promise<MeaningInput | null> {
    if (!deps.model || !candidates.vectors?.dims) return null;
    const found = await deps.store.vectorsOf(
      deps.model,
      liked.map((paper) => paper.paperId),
    );
    const { dims, rows } = candidates.vectors;
    const vectorOf = (id: string) => {
      const vector = found.get(id);
      return vector?.length === dims ? unitVector(vector) : null;
    };
    return { dims, candidates: rows, liked: liked.map((paper) => vectorOf(paper.paperId)) };
  }

  /** One reader's recommendations for a window. */
  async function rank(accountId: number, request: RankRequest): Promise<Ranked> {
    const collectionId = request.collectionId ?? null;
    const [liked, disliked, followed, seen] = await Promise.all([
      deps.store.likedPapers(accountId, collectionId, MAX_LIKED).then(firstOfEach),
      deps.store.notInterestedPapers(accountId, MAX_NOT_INTERESTED),
      collectionId === null ? deps.store.followed(accountId) : { authors: [], categories: [] },
      deps.store.seenPapers(accountId),
    ]);
    const signals = { liked: liked.length, authors: followed.authors.length, categories: followed.categories.length };
    if (request.onlyFromPapers ? !signals.liked : !signals.liked && !signals.authors && !signals.categories) return { papers: [], signals };
    const candidates = await spaces.spaceFor(request.after, request.before);
    const [likedVectors, dislikedVectors, meaning] = await Promise.all([
      vectorsOf(liked, candidates),
      vectorsOf(disliked, candidates),
      meaningOf(liked, candidates),
    ]);
    const papers = rankForReader({
      index: candidates.index,
      candidates: candidates.candidates,
      liked: liked.map((paper, i): LikedPaper => ({ ...paper, vector: likedVectors[i]!, source: sourceOf(paper) })),
      notInterested: dislikedVectors,
      authors: new Set(followed.authors.map(nameKey)),
      categories: new Set(followed.categories),
      seen,
      limit: Math.min(request.limit, MAX_RECOMMENDATIONS),
      meaning,
    });
    return { papers: papers.map(({ paperId, reasons }) => ({ paperId, reasons })), signals };
  }

  /** The newest day, week or month of papers: up to the latest day with papers. */
  async function windowDays(window: RecommendWindow): Promise<{ after: string; before: string }> {
    const latest = (await deps.latestDayAtOrBefore(dayOf(now()))) ?? dayOf(now());
    const before = nextDay(latest);
    return { after: shiftDay(before, -WINDOW_DAYS[window]) ?? latest, before };
  }

  /** A reader's recommendations for the newest window, as lists show them. */
  async function page(account: Account, window: RecommendWindow, options: { collectionId?: number | null; limit: number }) {
    const collectionId = options.collectionId ?? null;
    const name = collectionId === null ? null : await deps.store.collectionName(account.id, collectionId);
    if (collectionId !== null && name === null) throw new AppError('not_found', `You have no collection ${collectionId}.`);
    const days = await windowDays(window);
    const ranked = await rank(account.id, { ...days, collectionId, limit: options.limit });
    const cards = new Map((await deps.cards(ranked.papers.map((paper) => paper.paperId))).map((card) => [card.id, card]));
    return {
      window,
      from: days.after,
      to: shiftDay(days.before, -1) ?? days.after,
      collection: collectionId === null ? null : { id: collectionId, name: name! },
      signals: ranked.signals,
      papers: ranked.papers
        .filter((paper) => cards.has(paper.paperId))
        .map((paper) => ({ card: cards.get(paper.paperId)!, reasons: paper.reasons })),
    } satisfies RecommendationPage;
  }

  function feedToken(account: Account, generation: number): string {
    return signLink(deps.secretKey, 'feed', { accountId: account.id, email: account.email, generation });
  }

  return {
    rank,
    page,
    windowDays,
    /** A reader's page by their address (the CLI's). */
    async pageByEmail(email: string, window: RecommendWindow, options: { collectionId?: number | null; limit: number }) {
      const account = await deps.accounts.accountByEmail(emailKey(email));
      if (!account) throw new AppError('not_found', `No reader has the address ${email.slice(0, 100)}.`);
      return page(account, window, options);
    },
    async markNotInterested(viewer: Viewer, paperId: string): Promise<void> {
      if (!(await deps.store.markNotInterested(viewer.account.id, paperId, new Date(now()).toISOString())))
        throw new AppError('not_found', `There is no paper ${paperId.slice(0, 100)}.`);
    },
    /** Takes a mark back; false when there was none. */
    undoNotInterested: (viewer: Viewer, paperId: string) => deps.store.unmarkNotInterested(viewer.account.id, paperId),
    notInterested: (viewer: Viewer) => deps.store.notInterestedPapers(viewer.account.id, MAX_NOT_INTERESTED),
    /** The secret token of the reader's private feed. */
    async feedToken(viewer: Viewer): Promise<string> {
      return feedToken(viewer.account, (await deps.store.feedGeneration(viewer.account.id)) ?? 0);
    },
    /** A new secret token; every older one stops working. */
    async resetFeed(viewer: Viewer): Promise<string> {
      return feedToken(viewer.account, await deps.store.nextFeedGeneration(viewer.account.id));
    },
    /** The reader whose feed a token opens; refused when forged, reset, or its account is gone. */
    async readerOfFeed(token: string): Promise<Account> {
      const read = readLink(token);
      const account = read && !read.edition ? await deps.accounts.accountById(read.accountId) : null;
      const generation = account ? await deps.store.feedGeneration(account.id) : null;
      if (
        !account ||
        generation === null ||
        !isSignedFor(deps.secretKey, 'feed', token, { accountId: account.id, email: account.email, generation })
      )
        throw new AppError(
          'not_found',
          'There is no feed at this address: it may have been reset. Copy the new one from your account page.',
        );
      return account;
    },
  };
}

export type Recommend = ReturnType<typeof createRecommend>;

/** A paper saved in two collections and voted for counts once, as its newest choice. */
function firstOfEach(papers: ReaderPaper[]): ReaderPaper[] {
  const seen = new Set<string>();
  return papers.filter((paper) => !seen.has(paper.paperId) && seen.add(paper.paperId));
}

function sourceOf(paper: ReaderPaper): LikedPaper['source'] {
  return paper.kind === 'voted' ? { kind: 'voted' } : { kind: 'saved', collection: paper.isDefault ? null : paper.collection };
}
