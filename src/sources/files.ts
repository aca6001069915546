// Reading paper files from disk: format detection, gzip, and streaming of
// JSON-lines files so a multi-gigabyte snapshot is never loaded whole.
import { hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createGunzip, gunzipSync } from 'node:zlib';
import { AppError } from '../errors.ts';
import type { RawPaper } from '../domain/paper.ts';
import { parsedError, type ParsedItem } from './parsed.ts';
import { parseArxivAtom } from './arxiv-atom.ts';
import { parseOaiPage } from './oai-pmh.ts';
import { parseHfDaily } from './hf-daily.ts';
import { parseKaggleRecord } from './kaggle.ts';
import { parseListingRecord } from './arxiv-listing.ts';
import { parseGenericRecord } from './generic-jsonl.ts';

export const FILE_FORMATS = ['arxiv-atom', 'oai-pmh', 'hf-daily', 'kaggle', 'arxiv-listing', 'jsonl'] as const;
export type FileFormat = (typeof FILE_FORMATS)[number];

const LINE_PARSERS: Partial<Record<FileFormat, (value: unknown) => RawPaper>> = {
  kaggle: parseKaggleRecord,
  'arxiv-listing': parseListingRecord,
  jsonl: parseGenericRecord,
};

export function isFileFormat(value: string): value is FileFormat {
  return (FILE_FORMATS as readonly string[]).includes(value);
}

/** Reads a file's items. onBytes reports progress in bytes of the file on disk. */
export async function* readPaperFile(path: string, format: FileFormat, onBytes?: (bytes: number) => void): AsyncGenerator<ParsedItem> {
  const parseLine = LINE_PARSERS[format];
  if (parseLine) {
    yield* readJsonLines(path, parseLine, onBytes);
    return;
  }
  const text = await readWholeFile(path);
  onBytes?.((await stat(path)).size);
  if (format === 'hf-daily') yield* parseHfDaily(text, path);
  else if (format === 'arxiv-atom') yield* parseArxivAtom(text).items;
  else yield* parseOaiPage(text).items;
}

/**
 * What a line is known by on the next import: 96 bits of its SHA-1, plenty, as it is only ever
 * compared with the last line its own paper came from.
 */
function lineHash(line: string): string {
  return hash('sha1', line, 'base64url').slice(0, 16);
}

async function* readJsonLines(
  path: string,
  parse: (value: unknown) => RawPaper,
  onBytes?: (bytes: number) => void,
): AsyncGenerator<ParsedItem> {
  let lineNo = 0;
  for await (const line of readLines(path, onBytes)) {
    lineNo++;
    if (!line.trim()) continue;
    const at = `${path}:${lineNo}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      yield parsedError(at, `invalid JSON: ${(error as Error).message}`);
      continue;
    }
    try {
      yield { at, paper: parse(value), record: lineHash(line) };
    } catch (error) {
      yield parsedError(at, error);
    }
  }
}

/** No record is this long; a file with such a line is not one of ours. */
const MAX_LINE_BYTES = 64 * 2 ** 20;
/** Bytes read at a time. */
const READ_CHUNK = 2 ** 20;
const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/**
 * The file's lines (LF or CRLF), gunzipped when it ends in .gz. A read or gzip error is thrown
 * from the loop (readline would leave it unhandled), after every whole line before it.
 */
export async function* readLines(path: string, onBytes?: (bytes: number) => void): AsyncGenerator<string> {
  const file = createReadStream(path, { highWaterMark: READ_CHUNK });
  let bytes = 0;
  if (onBytes) file.on('data', (chunk) => onBytes((bytes += chunk.length)));
  const stream = path.endsWith('.gz') ? file.pipe(createGunzip({ chunkSize: READ_CHUNK })) : file;
  file.on('error', (error) => stream.destroy(error));
  // Split as bytes, and each line decoded alone: a newline byte is never part of another
  // character in UTF-8, and this is many times faster than splitting decoded text.
  let started: Buffer[] = [];
  let startedBytes = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let start = 0;
    for (let end = chunk.indexOf(NEWLINE); end !== -1; end = chunk.indexOf(NEWLINE, start)) {
      if (started.length) {
        const line = Buffer.concat([...started, chunk.subarray(0, end)]);
        [started, startedBytes] = [[], 0];
        yield lineAt(line, 0, line.length);
      } else yield lineAt(chunk, start, end);
      start = end + 1;
    }
    if (start < chunk.length) {
      started.push(chunk.subarray(start));
      startedBytes += chunk.length - start;
    }
    if (startedBytes > MAX_LINE_BYTES)
      throw new AppError('invalid', `a line is over ${MAX_LINE_BYTES / 2 ** 20} MB long: not a file of papers`);
  }
  if (started.length) {
    const line = Buffer.concat(started);
    yield lineAt(line, 0, line.length);
  }
}

/** The line of `buffer` from `start` to `end` (its newline), without a carriage return, as text. */
function lineAt(buffer: Buffer, start: number, end: number): string {
  return buffer.toString('utf8', start, end > start && buffer[end - 1] === CARRIAGE_RETURN ? end - 1 : end);
}

async function readWholeFile(path: string): Promise<string> {
  const bytes = await readFile(path);
  return (path.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
}

/** Tells a file's format from its first bytes. */
export async function detectFormat(path: string): Promise<FileFormat> {
  const head = await readHead(path);
  const text = head.replace(/^\uFEFF/, '').trimStart();
  if (text.startsWith('<')) {
    if (/<feed[\s>]/.test(text)) return 'arxiv-atom';
    if (/<OAI-PMH[\s>]/.test(text)) return 'oai-pmh';
  }
  if (text.startsWith('[')) return 'hf-daily';
  if (text.startsWith('{')) return detectJsonLineFormat(text.split('\n', 1)[0] ?? '', path);
  throw new AppError(
    'invalid',
    `cannot tell the format of ${path}: not arXiv Atom, OAI-PMH, Hugging Face JSON or JSON lines; name it with --format (${FILE_FORMATS.join(', ')})`,
  );
}

function detectJsonLineFormat(firstLine: string, path: string): FileFormat {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(firstLine) as Record<string, unknown>;
  } catch {
    throw new AppError('invalid', `cannot tell the format of ${path}: its first line is not a JSON object; name it with --format`);
  }
  if ('versions' in record || 'authors_parsed' in record || 'submitter' in record) return 'kaggle';
  if ('summary' in record && 'abs' in record) return 'arxiv-listing';
  return 'jsonl';
}

async function readHead(path: string): Promise<string> {
  const limit = 1 << 20;
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const line of readLines(path)) {
      chunks.push(Buffer.from(`${line}\n`));
      size += line.length;
      if (size > limit || chunks.length >= 2) break;
    }
  } catch (error) {
    throw new AppError('invalid', `cannot read ${path}: ${(error as Error).message}`, { cause: error });
  }
  return Buffer.concat(chunks).toString('utf8');
}
