// Worker thread that builds the index's next segment from the documents waiting
// (read by the writer): tokenising 10,000 documents holds up neither writers
// nor requests.
import { parentPort } from 'node:worker_threads';
import { buildSegment } from './segment.ts';
import type { PendingDocument } from './source.ts';

parentPort!.on('message', ({ documents, weights }: { documents: PendingDocument[]; weights: number[] }) => {
  const built = buildSegment(documents, weights);
  parentPort!.postMessage(built, [built.postings.buffer as ArrayBuffer, built.ends.buffer as ArrayBuffer]);
});
