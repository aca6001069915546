// Works through the papers that have no vector for the current model yet (or
// whose content changed since): the queue is the database itself, so it
// survives restarts and two runs never lose work.
import type { Logger } from '../log.ts';
import type { VectorStore } from '../db/vector-store.ts';
import { paperText, type Embedder } from './embedder.ts';

export interface EmbedProgress {
  embedded: number;
  pending: number;
}

export function createEmbedQueue(deps: { store: VectorStore; embedder: Embedder; log: Logger }) {
  const { store, embedder } = deps;

  /** Embeds one batch; returns how many papers it embedded (0 when nothing is pending). */
  async function embedBatch(size: number): Promise<number> {
    const papers = await store.pending(embedder.modelId, size);
    if (!papers.length) return 0;
    const vectors = await embedder.embed(
      papers.map((paper) => paperText(paper.title, paper.abstract)),
      'document',
    );
    await store.save(
      embedder.modelId,
      papers.map((paper, index) => ({ seq: paper.seq, contentHash: paper.contentHash, vector: vectors[index]! })),
    );
    return papers.length;
  }

  async function drain(options: { batchSize?: number; onProgress?: (progress: EmbedProgress) => void } = {}): Promise<number> {
    let total = 0;
    for (let done = await embedBatch(options.batchSize ?? 32); done > 0; done = await embedBatch(options.batchSize ?? 32)) {
      total += done;
      options.onProgress?.(await store.progress(embedder.modelId));
    }
    deps.log.info({ model: embedder.modelId, embedded: total }, 'embedding queue drained');
    return total;
  }

  return { embedBatch, drain, progress: () => store.progress(embedder.modelId), modelId: embedder.modelId };
}

export type EmbedQueue = ReturnType<typeof createEmbedQueue>;
