// Composing one reader's digest: each section the reader turned on asks search,
// recommend or trending for its candidates (new papers of the covered days for
// alerts, papers like the reader's own, authors and categories), papers the
// reader was sent before are dropped, and
// the selection rule (domain/digest-selection.ts) picks the papers. Every read
// goes through search, trending and the listing cards, which never return a
// hidden or merged paper. Candidates are shared by all readers of one run, but
// recommendations are each reader's own.
import type { Search } from '../search/search.ts';
import type { Trending } from '../trending/trending.ts';
import type { Recommend } from '../recommend/recommend.ts';
import { reasonText } from '../domain/recommend-reasons.ts';
import type { PaperCard } from '../db/listings.ts';
import type { DigestStore } from '../db/digest-store.ts';
import type { Follow, Subscription } from '../domain/digest-preferences.ts';
import { nextDay } from '../domain/days.ts';
import { noAnnouncementReason } from '../domain/arxiv-calendar.ts';
import {
  interleave,
  selectPapers,
  SECTION_TITLES,
  type Candidate,
  type ComposedDigest,
  type DigestPaper,
  type SectionCandidates,
} from '../domain/digest-selection.ts';

/** Candidates asked of each alert, author, category and trending list. */
export const CANDIDATES_PER_LIST = 30;

export interface ComposeDeps {
  search: Search;
  trending: Trending;
  recommend: Pick<Recommend, 'rank'>;
  /** What a mail shows of papers, hidden ones left out (the listing code's own filter). */
  mailCards: (ids: readonly string[]) => Promise<DigestPaper[]>;
  store: Pick<DigestStore, 'sentAmong'>;
}

/** Section candidates of one run, by what was asked: readers with the same follows share them. */
export type CandidateMemo = Map<string, Promise<Candidate[]>>;

export interface DigestRequest {
  subscription: Subscription;
  follows: readonly Follow[];
  edition: string;
  since: string;
}

