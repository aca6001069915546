// Synthetic sentence-embedding-like vectors: unit vectors around random topic
// centres (standard normal coordinates), each its centre plus normal noise of
// 0.8 per coordinate, normalised. Same-topic pairs have cosine about 0.6,
// unrelated ones about 0. Seeded, so every run measures the same vectors.
export const DIMENSIONS = 384;
export const CLUSTERS = 2000;

/** A seeded standard normal generator. */
export function normals(seed: number): () => number {
  let state = seed >>> 0;
  const uniform = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t ^= t + Math.imul(t ^ (t >>> 7), 61 | t);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(uniform() || 1e-12)) * Math.cos(2 * Math.PI * uniform());
}

export function topicCentres(seed = 1): Float32Array {
  return Float32Array.from({ length: CLUSTERS * DIMENSIONS }, normals(seed));
}

/** `count` vectors, one after another in one array. */
export function clusteredVectors(count: number, centres: Float32Array, seed: number): Float32Array {
  const normal = normals(seed);
  const out = new Float32Array(count * DIMENSIONS);
  for (let i = 0; i < count; i++) {
    const centre = Math.floor(Math.abs(normal() * 1e6)) % CLUSTERS;
    let norm = 0;
    for (let j = 0; j < DIMENSIONS; j++) {
      const value = centres[centre * DIMENSIONS + j]! + 0.8 * normal();
      out[i * DIMENSIONS + j] = value;
      norm += value * value;
    }
    norm = Math.sqrt(norm);
    for (let j = 0; j < DIMENSIONS; j++) out[i * DIMENSIONS + j]! /= norm;
  }
  return out;
}

export const vectorAt = (matrix: Float32Array, i: number) => matrix.subarray(i * DIMENSIONS, (i + 1) * DIMENSIONS);
