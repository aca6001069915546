// Ranking new papers for one reader, without a model. A candidate scores by
// its likeness to each of the reader's papers (cosine cubed, summed: a close
// match to one paper outweighs a faint one to many), fused by reciprocal rank
// with its likeness to all of them at once (their centroid); a paper like one
// marked "not interested" is pushed down; followed authors and categories add
// to the score. Each interest then has a place among the first ten, so a small one is
// not crowded out, and every paper says why it is there.
import { similarities, type CandidateIndex, type SparseVector } from './term-space.ts';
import { groupInterests } from './interests.ts';
import { meaningScores, nearestLiked, type MeaningInput } from './recommend-meaning.ts';
import { RRF_K } from './rank-fusion.ts';

export type SignalSource = { kind: 'saved'; collection: string | null } | { kind: 'voted' };

export interface LikedPaper {
  paperId: string;
  title: string;
  vector: SparseVector;
  source: SignalSource;
}

export interface CandidateFacts {
  paperId: string;
  authors: readonly string[];
  categories: readonly string[];
}

export interface RankingInput {
  index: CandidateIndex;
  /** Candidate i of the index. */
  candidates: readonly CandidateFacts[];
  /** Newest first. */
  liked: readonly LikedPaper[];
  notInterested: readonly SparseVector[];
  /** Followed author names as papers spell them, and followed categories. */
  authors: ReadonlySet<string>;
  categories: ReadonlySet<string>;
  /** Candidates the reader has seen (sent, voted, saved, marked). */
  seen: ReadonlySet<string>;
  limit: number;
  /** Vectors, when an embedding model is configured. */
  meaning?: MeaningInput | null;
}

export type Reason =
  | { kind: 'like'; paperId: string; title: string; source: SignalSource }
  | { kind: 'author'; name: string }
  | { kind: 'category'; category: string };

export interface Recommendation {
  paperId: string;
  score: number;
  reasons: Reason[];
}

/** A new paper by a followed author ranks with the best text matches; a followed category helps a little. */
const AUTHOR_BONUS = 1;
const CATEGORY_BONUS = 0.1;
/** Likeness to a "not interested" paper from which a candidate is pushed down, and where it is pushed to the bottom. */
const DISLIKE_FROM = 0.05;
const DISLIKE_FULL = 0.3;
/** Likeness below which a paper is not named as the reason. */
const REASON_SIMILARITY = 0.02;

/** How much the centroid's list counts beside the nearest papers' in the fusion (whose k is search's). */
const CENTROID_WEIGHT = 0.5;
/** Papers found by meaning alone that may be recommended: the nearest, as deep as search fuses, and near enough to name why. */
const MEANING_DEPTH = 100;
const MEANING_REASON = 0.5;
/** The first places, where every interest has one; later ones go by score alone. */
export const DIVERSE_PLACES = 10;

interface Scored {
  doc: number;
  score: number;
  interest: number;
}

export function rankForReader(input: RankingInput): Recommendation[] {
  const groups = groupInterests(input.liked.map((paper) => paper.vector));
  const text = textScores(input, groups);
  const meaning = input.meaning && input.liked.length ? meaningScores(input.meaning, groups, input.index.size) : null;
  const fused = fusedScores(text, meaning);
  const foundByMeaning = meaning
    ? new Set(
        rankedDocs(meaning)
          .slice(0, MEANING_DEPTH)
          .filter((doc) => meaning[doc]! >= MEANING_REASON),
      )
    : null;
  const penalty = dislikePenalties(input);
  const follows = followMatches(input);
  let best = 0;
  for (const value of fused) best = Math.max(best, value);
  const scored: Scored[] = [];
  for (let doc = 0; doc < input.index.size; doc++) {
    if (input.seen.has(input.candidates[doc]!.paperId)) continue;
    const match = follows[doc]!;
    const base = (best > 0 ? fused[doc]! / best : 0) + (match.author ? AUTHOR_BONUS : 0) + (match.category ? CATEGORY_BONUS : 0);
    // Every recommendation says why: a paper faintly like the reader's (and nothing followed) is none.
    const reasoned = text.anchorSimilarity[doc]! >= REASON_SIMILARITY || match.author || match.category || foundByMeaning?.has(doc);
    if (base <= 0 || !reasoned) continue;
    scored.push({ doc, score: base * penalty[doc]!, interest: match.author ? -1 : text.interest[doc]! });
  }
  scored.sort((a, b) => b.score - a.score || a.doc - b.doc);
  const first = withEveryInterest(scored, text.interestSizes, Math.min(input.limit, DIVERSE_PLACES));
  const placed = new Set(first);
  const rest = scored.filter((item) => !placed.has(item)).slice(0, input.limit - first.length);
  return [...first, ...rest].map((item) => ({
    paperId: input.candidates[item.doc]!.paperId,
    score: item.score,
    reasons: reasonsOf(input, item.doc, text, follows[item.doc]!),
  }));
}

interface TextScores {
  score: Float32Array;
  /** The sum of the cosines to each of the reader's papers: the order by cosine to their centroid. */
  toCentroid: Float32Array;
  /** The interest each candidate is most like (-1: none). */
  interest: Int32Array;
  interestSizes: number[];
  /** The liked paper each candidate is most like, and how much. */
  anchor: Int32Array;
  anchorSimilarity: Float32Array;
}

