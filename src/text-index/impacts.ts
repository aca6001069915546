// How much a term can add to a document's score before its weight (idf): the
// per-term part of FTS5's bm25(), f / (f + k1 (1 − b + b · |D| / avgdl)), with
// f the term's counts weighted by field. Each block of postings keeps the most
// any of its documents reaches (its impact), a byte rounded up, computed with
// the source's field weights and the average length when it was written; a
// search with heavier weights or a longer average scales it up, so it stays an
// upper bound, and a block whose bound cannot lift a document into the best is
// skipped unread (max-score.ts).
export const K1 = 1.2;
export const B = 0.75;
/** k1 × (1 − b): the part of the denominator every document has. */
export const BASE = K1 * (1 - B);
/** Steps of an impact byte: impact i bounds parts up to i / STEPS. */
const STEPS = 255;

/** What impacts were computed with: field weights and an average length in words (a whole number, at least 1). */
export interface ImpactModel {
  weights: readonly number[];
  averageLength: number;
}

/** What a list's impacts are computed with: a model and each document's length. */
export interface ImpactSource {
  model: ImpactModel;
  lengthOf(seq: number): number;
}

/** Impacts under the weights and the average of the documents' lengths (those above 0; a whole number, at least 1). */
export function impactSource(weights: readonly number[], lengths: ArrayLike<number>, lengthOf: (seq: number) => number): ImpactSource {
  let total = 0;
  let counted = 0;
  for (let index = 0; index < lengths.length; index++)
    if (lengths[index]! > 0) {
      total += lengths[index]!;
      counted++;
    }
  const averageLength = Math.max(1, Math.round(counted ? total / counted : 1));
  return { model: { weights, averageLength }, lengthOf };
}

/** The term's part of a document's score (before the term's weight), f being its counts weighted by field. */
export function termPart(f: number, length: number, averageLength: number): number {
  return f / (f + BASE + (K1 * B * length) / averageLength);
}

/** A document's part as an impact byte, rounded up (a part is below 1), from its counts in the three fields. */
export function impactOf(title: number, abstract: number, authors: number, length: number, model: ImpactModel): number {
  const weights = model.weights;
  const f = weights[0]! * title + weights[1]! * abstract + weights[2]! * authors;
  return Math.min(STEPS, Math.ceil(termPart(f, length, model.averageLength) * STEPS));
}

/**
 * What an impact byte written under `model` is worth as a bound under `weights` and `averageLength`
 * now: a part grows at most as much as the weights grow (f / (f + d) is below λf / (λf + d) ≤ λ · f / (f + d)),
 * and as much as the average length grows; Infinity when a weighed field had no weight then.
 */
export function impactScale(written: ImpactModel, weights: readonly number[], averageLength: number): number {
  let scale = 1;
  weights.forEach((weight, field) => {
    if (weight <= 0) return;
    const before = written.weights[field] ?? 0;
    scale = Math.max(scale, before > 0 ? weight / before : Infinity);
  });
  return (scale * Math.max(1, averageLength / written.averageLength)) / STEPS;
}
