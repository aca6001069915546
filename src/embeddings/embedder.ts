// The one interface every embedding provider implements, and the text of a
// paper that gets embedded.
export type EmbedPurpose = 'query' | 'document';

export interface Embedder {
  /** Names the vector space: vectors of two different ids are never compared or mixed. */
  readonly modelId: string;
  embed(texts: string[], purpose: EmbedPurpose): Promise<Float32Array[]>;
}

export function paperText(title: string, abstract: string): string {
  return abstract ? `${title}\n\n${abstract}` : title;
}

/** Scales a vector to unit length, so that cosine distance is all that matters. */
export function normalize(vector: Float32Array): Float32Array {
  let norm = 0;
  for (const value of vector) norm += value * value;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let i = 0; i < vector.length; i++) vector[i]! /= norm;
  return vector;
}
