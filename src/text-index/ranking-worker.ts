// Worker thread that ranks part of a query's segments (parallel-ranking.ts): the
// lists' bytes and the documents' placements arrive in shared memory, and only
// the best documents go back.
import { parentPort, workerData } from 'node:worker_threads';
import { PostingList } from './postings.ts';
import { bestByMaxScore, weightedList } from './max-score.ts';
import type { RankingJob } from './parallel-ranking.ts';

parentPort!.on('message', ({ id, job }: { id: number; job: RankingJob }) => {
  try {
    const { scorer } = job;
    const lists = job.lists.map(({ stored, segment, clean, weight }) =>
      weightedList({ list: new PostingList(stored), segment, clean }, weight, scorer),
    );
    parentPort!.postMessage({ id, best: bestByMaxScore(lists, scorer, job.count, job.narrowing, job.shared) });
  } catch (error) {
    parentPort!.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
// Ready: the flag is read as queries are ranked (parallel-ranking.ts).
Atomics.store((workerData as { data: Int32Array }).data, 0, 1);
