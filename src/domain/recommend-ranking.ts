// Ranking new papers for one reader, without a model. A candidate scores by
// its likeness to each of the reader's papers (cosine cubed, summed: a close
// match to one paper outweighs a faint one to many); a paper like one marked
// "not interested" is pushed down; followed authors and categories add to the
// score. The list then gives each interest places in proportion to its size,
// so a small interest is not crowded out, and every paper says why it is there.
import { similarities, type CandidateIndex, type SparseVector } from './term-space.ts';
import { groupInterests } from './interests.ts';

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
const REASON_SIMILARITY = 0.05;

/** The first places, where every interest gets its share; later ones go by score alone. */
const DIVERSE_PLACES = 10;

interface Scored {
  doc: number;
  score: number;
  interest: number;
}

export function rankForReader(input: RankingInput): Recommendation[] {
  const text = textScores(input);
  const penalty = dislikePenalties(input);
  const follows = followMatches(input);
  let best = 0;
  for (const value of text.score) best = Math.max(best, value);
  const scored: Scored[] = [];
  for (let doc = 0; doc < input.index.size; doc++) {
    if (input.seen.has(input.candidates[doc]!.paperId)) continue;
    const match = follows[doc]!;
    const base = (best > 0 ? text.score[doc]! / best : 0) + (match.author ? AUTHOR_BONUS : 0) + (match.category ? CATEGORY_BONUS : 0);
    if (base <= 0) continue;
    scored.push({ doc, score: base * penalty[doc]!, interest: match.author ? -1 : text.interest[doc]! });
  }
  scored.sort((a, b) => b.score - a.score || a.doc - b.doc);
  const first = takeInProportion(scored, text.interestSizes, Math.min(input.limit, DIVERSE_PLACES));
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
  /** The interest each candidate is most like (-1: none). */
  interest: Int32Array;
  interestSizes: number[];
  /** The liked paper each candidate is most like, and how much. */
  anchor: Int32Array;
  anchorSimilarity: Float32Array;
}

function textScores({ index, liked }: RankingInput): TextScores {
  const size = index.size;
  const groups = groupInterests(liked.map((paper) => paper.vector));
  const result: TextScores = {
    score: new Float32Array(size),
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

function followMatches({ candidates, authors, categories }: RankingInput): FollowMatch[] {
  return candidates.map((candidate) => ({
    author: authors.size ? (candidate.authors.find((name) => authors.has(name)) ?? null) : null,
    category: categories.size ? (candidate.categories.find((category) => categories.has(category)) ?? null) : null,
  }));
}

/**
 * The best `limit` papers, each place going to the interest furthest below its share (the
 * Sainte-Laguë rule: the highest size / (2 · places + 1)), which then gives its best paper.
 * Papers by followed authors form one more interest, as large as the largest.
 */
function takeInProportion(scored: readonly Scored[], sizes: readonly number[], limit: number): Scored[] {
  const queues = new Map<number, Scored[]>();
  for (const item of scored) {
    const queue = queues.get(item.interest) ?? [];
    if (queue.length < limit) queue.push(item);
    queues.set(item.interest, queue);
  }
  const sizeOf = (interest: number) => (interest >= 0 ? sizes[interest]! : Math.max(1, ...sizes));
  const places = new Map<number, number>();
  const taken: Scored[] = [];
  while (taken.length < limit && queues.size) {
    let pick = -2;
    let quotient = -1;
    for (const interest of queues.keys()) {
      const value = sizeOf(interest) / (2 * (places.get(interest) ?? 0) + 1);
      if (value > quotient) [pick, quotient] = [interest, value];
    }
    const queue = queues.get(pick)!;
    taken.push(queue.shift()!);
    places.set(pick, (places.get(pick) ?? 0) + 1);
    if (!queue.length) queues.delete(pick);
  }
  return taken.sort((a, b) => b.score - a.score || a.doc - b.doc);
}

function reasonsOf(input: RankingInput, doc: number, text: TextScores, follows: FollowMatch): Reason[] {
  const reasons: Reason[] = [];
  if (follows.author) reasons.push({ kind: 'author', name: follows.author });
  const anchor = text.anchor[doc]!;
  if (anchor >= 0 && text.anchorSimilarity[doc]! >= REASON_SIMILARITY) {
    const paper = input.liked[anchor]!;
    reasons.push({ kind: 'like', paperId: paper.paperId, title: paper.title, source: paper.source });
  }
  if (follows.category) reasons.push({ kind: 'category', category: follows.category });
  return reasons;
}
