// The ingest feature: files, the arXiv API, Hugging Face daily papers and the
// bundled demo corpus, all through the same batch writer.
import { stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { AppError, describeError } from '../errors.ts';
import type { Logger } from '../log.ts';
import type { PaperStore } from '../db/papers-store.ts';
import type { HarvestStateStore } from '../db/harvest-state.ts';
import type { HttpClient } from '../sources/http-client.ts';
import type { ParsedItem } from '../sources/parsed.ts';
import { detectFormat, readPaperFile, type FileFormat } from '../sources/files.ts';
import { fetchArxivApiPage, fetchHfDaily } from '../sources/clients.ts';
import { BATCH_SIZE, emptySummary, recordSkip, writeBatch, type IngestSummary } from './batch.ts';
import { harvestArxivOai, type OaiHarvestOptions } from './harvest-oai.ts';

export interface IngestDeps {
  store: PaperStore;
  harvestStates: HarvestStateStore;
  arxivHttp: HttpClient;
  hfHttp: HttpClient;
  urls: { arxivApi: string; arxivOai: string; hfApi: string };
  log: Logger;
}

/** done/total are bytes for files and records for harvests, when known. */
export interface Progress {
  label: string;
  records: number;
  done?: number;
  total?: number;
}

export interface RunOptions {
  dryRun?: boolean;
  onProgress?: (progress: Progress) => void;
}

export const DEMO_FILES = ['papers.jsonl.gz', 'hf-daily.json.gz'].map((name) => fileURLToPath(new URL(`../../demo/${name}`, import.meta.url)));

export function createIngest(deps: IngestDeps) {
  async function ingestFile(path: string, format: FileFormat | undefined, summary: IngestSummary, options: RunOptions): Promise<void> {
    const totalBytes = (await stat(path)).size;
    const chosen = format ?? (await detectFormat(path));
    deps.log.info({ path, format: chosen, bytes: totalBytes }, 'ingesting file');
    let bytes = 0;
    let records = 0;
    let batch: ParsedItem[] = [];
    const flush = () => {
      writeBatch(deps.store, batch, summary);
      records += batch.length;
      batch = [];
      options.onProgress?.({ label: path, records, done: bytes, total: totalBytes });
    };
    for await (const item of readPaperFile(path, chosen, (read) => (bytes = read))) {
      batch.push(item);
      if (batch.length >= BATCH_SIZE) flush();
    }
    flush();
  }

  /** Ingests files one after another; a file that cannot be read at all is reported and the rest go on. */
  async function ingestFiles(paths: string[], format: FileFormat | undefined, options: RunOptions = {}): Promise<IngestSummary> {
    const summary = emptySummary(options.dryRun);
    for (const path of paths) {
      try {
        await ingestFile(path, format, summary, options);
      } catch (error) {
        if (!(error instanceof AppError) && !isFileError(error)) throw error;
        recordSkip(summary, path, describeError(error));
        deps.log.warn({ path, err: describeError(error) }, 'file skipped');
      }
    }
    return summary;
  }

  async function ingestArxivApi(query: string, max: number, options: RunOptions = {}): Promise<IngestSummary> {
    const summary = emptySummary(options.dryRun);
    const pageSize = Math.min(100, max);
    for (let start = 0; start < max; start += pageSize) {
      const page = await fetchArxivApiPage(deps.arxivHttp, deps.urls.arxivApi, query, start, Math.min(pageSize, max - start));
      writeBatch(deps.store, page.items, summary);
      options.onProgress?.({ records: start + page.items.length, label: `arXiv API "${query}"` });
      if (page.items.length === 0 || start + page.items.length >= page.totalResults) break;
    }
    return summary;
  }

  async function ingestHfDaily(date: string, options: RunOptions = {}): Promise<IngestSummary> {
    const summary = emptySummary(options.dryRun);
    const items = await fetchHfDaily(deps.hfHttp, deps.urls.hfApi, date);
    writeBatch(deps.store, items, summary);
    options.onProgress?.({ records: items.length, label: `Hugging Face ${date}` });
    return summary;
  }

  return {
    ingestFiles,
    ingestArxivApi,
    ingestHfDaily,
    harvestArxivOai: (oai: OaiHarvestOptions, options: RunOptions = {}) => harvestArxivOai(deps, oai, options),
    importDemoCorpus: (options: RunOptions = {}) => ingestFiles(DEMO_FILES, undefined, options),
  };
}

export type Ingest = ReturnType<typeof createIngest>;

function isFileError(error: unknown): boolean {
  return typeof (error as NodeJS.ErrnoException)?.code === 'string' && 'syscall' in (error as object);
}
