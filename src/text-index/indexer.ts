// Runs the index's upkeep alongside writes: once SEGMENT_DOCUMENTS documents
// wait, they are read and their segment is built in a worker thread while the
// writes go on, then written on this thread (the only writer). flush() indexes
// whatever waits, at the end of each run of writes. A failing worker never stops
// indexing: the segment is then built in place.
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../worker.ts';
import { SEGMENT_DOCUMENTS, type IndexWriter } from './writer.ts';
import { buildSegment, type PendingSegment } from './segment.ts';
import { readPending, type PendingDocument } from './source.ts';

/**
 * Small heaps for the worker, so that its garbage is freed early (an import must stay under
 * 500 MB); should it run out, the segment is built in place.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 128 };

export function createIndexer(writer: IndexWriter) {
  let worker: Worker | null = null;
  let running: Promise<void> | null = null;

  async function buildNext(): Promise<PendingSegment> {
    const documents = await readPending(writer.sql, writer.source, SEGMENT_DOCUMENTS);
    const weights = writer.source.weights;
    if (!documents.length) return { documents, built: buildSegment(documents, weights) };
    // Should the worker fail, the segment is built here from the documents read again (they wait until written).
    return buildInWorker(documents).catch(() => writer.buildPending());
  }

  function buildInWorker(documents: PendingDocument[]): Promise<PendingSegment> {
    worker ??= startWorker(new URL('./build-worker.ts', import.meta.url), null, WORKER_LIMITS);
    worker.unref();
    const current = worker;
    // Only which documents, versions and dates are kept here while the worker builds: no closure holds their text (10,000 abstracts).
    const placed = documents.map(({ seq, version, dateKey }) => ({ seq, version, dateKey }));
    const segment = new Promise<PendingSegment>((resolve, reject) => {
      const done = () => {
        current.off('message', onMessage);
        current.off('error', onError);
      };
      const onMessage = (built: PendingSegment['built']) => (done(), resolve({ documents: placed, built }));
      const onError = (error: Error) => (done(), (worker = null), reject(error));
      current.on('message', onMessage);
      current.on('error', onError);
    });
    current.postMessage({ documents, weights: [...writer.source.weights] });
    return segment;
  }

  async function indexWhile(minimum: number): Promise<number> {
    let indexed = 0;
    while ((await writer.pendingCount()) >= minimum) {
      const segment = await buildNext();
      if (!segment.documents.length) break;
      await writer.writeSegment(segment);
      indexed += segment.documents.length;
    }
    return indexed;
  }

  /** After a write: starts indexing in the background once a segment's worth of documents waits. */
  async function nudge(): Promise<void> {
    if (running || (await writer.pendingCount()) < SEGMENT_DOCUMENTS || running) return;
    running = indexWhile(SEGMENT_DOCUMENTS)
      .then(() => undefined)
      // Whatever failed stays queued; flush() indexes it or reports why it cannot.
      .catch(() => undefined)
      .finally(() => (running = null));
  }

  /** Indexes every waiting document, then lets the worker go; returns how many. */
  async function flush(): Promise<number> {
    while (running) await running;
    try {
      return await indexWhile(1);
    } finally {
      await close();
    }
  }

  async function close(): Promise<void> {
    const stopping = worker;
    worker = null;
    await stopping?.terminate();
  }

  return { nudge, flush, close };
}

export type Indexer = ReturnType<typeof createIndexer>;
