// Hybrid ranking: keyword (BM25) and meaning (nearest vectors) lists fused by
// reciprocal rank. Vector candidates must pass the same filters, phrases,
// authors and exclusions as keyword ones. If the embedder fails, the keyword
// list stands alone and the result says so.
import type { Logger } from '../log.ts';
import type { ParsedQuery } from '../domain/query.ts';
import { fuseRanks } from '../domain/rank-fusion.ts';
import type { IndexHit, LexicalSearch } from './lexical.ts';
import type { VectorSearch } from '../db/vector-index.ts';
import type { Embedder } from '../embeddings/embedder.ts';

/** How deep each list goes before fusion; pages come from the fused list. */
export const FUSION_DEPTH = 100;

export interface Semantic {
  embedder: Embedder;
  vectors: Pick<VectorSearch, 'nearest' | 'vectorOf'>;
  log: Logger;
}

export async function hybridRanking(index: LexicalSearch, semantic: Semantic, query: ParsedQuery, notes: string[]): Promise<IndexHit[]> {
  const lexical = await index.search({ query, sort: 'relevance', limit: FUSION_DEPTH });
  const nearest = await nearestSeqs(semantic, query, notes);
  const admitted = await index.admit(query, nearest);
  return fuseHits(
    index,
    lexical,
    nearest.filter((seq) => admitted.has(seq)),
  );
}

/** Keyword hits and papers found by meaning, one list by reciprocal rank; rows read for the latter. */
async function fuseHits(index: LexicalSearch, lexical: IndexHit[], byMeaning: number[]): Promise<IndexHit[]> {
  const rows = new Map(lexical.map((row) => [row.seq, row]));
  const fused = fuseRanks([lexical.map((row) => row.seq), byMeaning]);
  for (const row of await index.rowsBySeq(fused.filter((seq) => !rows.has(seq)))) rows.set(row.seq, row);
  return fused.map((seq) => rows.get(seq)!).filter(Boolean);
}

/**
 * Similar papers with a model: the TF-IDF list fused with the papers nearest to this
 * paper's own vector. Without a vector yet, or while the index is not ready, TF-IDF alone.
 */
export async function similarWithMeaning(
  index: LexicalSearch,
  semantic: Semantic,
  paperId: string,
  lexical: IndexHit[],
): Promise<IndexHit[]> {
  const own = await semantic.vectors.vectorOf(semantic.embedder.modelId, paperId);
  if (!own) return lexical;
  try {
    const nearest = (await semantic.vectors.nearest(semantic.embedder.modelId, own.vector, FUSION_DEPTH + 1)).map(
      (neighbour) => neighbour.seq,
    );
    return await fuseHits(
      index,
      lexical,
      nearest.filter((seq) => seq !== own.seq),
    );
  } catch (error) {
    semantic.log.warn({ err: (error as Error).message }, 'similar papers by meaning failed; TF-IDF only');
    return lexical;
  }
}

/** The note on results that lack the part by meaning for a passing reason (model down, index still building). */
export const MEANING_UNAVAILABLE = 'search by meaning is unavailable right now; these are keyword matches';

async function nearestSeqs(semantic: Semantic, query: ParsedQuery, notes: string[]): Promise<number[]> {
  const text = [...query.words, ...query.phrases.flat()].join(' ');
  try {
    const [vector] = await semantic.embedder.embed([text], 'query');
    return (await semantic.vectors.nearest(semantic.embedder.modelId, vector!, FUSION_DEPTH)).map((neighbour) => neighbour.seq);
  } catch (error) {
    semantic.log.warn({ err: (error as Error).message }, 'search by meaning failed; keyword results only');
    notes.push(MEANING_UNAVAILABLE);
    return [];
  }
}
