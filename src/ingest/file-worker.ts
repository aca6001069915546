// Worker thread that reads, parses and normalises paper files, handing
// batches to the writer one at a time: the writer thread only writes, and the
// worker never runs more than one batch ahead. A file that cannot be read is
// reported and the next one goes on.
import { parentPort, workerData } from 'node:worker_threads';
import { stat } from 'node:fs/promises';
import { detectFormat, readPaperFile, type FileFormat } from '../sources/files.ts';
import { AppError } from '../errors.ts';
import { BATCH_SIZE, normalizeItem, type ReadyItem } from './batch.ts';

export interface FileJob {
  paths: string[];
  format?: FileFormat;
}

export type WorkerMessage =
  | { type: 'file'; path: string; format: FileFormat; bytes: number }
  | { type: 'batch'; path: string; items: ReadyItem[]; bytes: number }
  | { type: 'file-error'; path: string; message: string }
  | { type: 'done' }
  | { type: 'crash'; message: string; stack: string };

const job = (workerData as { data: FileJob }).data;
const port = parentPort!;
let unacknowledged = 0;
let onAcknowledge: (() => void) | null = null;

port.on('message', () => {
  unacknowledged--;
  onAcknowledge?.();
});

async function send(message: WorkerMessage): Promise<void> {
  while (unacknowledged >= 1) await new Promise<void>((resolve) => (onAcknowledge = resolve));
  unacknowledged++;
  port.postMessage(message);
}

async function readOne(path: string): Promise<void> {
  const bytes = (await stat(path)).size;
  const format = job.format ?? (await detectFormat(path));
  await send({ type: 'file', path, format, bytes });
  let read = 0;
  let records = 0;
  let batch: ReadyItem[] = [];
  try {
    for await (const item of readPaperFile(path, format, (count) => (read = count))) {
      batch.push(normalizeItem(item));
      records++;
      if (batch.length >= BATCH_SIZE) {
        await send({ type: 'batch', path, items: batch, bytes: read });
        batch = [];
      }
    }
  } catch (error) {
    // What was read before the file broke off (a truncated .gz) is kept.
    if (records && isFileProblem(error))
      throw new AppError(
        'invalid',
        `${describeFileProblem(error)} after ${records} records; those were read, the rest of the file was not`,
      );
    throw error;
  } finally {
    if (batch.length) await send({ type: 'batch', path, items: batch, bytes: read });
  }
}

/** A problem of the file (missing, unreadable, not gzip, cut short), as opposed to a bug: reported, and the next file goes on. */
function isFileProblem(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException)?.code;
  return (
    error instanceof AppError ||
    typeof (error as NodeJS.ErrnoException)?.syscall === 'string' ||
    (typeof code === 'string' && code.startsWith('Z_'))
  );
}

async function run(): Promise<void> {
  try {
    for (const path of job.paths) {
      try {
        await readOne(path);
      } catch (error) {
        if (!isFileProblem(error)) throw error;
        await send({ type: 'file-error', path, message: describeFileProblem(error) });
      }
    }
    await send({ type: 'done' });
  } catch (error) {
    await send({ type: 'crash', message: (error as Error)?.message ?? String(error), stack: (error as Error)?.stack ?? '' });
  }
  port.close();
}

function describeFileProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'is a folder, not a file';
  if (code === 'EACCES') return 'permission denied';
  if (code === 'Z_BUF_ERROR') return 'the file ends too early (a truncated .gz?)';
  if (code?.startsWith('Z_')) return `not a readable .gz file (${(error as Error).message})`;
  return (error as Error).message;
}

await run();