function textScores({ index, liked }: RankingInput, groups: number[][]): TextScores {
  const size = index.size;
  const result: TextScores = {
    score: new Float32Array(size),
    toCentroid: new Float32Array(size),
    interest: new Int32Array(size).fill(-1),
    interestSizes: groups.map((group) => group.length),
    anchor: new Int32Array(size).fill(-1),
    anchorSimilarity: new Float32Array(size),
  };
  const perInterest = new Float32Array(size);
  const bestInterest = new Float32Array(size);
  const similarity = new Float32Array(size);
  const touched = new Int32Array(size);
  groups.forEach((members, interest) => {
    perInterest.fill(0);
    for (const member of members) {
      const reached = similarities(index, liked[member]!.vector, similarity, touched);
      for (let k = 0; k < reached; k++) {
        const doc = touched[k]!;
        const value = similarity[doc]!;
        similarity[doc] = 0;
        perInterest[doc]! += value * value * value;
        result.toCentroid[doc]! += value;
        if (value > result.anchorSimilarity[doc]!) [result.anchorSimilarity[doc], result.anchor[doc]] = [value, member];
      }
    }
    for (let doc = 0; doc < size; doc++) {
      const value = perInterest[doc]!;
      result.score[doc]! += value;
      if (value > bestInterest[doc]!) [bestInterest[doc], result.interest[doc]] = [value, interest];
    }
  });
  return result;
}

/**
 * The nearest-papers scores fused by reciprocal rank with the cosine to the centroid of all
 * the reader's papers: the one finds papers very like one of theirs, the other papers on what
 * their papers share. Weights tuned on bench:recommend's May 2026 readers, reported on June's.
 */
function fusedScores(text: TextScores, meaning: Float32Array | null): Float32Array {
  const fused = new Float32Array(text.score.length);
  addReciprocalRanks(text.score, 1, fused);
  if (meaning) addReciprocalRanks(meaning, 1, fused);
  addReciprocalRanks(text.toCentroid, CENTROID_WEIGHT, fused);
  return fused;
}

/** The candidates with a score, best first. */
function rankedDocs(scores: Float32Array): number[] {
  const ranked: number[] = [];
  for (let doc = 0; doc < scores.length; doc++) if (scores[doc]! > 0) ranked.push(doc);
  return ranked.sort((a, b) => scores[b]! - scores[a]! || a - b);
}

/** Adds weight / (k + rank) for each candidate with a score, best first. */
function addReciprocalRanks(scores: Float32Array, weight: number, into: Float32Array): void {
  rankedDocs(scores).forEach((doc, rank) => (into[doc]! += weight / (RRF_K + rank + 1)));
}

/** 1 for a candidate unlike every "not interested" paper, falling to 0.1 for one very like one. */
function dislikePenalties({ index, notInterested }: RankingInput): Float32Array {
  const penalty = new Float32Array(index.size).fill(1);
  const similarity = new Float32Array(index.size);
  const touched = new Int32Array(index.size);
  for (const vector of notInterested) {
    const reached = similarities(index, vector, similarity, touched);
    for (let k = 0; k < reached; k++) {
      const doc = touched[k]!;
      const share = Math.min(1, Math.max(0, (similarity[doc]! - DISLIKE_FROM) / (DISLIKE_FULL - DISLIKE_FROM)));
      penalty[doc] = Math.min(penalty[doc]!, 1 - 0.9 * share);
      similarity[doc] = 0;
    }
  }
  return penalty;
}

interface FollowMatch {
  author: string | null;
  category: string | null;
}

const NO_MATCH: FollowMatch = { author: null, category: null };

function followMatches({ candidates, authors, categories }: RankingInput): FollowMatch[] {
  if (!authors.size && !categories.size) return new Array<FollowMatch>(candidates.length).fill(NO_MATCH);
  return candidates.map((candidate) => {
    const author = authors.size ? (candidate.authors.find((name) => authors.has(name)) ?? null) : null;
    const category = categories.size ? (candidate.categories.find((value) => categories.has(value)) ?? null) : null;
    return author || category ? { author, category } : NO_MATCH;
  });
}

/**
 * The best `places` papers, where each interest (largest first) has one: a missing interest's
 * best paper takes the place of the lowest paper of an interest holding several, at most half
 * the places. Then by score. Papers by followed authors, and papers found by meaning alone,
 * count as one more interest (-1).
 */
function withEveryInterest(scored: readonly Scored[], sizes: readonly number[], places: number): Scored[] {
  const top = scored.slice(0, places);
  const held = new Map<number, number>();
  for (const item of top) held.set(item.interest, (held.get(item.interest) ?? 0) + 1);
  let swaps = 0;
  for (const interest of sizes.keys()) {
    if (held.has(interest) || swaps >= places / 2) continue;
    const best = scored.find((item, at) => at >= places && item.interest === interest);
    const out = top.findLastIndex((item) => held.get(item.interest)! > 1);
    if (!best || out < 0) continue;
    held.set(top[out]!.interest, held.get(top[out]!.interest)! - 1);
    held.set(interest, 1);
    top[out] = best;
    swaps++;
  }
  return top.sort((a, b) => b.score - a.score || a.doc - b.doc);
}

function reasonsOf(input: RankingInput, doc: number, text: TextScores, follows: FollowMatch): Reason[] {
  const reasons: Reason[] = [];
  if (follows.author) reasons.push({ kind: 'author', name: follows.author });
  const anchor =
    text.anchorSimilarity[doc]! >= REASON_SIMILARITY
      ? text.anchor[doc]!
      : ((input.meaning && nearestLiked(input.meaning, doc)?.index) ?? -1);
  if (anchor >= 0) {
    const paper = input.liked[anchor]!;
    reasons.push({ kind: 'like', paperId: paper.paperId, title: paper.title, source: paper.source });
  }
  if (follows.category) reasons.push({ kind: 'category', category: follows.category });
  return reasons;
}
