// Runs the index's upkeep alongside writes: once SEGMENT_DOCUMENTS documents
// wait, they are read and their segment is built in a worker thread while the
// writes go on, then written on this thread (the only writer); while it is
// written, the worker builds the next. flush() indexes whatever waits, at the
// end of each run of writes. One indexing run goes on at a time. A failing
// worker never stops indexing: the segment is then built in place.
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../worker.ts';
import { SEGMENT_DOCUMENTS, type IndexWriter } from './writer.ts';
import { buildSegment, type PendingSegment } from './segment.ts';
import type { PendingDocument } from './source.ts';

/**
 * Small heaps for the worker, so that its garbage is freed early (an import must stay under
 * 500 MB); should it run out, the segment is built in place.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 128 };

export function createIndexer(writer: IndexWriter) {
  let worker: Worker | null = null;
  /** The indexing run going on, if any. */
  let running: Promise<void> | null = null;

  /** The segment of the next documents waiting after key `after` (0: all). */
  async function buildNext(after: number): Promise<PendingSegment> {
    const documents = await writer.nextPending(after);
    const weights = writer.source.weights;
    if (!documents.length) return { documents, built: buildSegment(documents, weights) };
    // Should the worker fail, the segment is built here from the documents read again (they wait until written).
    return buildInWorker(documents).catch(() => writer.buildPending(after));
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

  /**
   * Indexes segments while `minimum` documents wait. Each segment's successor, of the documents after
   * it, is read and built while it is written; documents queued again before it wait for a fresh read.
   */
  async function indexWhile(minimum: number): Promise<number> {
    let indexed = 0;
    let next: { segment: Promise<PendingSegment>; after: number } | null = null;
    try {
      for (;;) {
        next ??= (await writer.pendingCount()) >= minimum ? { segment: buildNext(0), after: 0 } : null;
        if (!next) return indexed;
        const { after } = next;
        const segment: PendingSegment = await next.segment;
        next = null;
        if (!segment.documents.length) {
          if (after === 0) return indexed;
          continue;
        }
        const last: number = segment.documents.at(-1)!.seq;
        if ((await writer.pendingCount()) - segment.documents.length >= minimum) {
          next = { segment: buildNext(last), after: last };
          // Awaited next time round, or below should this write fail.
          next.segment.catch(() => undefined);
        }
        await writer.writeSegment(segment);
        indexed += segment.documents.length;
      }
    } finally {
      // The worker builds one segment at a time: a run ends only once its last build has.
      await next?.segment.catch(() => undefined);
    }
  }

  /** Runs `work` once no other indexing run goes on (and none starts until it ends). */
  async function alone<Result>(work: () => Promise<Result>): Promise<Result> {
    while (running) await running;
    const run = work();
    running = run.then(
      () => undefined,
      () => undefined,
    );
    try {
      return await run;
    } finally {
      running = null;
    }
  }

  /** After a write: starts indexing in the background once a segment's worth of documents waits. */
  async function nudge(): Promise<void> {
    if (running || (await writer.pendingCount()) < SEGMENT_DOCUMENTS || running) return;
    // Whatever failed stays queued; flush() indexes it or reports why it cannot.
    void alone(() => indexWhile(SEGMENT_DOCUMENTS)).catch(() => undefined);
  }

  /** Indexes every waiting document, then lets the worker go; returns how many. */
  async function flush(): Promise<number> {
    try {
      const indexed = await alone(() => indexWhile(1));
      writer.forgetOffers();
      return indexed;
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
