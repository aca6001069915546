// The Embedder the rest of paperboy uses: it hands texts to the embed worker
// thread, one job at a time, search queries ahead of background batches. A
// worker that dies fails its job and is started again for the next one.
import type { Worker } from 'node:worker_threads';
import { AppError, type ErrorKind } from '../errors.ts';
import { startWorker } from '../worker.ts';
import type { Embedder, EmbedPurpose } from './embedder.ts';
import type { EmbedAnswer } from './embed-worker.ts';
import { createEmbedder, type EmbedderSpec } from './providers.ts';

interface Job {
  id: number;
  texts: string[];
  purpose: EmbedPurpose;
  resolve(vectors: Float32Array[]): void;
  reject(error: Error): void;
}

export interface WorkerEmbedder extends Embedder {
  close(): Promise<void>;
}

export function createWorkerEmbedder(spec: EmbedderSpec): WorkerEmbedder {
  const waiting: Job[] = [];
  let running: Job | null = null;
  let worker: Worker | null = null;
  let nextId = 1;

  function ensureWorker(): Worker {
    if (worker) return worker;
    const started = startWorker(new URL('./embed-worker.ts', import.meta.url), spec);
    started.on('message', (answer: EmbedAnswer) => settle(answer));
    let crash = 'it stopped';
    started.on('error', (error) => (crash = error.message));
    started.on('exit', () => {
      if (worker !== started) return;
      worker = null;
      fail(new AppError('unavailable', `the embedding worker failed: ${crash}`));
    });
    return (worker = started);
  }

  function pump(): void {
    if (running || !waiting.length) {
      if (!running) worker?.unref();
      return;
    }
    running = waiting.shift()!;
    const active = ensureWorker();
    active.ref();
    active.postMessage({ id: running.id, texts: running.texts, purpose: running.purpose });
  }

  function settle(answer: EmbedAnswer): void {
    const job = running;
    if (!job || job.id !== answer.id) return;
    running = null;
    if ('vectors' in answer) job.resolve(answer.vectors);
    else job.reject(new AppError(answer.error.kind as ErrorKind, answer.error.message));
    pump();
  }

  function fail(error: Error): void {
    const job = running;
    running = null;
    job?.reject(error);
    pump();
  }

  return {
    modelId: createEmbedder(spec).modelId,
    embed(texts, purpose) {
      if (!texts.length) return Promise.resolve([]);
      return new Promise((resolve, reject) => {
        const job = { id: nextId++, texts, purpose, resolve, reject };
        const firstBatch = waiting.findIndex((queued) => queued.purpose === 'document');
        waiting.splice(purpose === 'query' && firstBatch >= 0 ? firstBatch : waiting.length, 0, job);
        pump();
      });
    },
    async close() {
      const stopping = worker;
      worker = null;
      const closed = new AppError('unavailable', 'the embedder was closed');
      for (const job of [running, ...waiting.splice(0)]) job?.reject(closed);
      running = null;
      await stopping?.terminate();
    },
  };
}
