// Worker thread that runs the configured embedder, one job at a time, so that
// model inference never holds up the thread serving requests and writing papers.
import { parentPort, workerData } from 'node:worker_threads';
import { describeError, isAppError } from '../errors.ts';
import type { EmbedPurpose } from './embedder.ts';
import { createEmbedder, type EmbedderSpec } from './providers.ts';

export interface EmbedJob {
  id: number;
  texts: string[];
  purpose: EmbedPurpose;
}

export type EmbedAnswer = { id: number; vectors: Float32Array[] } | { id: number; error: { kind: string; message: string } };

const embedder = createEmbedder((workerData as { data: EmbedderSpec }).data);
const port = parentPort!;

port.on('message', (job: EmbedJob) => {
  embedder.embed(job.texts, job.purpose).then(
    (vectors) => port.postMessage({ id: job.id, vectors } satisfies EmbedAnswer),
    (error: unknown) =>
      port.postMessage({
        id: job.id,
        error: { kind: isAppError(error) ? error.kind : 'unavailable', message: describeError(error) },
      } satisfies EmbedAnswer),
  );
});
