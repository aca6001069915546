// Ranks a large query's segments on two threads at once, this one and a worker
// (ranking-worker.ts), as Lucene's concurrent segment search does: each takes
// the next segment left and both prune by the better one's best so far; their
// best lists are merged. Exact, since a document counts only in its own
// segment's lists. Small or narrowed queries, and any while the worker starts,
// is busy or has failed, are ranked here alone. Lists' live documents (for a
// term's count of papers) are counted on both threads as their terms are read.
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../worker.ts';
import { bestByMaxScore, type ScoredDocument } from './max-score.ts';
import { sharedRanking, type Narrowing, type PostingScorer, type SharedRanking, type WeightedList } from './ranking-inputs.ts';
import { ranksBefore } from './best-documents.ts';
import { PostingList } from './postings.ts';
import type { SegmentPostings } from './reader.ts';

/** Postings a query's lists hold from which it is ranked on two threads (below, sending costs more than it saves). */
export const PARALLEL_FROM = 200_000;
/** After the thread fails, queries are ranked here alone for this long before it is started again. */
const RETRY_MS = 60_000;
/** The thread keeps only a query's parsed list headers and best documents. */
const THREAD_LIMITS = { maxOldGenerationSizeMb: 256 };

/** What the worker is sent to rank: the lists' bytes (shared, not copied, when read by the index's reader) and weights. */
export interface RankingJob {
  kind: 'rank';
  lists: { stored: Uint8Array; segment: number; clean: boolean; weight: number }[];
  scorer: PostingScorer;
  count: number;
  narrowing: Narrowing;
  shared: SharedRanking;
}

/** What the worker is sent to count: lists, each counted by whichever thread takes it next, into `counts`. */
export interface CountingJob {
  kind: 'count';
  lists: { stored: Uint8Array; segment: number }[];
  segmentOf: Int32Array;
  taken: Int32Array;
  counts: Int32Array;
}

interface Thread {
  worker: Worker;
  /** Set to 1 by the worker once it takes jobs: read as the query is ranked, with no turn of the event loop (a search may not take one). */
  ready: Int32Array;
  failed: boolean;
  jobs: Map<number, { resolve(result: unknown): void; reject(error: Error): void }>;
}

let thread: Thread | null = null;
let failedAt = -Infinity;
let jobCount = 0;
let jobsDone = 0;
let listsCounted = 0;

/** Queries the worker has ranked its share of, since the process started. */
export function rankedInParallel(): number {
  return jobsDone;
}

/** Lists whose live documents the worker has counted, since the process started. */
export function countedInParallel(): number {
  return listsCounted;
}

/**
 * Up to `count` documents that rank, best first (max-score.ts); on two threads when the lists hold
 * at least `parallelFrom` postings in two segments or more, no filter narrows them, and the worker is free.
 */
export async function bestInParallel(
  lists: WeightedList[],
  scorer: PostingScorer,
  count: number,
  narrowing: Narrowing,
  parallelFrom = PARALLEL_FROM,
): Promise<ScoredDocument[]> {
  const postings = lists.reduce((sum, { list }) => sum + list.documents, 0);
  // A query narrowed to some papers (a category, an author) is not shared: it reads few postings a paper, and was
  // measured slower on two threads at 2.7 million papers (authors' p99 116 ms against 61).
  const worthSharing = count > 0 && !narrowing.among && postings >= parallelFrom && new Set(lists.map((list) => list.segment)).size > 1;
  const helper = worthSharing ? readyThread() : null;
  if (!helper) return bestByMaxScore(lists, scorer, count, narrowing);
  const sharing = sharedRanking();
  const sent = lists.map(({ list, segment, clean, weight }) => ({ stored: list.stored, segment, clean, weight }));
  const theirs = sendJob<ScoredDocument[]>(helper, { kind: 'rank', lists: sent, scorer, count, narrowing, shared: sharing });
  const mine = bestByMaxScore(lists, scorer, count, narrowing, sharing);
  // Should the worker fail, the segments it took are lost: the query is ranked again here.
  const best = await theirs.catch(() => null);
  if (!best) return bestByMaxScore(lists, scorer, count, narrowing);
  jobsDone++;
  return [...mine, ...best].sort((a, b) => (ranksBefore(a.score, a.seq, b) ? -1 : 1)).slice(0, count);
}

/** Counts lists' live documents as they are read: each term's given to `add`, then `finish` once all are. */
export interface LiveCounting {
  add(lists: SegmentPostings[]): void;
  finish(): Promise<void>;
}

/**
 * Counts the documents of each list still placed in its segment (its `live`, bm25.ts), term by term as their
 * lists are read: a term's lists holding at least `parallelFrom` postings are sent to the worker, when it is
 * free, and counted there while the next term is read (counting is about a third of the time a query spends
 * on lists read for the first time); once all are read, this thread counts the lists the worker has not taken.
 */
