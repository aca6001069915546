// Worker thread that ranks part of a query's segments, or counts part of its
// lists' live documents (parallel-ranking.ts): the lists' bytes and the
// documents' placements arrive in shared memory, and only the best documents go
// back (counts are written in shared memory).
import { parentPort, workerData } from 'node:worker_threads';
import { PostingList } from './postings.ts';
import { bestByMaxScore } from './max-score.ts';
import { weightedList } from './ranking-inputs.ts';
import { countTaken, type CountingJob, type RankingJob } from './parallel-ranking.ts';

function rank(job: RankingJob) {
  const { scorer } = job;
  const lists = job.lists.map(({ stored, segment, clean, weight }) =>
    weightedList({ list: new PostingList(stored), segment, clean }, weight, scorer),
  );
  return bestByMaxScore(lists, scorer, job.count, job.narrowing, job.shared);
}

parentPort!.on('message', ({ id, job }: { id: number; job: RankingJob | CountingJob }) => {
  try {
    if (job.kind === 'rank') parentPort!.postMessage({ id, result: rank(job) });
    else parentPort!.postMessage({ id, result: countTaken(job, (at) => new PostingList(job.lists[at]!.stored)) });
  } catch (error) {
    parentPort!.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
// Ready: the flag is read as queries are ranked (parallel-ranking.ts).
Atomics.store((workerData as { data: Int32Array }).data, 0, 1);
