// Runs file-worker.ts and yields its messages as they come, acknowledging each
// batch so the worker prepares the next one while this thread writes.
import { startWorker } from '../worker.ts';
import type { FileJob, WorkerMessage } from './file-worker.ts';

export type FileEvent = Exclude<WorkerMessage, { type: 'done' } | { type: 'crash' }>;

export async function* readFilesInWorker(job: FileJob): AsyncGenerator<FileEvent> {
  const worker = startWorker(new URL('./file-worker.ts', import.meta.url), job);
  const inbox: WorkerMessage[] = [];
  let wake: (() => void) | null = null;
  let failure: Error | null = null;
  worker.on('message', (message: WorkerMessage) => {
    inbox.push(message);
    wake?.();
  });
  worker.on('error', (error) => {
    failure = error;
    wake?.();
  });
  try {
    for (;;) {
      if (!inbox.length && !failure) await new Promise<void>((resolve) => (wake = resolve));
      if (failure) throw failure;
      const message = inbox.shift()!;
      if (message.type === 'done') return;
      if (message.type === 'crash') throw Object.assign(new Error(`file reader failed: ${message.message}`), { stack: message.stack });
      yield message;
      worker.postMessage('ack');
    }
  } finally {
    await worker.terminate();
  }
}
