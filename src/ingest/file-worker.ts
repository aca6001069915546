// Worker thread that reads, parses and normalises paper files, handing
// batches to the writer one at a time: the writer thread only writes, and the
// worker never runs more than one batch ahead. When asked to, it first asks
// the writer which records of a batch were applied before as they are (by
// their hashes), and leaves those unnormalised: importing a file again costs
// reading it. A file that cannot be read is reported and the next one goes on.
import { parentPort, workerData } from 'node:worker_threads';
import { stat } from 'node:fs/promises';
import { detectFormat, readPaperFile, type FileFormat } from '../sources/files.ts';
import { AppError } from '../errors.ts';
import { BATCH_SIZE, normalizeItem, recordHash, withPackedAbstract, type ReadyItem } from './batch.ts';
import { paperIdOf } from '../domain/paper.ts';
import type { ParsedItem } from '../sources/parsed.ts';
import type { RecordKey } from '../db/papers-store.ts';

export interface FileJob {
  paths: string[];
  format?: FileFormat;
  /** Ask which records were applied before (and skip them). */
  probe?: boolean;
  /** Pack abstracts as the store keeps them (PaperStore.packsAbstracts). */
  packAbstracts?: boolean;
}

export type WorkerMessage =
  | { type: 'file'; path: string; format: FileFormat; bytes: number }
  | { type: 'batch'; path: string; items: ReadyItem[]; unchanged: number; bytes: number }
  | { type: 'probe'; keys: RecordKey[] }
  | { type: 'file-error'; path: string; message: string }
  | { type: 'done' }
  | { type: 'crash'; message: string; stack: string };

const job = (workerData as { data: FileJob }).data;
const port = parentPort!;
let unacknowledged = 0;
let onAcknowledge: (() => void) | null = null;

let onAnswer: ((known: boolean[]) => void) | null = null;

/** From the writer: 'ack' (a batch written), or the answer to a probe. */
port.on('message', (message: 'ack' | { known: boolean[] }) => {
  if (message !== 'ack') return onAnswer?.(message.known);
  unacknowledged--;
  onAcknowledge?.();
});

function ask(keys: RecordKey[]): Promise<boolean[]> {
  return new Promise((resolve) => {
    onAnswer = resolve;
    port.postMessage({ type: 'probe', keys } satisfies WorkerMessage);
  });
}

/** The key of a record to probe, or null when it has no hash or no id can be made of it (normalising will say why). */
function keyOf(item: ParsedItem): RecordKey | null {
  const record = 'paper' in item ? recordHash(item) : undefined;
  if (!record || !('paper' in item)) return null;
  try {
    return { id: paperIdOf(item.paper), source: item.paper.source, record };
  } catch {
    return null;
  }
}

/**
 * The batch's records normalised (their abstracts packed when asked), less (when probing) those applied before as they
 * are, which are counted.
 */
async function prepare(parsed: ParsedItem[]): Promise<{ items: ReadyItem[]; unchanged: number }> {
  const keys = job.probe ? parsed.map(keyOf) : [];
  const asked = keys.filter((key) => key !== null);
  const answers = asked.length ? await ask(asked) : [];
  const known = new Set(asked.filter((_key, index) => answers[index]));
  const items = parsed.filter((_item, index) => !known.has(keys[index]!)).map(normalizeItem);
  return { items: job.packAbstracts ? items.map(withPackedAbstract) : items, unchanged: parsed.length - items.length };
}

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
  let batch: ParsedItem[] = [];
  try {
    for await (const item of readPaperFile(path, format, (count) => (read = count))) {
      batch.push(item);
      records++;
      if (batch.length >= BATCH_SIZE) {
        await send({ type: 'batch', path, ...(await prepare(batch)), bytes: read });
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
    if (batch.length) await send({ type: 'batch', path, ...(await prepare(batch)), bytes: read });
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
