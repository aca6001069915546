// The ingest feature: files, the arXiv API, Hugging Face daily papers and the
// bundled demo corpus, all through the same batch writer.
import { fileURLToPath } from 'node:url';
import type { Logger } from '../log.ts';
import type { PaperStore } from '../db/papers-store.ts';
import type { HarvestStateStore } from '../db/harvest-state.ts';
import type { HttpClient } from '../sources/http-client.ts';
import type { FileFormat } from '../sources/files.ts';
import { fetchArxivApiPage, fetchHfDaily } from '../sources/clients.ts';
import { emptySummary, normalizeItem, recordSkip, writeBatch, type IngestSummary } from './batch.ts';
import { readFilesInWorker } from './read-in-worker.ts';
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
  /** Ingests files one after another; a file that cannot be read at all is reported and the rest go on. */
  async function ingestFiles(paths: string[], format: FileFormat | undefined, options: RunOptions = {}): Promise<IngestSummary> {
    const summary = emptySummary(options.dryRun);
    let records = 0;
    let total = 0;
    for await (const event of readFilesInWorker({ paths, format })) {
      if (event.type === 'file') {
        deps.log.info({ path: event.path, format: event.format, bytes: event.bytes }, 'ingesting file');
        records = 0;
        total = event.bytes;
      } else if (event.type === 'file-error') {
        recordSkip(summary, event.path, event.message);
        deps.log.warn({ path: event.path, err: event.message }, 'file skipped');
      } else {
        writeBatch(deps.store, event.items, summary);
        records += event.items.length;
        options.onProgress?.({ label: event.path, records, done: event.bytes, total });
      }
    }
    return summary;
  }

  async function ingestArxivApi(query: string, max: number, options: RunOptions & { pageSize?: number } = {}): Promise<IngestSummary> {
    const summary = emptySummary(options.dryRun);
    const pageSize = Math.min(options.pageSize ?? 100, max);
    for (let start = 0; start < max; start += pageSize) {
      const page = await fetchArxivApiPage(deps.arxivHttp, deps.urls.arxivApi, query, start, Math.min(pageSize, max - start));
      writeBatch(deps.store, page.items.map(normalizeItem), summary);
      options.onProgress?.({ records: start + page.items.length, label: `arXiv API "${query}"` });
      if (page.items.length === 0 || start + page.items.length >= page.totalResults) break;
    }
    return summary;
  }

  async function ingestHfDaily(date: string, options: RunOptions = {}): Promise<IngestSummary> {
    const summary = emptySummary(options.dryRun);
    const items = await fetchHfDaily(deps.hfHttp, deps.urls.hfApi, date);
    writeBatch(deps.store, items.map(normalizeItem), summary);
    options.onProgress?.({ records: items.length, label: `Hugging Face ${date}` });
    return summary;
  }

  /** Once a run is over, finished or not, what it wrote joins the ranking index. */
  function indexedAfter<Args extends unknown[], Result>(run: (...args: Args) => Promise<Result>) {
    return async (...args: Args): Promise<Result> => {
      try {
        return await run(...args);
      } finally {
        await deps.store.indexPending();
      }
    };
  }

  return {
    ingestFiles: indexedAfter(ingestFiles),
    ingestArxivApi: indexedAfter(ingestArxivApi),
    ingestHfDaily: indexedAfter(ingestHfDaily),
    harvestArxivOai: indexedAfter((oai: OaiHarvestOptions, options: RunOptions = {}) => harvestArxivOai(deps, oai, options)),
    importDemoCorpus: indexedAfter((options: RunOptions = {}) => ingestFiles(DEMO_FILES, undefined, options)),
  };
}

export type Ingest = ReturnType<typeof createIngest>;
