// Worker thread that builds ranking-index segments from papers' text, so that
// tokenising thousands of abstracts never holds up ingest or requests.
import { parentPort } from 'node:worker_threads';
import { buildSegment, type PendingPaper } from './lexicon-segment.ts';

parentPort!.on('message', (papers: PendingPaper[]) => {
  const built = buildSegment(papers);
  parentPort!.postMessage(built, [built.postings.buffer as ArrayBuffer, built.ends.buffer as ArrayBuffer]);
});
