// A reader's interests: their papers grouped by topic, so that a small
// interest (two graph-network papers) still gets places beside a large one
// (thirty speech-codec papers). Leader clustering, newest paper first: a
// paper joins the group whose centroid it is nearest to, if near enough.
import type { SparseVector } from './term-space.ts';

/** Cosine to a group's centroid above which a paper joins it. */
const JOIN_SIMILARITY = 0.12;
export const MAX_INTERESTS = 8;

interface Group {
  members: number[];
  centroid: Map<number, number>;
  squares: number;
}

/** Groups of indices into `vectors` (given newest first), largest first. */
export function groupInterests(vectors: readonly SparseVector[]): number[][] {
  const groups: Group[] = [];
  vectors.forEach((vector, index) => {
    let best: Group | null = null;
    let bestSimilarity = -1;
    for (const group of groups) {
      const similarity = similarityToCentroid(vector, group);
      if (similarity > bestSimilarity) [best, bestSimilarity] = [group, similarity];
    }
    if (best && (bestSimilarity >= JOIN_SIMILARITY || groups.length >= MAX_INTERESTS)) join(best, vector, index);
    else {
      const group: Group = { members: [], centroid: new Map(), squares: 0 };
      join(group, vector, index);
      groups.push(group);
    }
  });
  return groups.map((group) => group.members).sort((a, b) => b.length - a.length);
}

function similarityToCentroid(vector: SparseVector, group: Group): number {
  if (group.squares === 0) return 0;
  let sum = 0;
  for (let k = 0; k < vector.terms.length; k++) sum += vector.weights[k]! * (group.centroid.get(vector.terms[k]!) ?? 0);
  return sum / Math.sqrt(group.squares);
}

function join(group: Group, vector: SparseVector, index: number): void {
  group.members.push(index);
  for (let k = 0; k < vector.terms.length; k++) {
    const term = vector.terms[k]!;
    const before = group.centroid.get(term) ?? 0;
    const after = before + vector.weights[k]!;
    group.centroid.set(term, after);
    group.squares += after * after - before * before;
  }
}