export function createComposer(deps: ComposeDeps) {
  async function composeDigest(request: DigestRequest, memo: CandidateMemo = new Map()): Promise<ComposedDigest> {
    const { subscription, edition, since } = request;
    const sections = await sectionsOf(request, memo);
    const ids = [...new Set(sections.flatMap((section) => section.candidates.map((candidate) => candidate.paperId)))];
    const sent = await deps.store.sentAmong(subscription.accountId, ids);
    const selected = selectPapers(sections, sent, subscription.maxPapers);
    const papers = new Map((await deps.mailCards(selected.map((item) => item.paperId))).map((paper) => [paper.id, paper]));
    const digest: ComposedDigest = {
      accountId: subscription.accountId,
      email: subscription.email,
      edition,
      since,
      sections: sections
        .map((section) => ({
          kind: section.kind,
          title: SECTION_TITLES[section.kind],
          items: selected
            .filter((item) => item.section === section.kind && papers.has(item.paperId))
            .map((item) => ({ paper: papers.get(item.paperId)!, reasons: item.reasons })),
        }))
        .filter((section) => section.items.length),
      quietNote: null,
    };
    if (!digest.sections.length) digest.quietNote = await quietNote(request, sections.length > 0, memo);
    return digest;
  }

  async function sectionsOf(request: DigestRequest, memo: CandidateMemo): Promise<SectionCandidates[]> {
    const { subscription: terms, follows } = request;
    const window = { after: request.since, before: nextDay(request.edition) };
    const of = (kind: Follow['kind']) => follows.filter((follow) => follow.kind === kind).map((follow) => follow.value);
    const lists = (values: string[], ask: (value: string) => Promise<Candidate[]>) => Promise.all(values.map(ask)).then(interleave);
    const sections: SectionCandidates[] = [];
    if (terms.alertsOn && of('search').length)
      sections.push({ kind: 'alerts', candidates: await lists(of('search'), (query) => alertCandidates(query, window, memo)) });
    if (terms.forYouOn) {
      const recommended = await recommendedCandidates(terms.accountId, window);
      if (recommended.length) sections.push({ kind: 'forYou', candidates: recommended });
    }
    if (terms.authorsOn && of('author').length)
      sections.push({ kind: 'authors', candidates: await lists(of('author'), (name) => authorCandidates(name, window, memo)) });
    if (terms.categoriesOn && of('category').length)
      sections.push({
        kind: 'categories',
        candidates: await lists(of('category'), (category) => categoryCandidates(category, window, memo)),
      });
    if (terms.trending !== 'off') sections.push({ kind: 'trending', candidates: await trendingCandidates(terms.trending, memo) });
    return sections;
  }

  function remembered(memo: CandidateMemo, key: unknown[], find: () => Promise<Candidate[]>): Promise<Candidate[]> {
    const name = JSON.stringify(key);
    let found = memo.get(name);
    if (!found) memo.set(name, (found = find()));
    return found;
  }

  type Window = { after: string; before: string };

  function searched(text: string, filters: Window & { categories?: string[] }, sort: 'relevance' | 'newest' | 'trending', reason: string) {
    return deps.search
      .searchPapers(text, { filters, sort, limit: CANDIDATES_PER_LIST, countMatches: false })
      .then((result) => result.hits.map((hit) => ({ paperId: hit.id, reason })));
  }

  /** An alert matches papers holding every word of its search (as the newest-first order reads a query), newest first. */
  function alertCandidates(query: string, window: Window, memo: CandidateMemo) {
    return remembered(memo, ['alert', query, window], () => searched(query, window, 'newest', `matches your alert “${query}”`));
  }

  /** Papers like the reader's own, each with its reasons; only for a reader who saved or voted for some. */
  async function recommendedCandidates(accountId: number, window: Window): Promise<Candidate[]> {
    const ranked = await deps.recommend.rank(accountId, { ...window, limit: CANDIDATES_PER_LIST, onlyFromPapers: true });
    return ranked.papers.map((paper) => ({ paperId: paper.paperId, reason: paper.reasons.map(reasonText).join(' · ') }));
  }

  function authorCandidates(name: string, window: Window, memo: CandidateMemo) {
    const query = `author:"${name.replaceAll('"', '')}"`;
    return remembered(memo, ['author', name, window], () => searched(query, window, 'newest', `new paper by ${name}`));
  }

  function categoryCandidates(category: string, window: Window, memo: CandidateMemo) {
    return remembered(memo, ['category', category, window], () =>
      searched('', { ...window, categories: [category] }, 'trending', `new in ${category}`),
    );
  }

  function trendingCandidates(window: 'day' | 'week', memo: CandidateMemo) {
    return remembered(memo, ['trending', window], async () =>
      (await deps.trending.trendingPapers(window, CANDIDATES_PER_LIST)).papers.map((card, index) => ({
        paperId: card.id,
        reason: `#${index + 1} trending ${window === 'day' ? 'today' : 'this week'}${votesOf(card)}`,
      })),
    );
  }

  /** One line saying why a digest has nothing: no papers at all in its days, or none new to this reader. */
  async function quietNote(request: DigestRequest, hasSections: boolean, memo: CandidateMemo): Promise<string> {
    if (!hasSections)
      return 'Your digest has no sections turned on and follows nothing yet: choose trending, categories, authors or alerts in your preferences.';
    const window = { after: request.since, before: nextDay(request.edition) };
    const anyNew = await remembered(memo, ['any', window], () => searched('', window, 'newest', ''));
    if (!anyNew.length) {
      const calendar = noAnnouncementReason(request.edition);
      return `No new papers arrived here since ${request.since}${calendar ? ` (${calendar})` : ''}: nothing to send today.`;
    }
    return `Nothing new for you since ${request.since}: no new paper matched your alerts, authors or categories or was like your saved papers, and you have seen the trending ones.`;
  }

  return { composeDigest };
}

function votesOf(card: PaperCard): string {
  const total = card.votes + (card.upvotes ?? 0);
  return total ? `, ${total} ${total === 1 ? 'vote' : 'votes'}` : '';
}

export type Composer = ReturnType<typeof createComposer>;