export function liveCounting(segmentOf: Int32Array, parallelFrom = PARALLEL_FROM): LiveCounting {
  const jobs: { job: CountingJob; uncounted: SegmentPostings[]; sent: Promise<number | null> | null }[] = [];
  let helper: Thread | null = null;
  return {
    add(lists) {
      for (const postings of lists) if (postings.clean) postings.live ??= postings.list.documents;
      const uncounted = lists.filter((postings) => postings.live === undefined);
      if (!uncounted.length) return;
      const job = countingJob(uncounted, segmentOf);
      const long = uncounted.reduce((sum, { list }) => sum + list.documents, 0) >= parallelFrom;
      // Taken once for the query: the jobs sent to it keep it busy for other searches.
      if (long) helper ??= readyThread();
      const sent = long && helper ? sendJob<number>(helper, job).catch(() => null) : null;
      jobs.push({ job, uncounted, sent });
    },
    async finish() {
      for (const { job, uncounted } of jobs) countTaken(job, (at) => uncounted[at]!.list);
      for (const { job, uncounted, sent } of jobs) {
        const countedThere = sent ? await sent : 0;
        // Should the worker fail, the job's lists are counted here again (which it took is not known).
        if (countedThere === null) {
          job.taken[0] = 0;
          countTaken(job, (at) => uncounted[at]!.list);
        } else listsCounted += countedThere;
        uncounted.forEach((postings, at) => (postings.live = job.counts[at]));
      }
    },
  };
}

function countingJob(lists: SegmentPostings[], segmentOf: Int32Array): CountingJob {
  return {
    kind: 'count',
    lists: lists.map(({ list, segment }) => ({ stored: list.stored, segment })),
    segmentOf,
    taken: new Int32Array(new SharedArrayBuffer(4)),
    counts: new Int32Array(new SharedArrayBuffer(4 * lists.length)),
  };
}

/** Counts the job's lists this thread takes, one at a time, until none is left; returns how many it took. */
export function countTaken(job: CountingJob, listAt: (at: number) => PostingList): number {
  const { lists, segmentOf, taken, counts } = job;
  let counted = 0;
  for (let at = Atomics.add(taken, 0, 1); at < lists.length; at = Atomics.add(taken, 0, 1), counted++)
    counts[at] = listAt(at).placedIn(segmentOf, lists[at]!.segment);
  return counted;
}

/** Starts the thread if it is not running; resolves once it takes jobs (false when it failed to start). */
export async function startRankingThread(): Promise<boolean> {
  thread ??= startThread();
  const starting = thread;
  while (!isReady(starting) && !starting.failed) await new Promise((resolve) => setTimeout(resolve, 10));
  return isReady(starting);
}

function isReady(own: Thread): boolean {
  return Atomics.load(own.ready, 0) === 1;
}

/**
 * The thread when it is ready and free; null while it starts (it is started here), after a recent failure, or while
 * another search waits on it (this one would queue behind it: it is ranked here alone).
 */
function readyThread(): Thread | null {
  if (!thread && performance.now() - failedAt >= RETRY_MS) thread = startThread();
  return thread && isReady(thread) && !thread.jobs.size ? thread : null;
}

function startThread(): Thread {
  const ready = new Int32Array(new SharedArrayBuffer(4));
  const worker = startWorker(new URL('./ranking-worker.ts', import.meta.url), ready, THREAD_LIMITS);
  const own: Thread = { worker, ready, failed: false, jobs: new Map() };
  worker.on('message', (message: { id: number; result?: unknown; error?: string }) => {
    const job = own.jobs.get(message.id);
    own.jobs.delete(message.id);
    if (!own.jobs.size) worker.unref();
    if (message.error !== undefined) job?.reject(new Error(message.error));
    else job?.resolve(message.result);
  });
  const fail = (error: Error) => {
    failedAt = performance.now();
    own.failed = true;
    if (thread === own) thread = null;
    for (const job of own.jobs.values()) job.reject(error);
    own.jobs.clear();
  };
  worker.on('error', fail);
  worker.on('exit', () => fail(new Error('the ranking thread stopped')));
  // Only a job waiting keeps the process alive; unref'd after the listeners, which ref it.
  worker.unref();
  return own;
}

function sendJob<Result>(own: Thread, job: RankingJob | CountingJob): Promise<Result> {
  const id = ++jobCount;
  return new Promise<Result>((resolve, reject) => {
    own.jobs.set(id, { resolve: (result) => resolve(result as Result), reject });
    own.worker.ref();
    try {
      own.worker.postMessage({ id, job });
    } catch (error) {
      own.jobs.delete(id);
      if (!own.jobs.size) own.worker.unref();
      reject(error as Error);
    }
  });
}
