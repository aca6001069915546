// The candidates of a window, as vectors indexed by term, and the space they
// are weighed in: inverse document frequencies from the month of papers up to
// the window's end, or the newest 2,000 when a month holds fewer (a single
// day, or a small hub's month, is too few papers to weigh words by). Built
// once per window until the database changes, and shared by every reader: a
// digest run for 10,000 readers builds each window once.
import type { RecommendStore } from '../db/recommend-store.ts';
import { paperTerms, type TermCounts } from '../domain/paper-terms.ts';
import { buildSpace, indexVectors, vectorOf, type CandidateIndex, type SparseVector, type TermSpace } from '../domain/term-space.ts';
import type { CandidateFacts } from '../domain/recommend-ranking.ts';
import { nameKey } from '../domain/author-names.ts';
import { shiftDay } from '../domain/days.ts';
import { unitVector } from '../domain/recommend-meaning.ts';

export interface CandidateSpace {
  space: TermSpace;
  index: CandidateIndex;
  candidates: CandidateFacts[];
  /** The candidates' unit vectors, one row each, when a model is configured. */
  vectors: { dims: number; rows: Float32Array } | null;
  /** Readers' papers' vectors in this space, by id and text hash: many readers save the same papers. */
  readerVectors: Map<string, SparseVector>;
}

/** A reader's paper, as vectorsIn reads it (its abstract is read only when its terms are not known). */
export interface PaperText {
  id: string;
  hash: string;
  title: string;
}

/** Days of papers that weigh words. */
export const POOL_DAYS = 30;
const EARLIEST_DAY = '0001-01-01';
/** Papers that weigh words at least, when the hub has them. */
const MIN_POOL_PAPERS = 2000;
/** Papers read for one window at most (newest first): a bound on the work of one request. */
export const MAX_WINDOW_PAPERS = 30_000;
/** Windows kept between requests. */
const KEPT_WINDOWS = 8;
/** Papers whose terms are kept between requests (a reader's papers are read again on every request). */
const KEPT_TERMS = 50_000;
/** Readers' papers whose vectors each window keeps. */
const KEPT_READER_VECTORS = 20_000;

export interface CandidateSpaceDeps {
  store: Pick<RecommendStore, 'windowPapers' | 'abstracts' | 'vectorsOf' | 'vectorsVersion'>;
  /** Changes whenever papers do. */
  generation: () => Promise<string>;
  /** The embedding model whose vectors rank by meaning too; null when none is configured. */
  model: string | null;
}

export function createCandidateSpaces(deps: CandidateSpaceDeps) {
  let kept = { generation: '', spaces: new Map<string, Promise<CandidateSpace>>() };
  const terms = new Map<string, TermCounts>();
  const keyOf = (paper: { id: string; hash: string }) => `${paper.id}\n${paper.hash}`;

  /** A paper's terms, remembered by id and text hash. */
  function termsOf(paper: { id: string; hash: string; title: string; abstract: string }): TermCounts {
    const key = keyOf(paper);
    let counts = terms.get(key);
    if (counts) {
      terms.delete(key);
      terms.set(key, counts);
      return counts;
    }
    counts = paperTerms(paper.title, paper.abstract);
    if (terms.size >= KEPT_TERMS) terms.delete(terms.keys().next().value!);
    terms.set(key, counts);
    return counts;
  }

  async function build(after: string, before: string): Promise<CandidateSpace> {
    const poolStart = shiftDay(before, -POOL_DAYS) ?? after;
    let pool = await deps.store.windowPapers(poolStart < after ? poolStart : after, before, MAX_WINDOW_PAPERS);
    if (pool.length < MIN_POOL_PAPERS) pool = await deps.store.windowPapers(EARLIEST_DAY, before, MIN_POOL_PAPERS);
    const space = buildSpace(pool.map(termsOf));
    const inWindow = pool.filter((paper) => paper.day >= after);
    return {
      vectors: deps.model
        ? await vectorRows(
            deps.model,
            inWindow.map((paper) => paper.id),
          )
        : null,
      space,
      index: indexVectors(inWindow.map((paper) => vectorOf(space, termsOf(paper)))),
      candidates: inWindow.map((paper) => ({
        paperId: paper.id,
        authors: paper.authors.map(nameKey),
        categories: paper.categories,
      })),
      readerVectors: new Map(),
    };
  }

  /** Vectors of readers' papers in a window's space; texts are read only for papers whose terms are not known. */
  async function vectorsIn(candidates: CandidateSpace, papers: readonly PaperText[]): Promise<SparseVector[]> {
    const kept = candidates.readerVectors;
    const unread = papers.filter((paper) => !kept.has(keyOf(paper)) && !terms.has(keyOf(paper))).map((paper) => paper.id);
    const abstracts = unread.length ? await deps.store.abstracts(unread) : new Map<string, string>();
    return papers.map((paper) => {
      const key = keyOf(paper);
      let vector = kept.get(key);
      if (vector) return vector;
      vector = vectorOf(candidates.space, termsOf({ ...paper, abstract: abstracts.get(paper.id) ?? '' }));
      if (kept.size >= KEPT_READER_VECTORS) kept.delete(kept.keys().next().value!);
      kept.set(key, vector);
      return vector;
    });
  }

  async function vectorRows(model: string, ids: string[]): Promise<CandidateSpace['vectors']> {
    const found = await deps.store.vectorsOf(model, ids);
    const dims = found.values().next().value?.length ?? 0;
    const rows = new Float32Array(ids.length * dims);
    ids.forEach((id, row) => {
      const vector = found.get(id);
      if (vector?.length === dims) rows.set(unitVector(vector), row * dims);
    });
    return { dims, rows };
  }

  return {
    vectorsIn,
    /** The candidates published from `after` to before `before` (days). */
    async spaceFor(after: string, before: string): Promise<CandidateSpace> {
      const generation = `${await deps.generation()}/${deps.model ? await deps.store.vectorsVersion(deps.model) : ''}`;
      if (kept.generation !== generation) kept = { generation, spaces: new Map() };
      const key = `${after}/${before}`;
      let space = kept.spaces.get(key);
      if (!space) {
        if (kept.spaces.size >= KEPT_WINDOWS) kept.spaces.delete(kept.spaces.keys().next().value!);
        space = build(after, before);
        kept.spaces.set(key, space);
        space.catch(() => kept.spaces.delete(key));
      }
      return space;
    },
  };
}

export type CandidateSpaces = ReturnType<typeof createCandidateSpaces>;
