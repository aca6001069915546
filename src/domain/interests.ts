// A reader's interests: their papers grouped by topic, so that a small
// interest (two graph-network papers) still gets places beside a large one
// (thirty speech-codec papers). Leader clustering, newest paper first: a
// paper joins the group whose centroid it is nearest to, if near enough.
import type { SparseVector } from './term-space.ts';
import { addTerm, termTable } from './term-table.ts';

/** Cosine to a group's centroid above which a paper joins it. */
const JOIN_SIMILARITY = 0.12;
export const MAX_INTERESTS = 8;

interface Group {
  members: number[];
  /** Summed weights, by local term (see localTerms). */
  centroid: Float64Array;
  squares: number;
}

/** Groups of indices into `vectors` (given newest first), largest first. */
export function groupInterests(vectors: readonly SparseVector[]): number[][] {
  const { size, local } = localTerms(vectors);
  // Every centroid a group could need, in one allocation.
  const centroids = new Float64Array(Math.min(vectors.length, MAX_INTERESTS) * size);
  const groups: Group[] = [];
  vectors.forEach((vector, index) => {
    const terms = local[index]!;
    let best: Group | null = null;
    let bestSimilarity = -1;
    for (const group of groups) {
      const similarity = similarityToCentroid(terms, vector.weights, group);
      if (similarity > bestSimilarity) [best, bestSimilarity] = [group, similarity];
    }
    if (best && (bestSimilarity >= JOIN_SIMILARITY || groups.length >= MAX_INTERESTS)) join(best, terms, vector.weights, index);
    else {
      const centroid = centroids.subarray(groups.length * size, (groups.length + 1) * size);
      const group: Group = { members: [], centroid, squares: 0 };
      join(group, terms, vector.weights, index);
      groups.push(group);
    }
  });
  return groups.map((group) => group.members).sort((a, b) => b.length - a.length);
}

/** The vectors' terms renumbered 0 … size - 1, so that a centroid is a small dense array. */
function localTerms(vectors: readonly SparseVector[]): { size: number; local: Int32Array[] } {
  const total = vectors.reduce((sum, vector) => sum + vector.terms.length, 0);
  const table = termTable(total);
  const places = new Int32Array(total);
  let at = 0;
  const local = vectors.map((vector) => {
    const from = at;
    for (const term of vector.terms) places[at++] = addTerm(table, term);
    return places.subarray(from, at);
  });
  return { size: table.size, local };
}

function similarityToCentroid(terms: Int32Array, weights: Float32Array, group: Group): number {
  if (group.squares === 0) return 0;
  let sum = 0;
  for (let k = 0; k < terms.length; k++) sum += weights[k]! * group.centroid[terms[k]!]!;
  return sum / Math.sqrt(group.squares);
}

function join(group: Group, terms: Int32Array, weights: Float32Array, index: number): void {
  group.members.push(index);
  for (let k = 0; k < terms.length; k++) {
    const before = group.centroid[terms[k]!]!;
    const after = before + weights[k]!;
    group.centroid[terms[k]!] = after;
    group.squares += after * after - before * before;
  }
}
