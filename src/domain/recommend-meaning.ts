// Recommending by meaning, when an embedding model is configured: each
// candidate's cosine to the nearest of the reader's interests (the centroid
// of the vectors of their papers in it). Its order is fused with the order by
// words (recommend-ranking.ts), as search fuses keyword and vector lists.

export interface MeaningInput {
  dims: number;
  /** Candidate i's unit vector at i · dims; zeros for a paper not embedded yet. */
  candidates: Float32Array;
  /** The reader's papers' unit vectors, as RankingInput.liked; null for one not embedded yet. */
  liked: readonly (Float32Array | null)[];
}

/** Each candidate's best cosine to an interest's centroid (0 without vectors). */
export function meaningScores(meaning: MeaningInput, groups: readonly number[][], size: number): Float32Array {
  const scores = new Float32Array(size);
  for (const members of groups) {
    const centroid = unitCentroid(
      members.map((member) => meaning.liked[member] ?? null),
      meaning.dims,
    );
    if (!centroid) continue;
    for (let doc = 0; doc < size; doc++) {
      const value = dot(meaning.candidates, doc * meaning.dims, centroid);
      if (value > scores[doc]!) scores[doc] = value;
    }
  }
  return scores;
}

/** The reader's paper nearest in meaning to a candidate, and how near. */
export function nearestLiked(meaning: MeaningInput, doc: number): { index: number; similarity: number } | null {
  let best: { index: number; similarity: number } | null = null;
  meaning.liked.forEach((vector, index) => {
    if (!vector) return;
    const similarity = dot(meaning.candidates, doc * meaning.dims, vector);
    if (!best || similarity > best.similarity) best = { index, similarity };
  });
  return best;
}

function unitCentroid(vectors: readonly (Float32Array | null)[], dims: number): Float32Array | null {
  const sum = new Float32Array(dims);
  let any = false;
  for (const vector of vectors) {
    if (!vector) continue;
    any = true;
    for (let i = 0; i < dims; i++) sum[i]! += vector[i]!;
  }
  return any ? unitVector(sum) : null;
}

function dot(rows: Float32Array, offset: number, vector: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < vector.length; i++) sum += rows[offset + i]! * vector[i]!;
  return sum;
}

/** A vector scaled to unit length (a copy). */
export function unitVector(vector: Float32Array): Float32Array {
  let norm = 0;
  for (const value of vector) norm += value * value;
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  return vector.map((value) => value * scale);
}
