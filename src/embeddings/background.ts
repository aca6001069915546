// Keeps vectors up to date while the server runs: embeds pending papers batch
// by batch (the embedder works in its own thread, so requests and ingest go
// on), naps when nothing is pending, and backs off when the model fails. A
// new model makes every paper pending again, so changing model re-embeds here.
// Of several processes (workers on one PostgreSQL), one embeds at a time: the
// one holding the embedding lease; the others look again after a nap.
import type { Logger } from '../log.ts';
import { describeError } from '../errors.ts';
import type { EmbedQueue } from './embed-queue.ts';
import type { JobLeases } from '../db/job-leases.ts';

export type EmbeddingState = 'starting' | 'embedding' | 'idle' | 'failing' | 'stopped' | 'elsewhere';

export interface EmbeddingStatus {
  model: string;
  state: EmbeddingState;
  embedded: number;
  pending: number;
  /** Why the last batch failed, while it keeps failing. */
  lastError: string | null;
}

export interface BackgroundOptions {
  batchSize: number;
  /** How long to nap when nothing is pending before looking again. */
  idleMs: number;
  /** First wait after a failure; doubles while failures go on, up to 64 times. */
  retryMs: number;
}

export const BACKGROUND_DEFAULTS: BackgroundOptions = { batchSize: 16, idleMs: 30_000, retryMs: 5_000 };

/** The right to embed now, held by one process at a time and renewed by holding it again; given up at stop. */
export interface EmbeddingLease {
  hold(): Promise<boolean>;
  release(): Promise<void>;
}

/** A killed holder's lease lapses after this long, and another process embeds. */
const LEASE_MS = 2 * 60_000;

/** The embedding lease of `holder`, kept with the job leases. */
export function embeddingLease(leases: Pick<JobLeases, 'hold' | 'release'>, holder: string, now: () => number = Date.now): EmbeddingLease {
  return {
    hold: () => leases.hold('embedding', holder, new Date(now()).toISOString(), new Date(now() + LEASE_MS).toISOString()),
    release: () => leases.release('embedding', holder),
  };
}

export function createBackgroundEmbedding(
  queue: EmbedQueue,
  log: Logger,
  lease: EmbeddingLease,
  options: BackgroundOptions = BACKGROUND_DEFAULTS,
) {
  let state: EmbeddingState = 'stopped';
  let lastError: string | null = null;
  let failures = 0;
  let wake: (() => void) | null = null;
  let loop: Promise<void> | null = null;

  const nap = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      timer.unref();
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  async function step(): Promise<void> {
    try {
      if (!(await lease.hold())) {
        if (state === 'stopped') return;
        state = 'elsewhere';
        return await nap(options.idleMs);
      }
      const done = await queue.embedBatch(options.batchSize);
      failures = 0;
      lastError = null;
      if (state === 'stopped') return;
      state = done ? 'embedding' : 'idle';
      if (!done) await nap(options.idleMs);
    } catch (error) {
      if (state === 'stopped') return;
      state = 'failing';
      lastError = describeError(error);
      failures++;
      log.warn({ err: lastError, failures }, 'embedding failed; will retry');
      await nap(options.retryMs * 2 ** Math.min(failures - 1, 6));
    }
  }

  async function run(): Promise<void> {
    while (state !== 'stopped') await step();
  }

  return {
    /** Starts the loop (once); it runs until stop(). */
    start(): void {
      if (loop) return;
      state = 'starting';
      log.info({ model: queue.modelId }, 'embedding papers in the background');
      loop = run();
    },
    async stop(): Promise<void> {
      state = 'stopped';
      wake?.();
      await loop;
      loop = null;
      await lease.release().catch((error: unknown) => log.warn({ err: error }, 'could not give up the embedding lease'));
    },
    async status(): Promise<EmbeddingStatus> {
      return { model: queue.modelId, state, lastError, ...(await queue.progress()) };
    },
  };
}

export type BackgroundEmbedding = ReturnType<typeof createBackgroundEmbedding>;
