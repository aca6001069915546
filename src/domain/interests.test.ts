import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { groupInterests, MAX_INTERESTS } from './interests.ts';
import type { SparseVector } from './term-space.ts';

/** A unit vector over a few of `vocabulary` terms (spread over the whole bucket range), terms ascending. */
const vectorOver = (vocabulary: number) =>
  fc.uniqueArray(fc.integer({ min: 0, max: vocabulary - 1 }), { minLength: 1, maxLength: 12 }).chain((picked) =>
    fc
      .array(fc.float({ min: Math.fround(0.01), max: 1, noNaN: true }), { minLength: picked.length, maxLength: picked.length })
      .map((weights): SparseVector => {
        const order = picked.map((term, k) => ({ term: term * 65_521, weight: weights[k]! })).sort((a, b) => a.term - b.term);
        const norm = Math.hypot(...order.map((entry) => entry.weight));
        return { terms: Int32Array.from(order, (entry) => entry.term), weights: Float32Array.from(order, (entry) => entry.weight / norm) };
      }),
  );

/** The same leader clustering, its centroids kept in maps by term: what the dense arrays must agree with. */
function referenceGroups(vectors: readonly SparseVector[]): number[][] {
  type Group = { members: number[]; centroid: Map<number, number>; squares: number };
  const groups: Group[] = [];
  vectors.forEach((vector, index) => {
    let best: Group | null = null;
    let bestSimilarity = -1;
    for (const group of groups) {
      let sum = 0;
      for (let k = 0; k < vector.terms.length; k++) sum += vector.weights[k]! * (group.centroid.get(vector.terms[k]!) ?? 0);
      const similarity = group.squares === 0 ? 0 : sum / Math.sqrt(group.squares);
      if (similarity > bestSimilarity) [best, bestSimilarity] = [group, similarity];
    }
    const joins = best !== null && (bestSimilarity >= 0.12 || groups.length >= MAX_INTERESTS);
    const group: Group = joins ? best! : { members: [], centroid: new Map(), squares: 0 };
    if (!joins) groups.push(group);
    group.members.push(index);
    for (let k = 0; k < vector.terms.length; k++) {
      const before = group.centroid.get(vector.terms[k]!) ?? 0;
      const after = before + vector.weights[k]!;
      group.centroid.set(vector.terms[k]!, after);
      group.squares += after * after - before * before;
    }
  });
  return groups.map((group) => group.members).sort((a, b) => b.length - a.length);
}

describe('a reader’s interests', () => {
  it('put papers on one topic together and papers on another apart', async () => {
    const unit = (terms: number[]): SparseVector => ({
      terms: Int32Array.from(terms),
      weights: new Float32Array(terms.length).fill(1 / Math.sqrt(terms.length)),
    });
    const codecs = [unit([1, 2, 3, 4]), unit([2, 3, 4, 5]), unit([1, 3, 4, 6])];
    const graphs = [unit([100, 101, 102]), unit([100, 101, 103])];
    expect(groupInterests([codecs[0]!, graphs[0]!, codecs[1]!, graphs[1]!, codecs[2]!])).toEqual([
      [0, 2, 4],
      [1, 3],
    ]);
  });

  it('group every paper once, in at most eight interests, largest first, as the clustering by maps does', async () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 4, max: 60 }).chain((vocabulary) => fc.array(vectorOver(vocabulary), { maxLength: 40 })),
        (vectors) => {
          const groups = groupInterests(vectors);
          expect(groups.flat().sort((a, b) => a - b)).toEqual(vectors.map((_, index) => index));
          expect(groups.length).toBeLessThanOrEqual(MAX_INTERESTS);
          expect(groups.map((group) => group.length)).toEqual(groups.map((group) => group.length).sort((a, b) => b - a));
          expect(groups).toEqual(referenceGroups(vectors));
        },
      ),
      { numRuns: 300 },
    );
  });
});
