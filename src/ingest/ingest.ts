// The ingest feature: files, the arXiv API, Hugging Face daily papers and the
// bundled demo corpus, all through the same batch writer.
import { fileURLToPath } from 'node:url';
import type { Logger } from '../log.ts';
import type { PaperStore } from '../db/papers-store.ts';
import type { HarvestStateStore } from '../db/harvest-state.ts';
import type { ImportRuns } from '../db/import-runs.ts';
import type { HttpClient } from '../sources/http-client.ts';
import type { FileFormat } from '../sources/files.ts';
import { fetchArxivApiPage, fetchHfDaily } from '../sources/clients.ts';
import { fillFromArxiv, type FillOptions } from './fill-from-arxiv.ts';
import type { MissingFieldsStore } from '../db/missing-fields.ts';
import { emptySummary, normalizeItem, recordSkip, writeBatch, type IngestSummary } from './batch.ts';
import { readFilesInWorker } from './read-in-worker.ts';
import { harvestArxivOai, type OaiHarvestOptions } from './harvest-oai.ts';
import { StorageFailure } from '../db/storage-errors.ts';
import { AppError } from '../errors.ts';

/** The formats the CLI offers, as the sources read them. */
export { FILE_FORMATS, isFileFormat, type FileFormat } from '../sources/files.ts';
export { OAI_FORMATS, type OaiFormat } from '../sources/oai-pmh.ts';

export interface IngestDeps {
  store: PaperStore;
  harvestStates: HarvestStateStore;
  missingFields: MissingFieldsStore;
  arxivHttp: HttpClient;
  hfHttp: HttpClient;
  urls: { arxivApi: string; arxivOai: string; hfApi: string };
  /** Where runs that wrote are recorded, for the status page. */
  importRuns: ImportRuns;
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

export const DEMO_FILES = ['papers.jsonl.gz', 'hf-daily.json.gz'].map((name) =>
  fileURLToPath(new URL(`../../demo/${name}`, import.meta.url)),
);

export function createIngest(deps: IngestDeps) {
  /** Ingests files one after another; a file that cannot be read at all is reported and the rest go on. */
  async function ingestFiles(
    summary: IngestSummary,
    paths: string[],
    format: FileFormat | undefined,
    options: RunOptions,
  ): Promise<IngestSummary> {
    let records = 0;
    let total = 0;
    // A hub that holds papers may hold these: records applied before as they are are skipped unread.
    const probe = !(await deps.store.isEmpty());
    const job = { paths, format, probe, packAbstracts: deps.store.packsAbstracts };
    for await (const event of readFilesInWorker(job, deps.store.knownRecords)) {
      if (event.type === 'file') {
        deps.log.info({ path: event.path, format: event.format, bytes: event.bytes }, 'ingesting file');
        records = 0;
        total = event.bytes;
      } else if (event.type === 'file-error') {
        recordSkip(summary, event.path, event.message);
        deps.log.warn({ path: event.path, err: event.message }, 'file skipped');
      } else {
        await writeBatch(deps.store, event.items, summary);
        summary.unchanged += event.unchanged;
        records += event.items.length + event.unchanged;
        options.onProgress?.({ label: event.path, records, done: event.bytes, total });
      }
    }
    return summary;
  }

  async function ingestArxivApi(
    summary: IngestSummary,
    query: string,
    max: number,
    options: RunOptions & { pageSize?: number },
  ): Promise<IngestSummary> {
    const pageSize = Math.min(options.pageSize ?? 100, max);
    for (let start = 0; start < max; start += pageSize) {
      const page = await fetchArxivApiPage(deps.arxivHttp, deps.urls.arxivApi, query, start, Math.min(pageSize, max - start));
      await writeBatch(deps.store, page.items.map(normalizeItem), summary);
      options.onProgress?.({ records: start + page.items.length, label: `arXiv API "${query}"` });
      if (page.items.length === 0 || start + page.items.length >= page.totalResults) break;
    }
    return summary;
  }

  async function ingestHfDaily(summary: IngestSummary, date: string, options: RunOptions): Promise<IngestSummary> {
    const items = await fetchHfDaily(deps.hfHttp, deps.urls.hfApi, date);
    await writeBatch(deps.store, items.map(normalizeItem), summary);
    options.onProgress?.({ records: items.length, label: `Hugging Face ${date}` });
    return summary;
  }

  /**
   * Runs one ingest into a fresh summary. Once over, finished or not, what it wrote joins the
   * ranking index and the run is recorded (not after a dry run, which wrote nothing). A failure of the database stops
   * the run with a plain message saying how far it got: what was saved stays saved, and the
   * same command run again goes on from there.
   */
  async function runIngest<Result extends IngestSummary>(
    source: string,
    options: RunOptions,
    work: (summary: IngestSummary) => Promise<Result>,
  ): Promise<Result> {
    const summary = emptySummary(options.dryRun);
    const startedAt = new Date().toISOString();
    try {
      const result = await work(summary);
      if (!options.dryRun) {
        await deps.store.indexPending();
        await recordRun(source, startedAt, result, null);
      }
      return result;
    } catch (error) {
      if (!options.dryRun) {
        await indexQuietly();
        await recordRun(source, startedAt, summary, (error as Error)?.message ?? String(error));
      }
      if (error instanceof StorageFailure) throw new AppError('unavailable', `${error.message}: ${savedSoFar(summary)}`, { cause: error });
      throw error;
    }
  }

  /** Records a run that wrote; a database that cannot take even this is logged, not thrown over the run's result. */
  async function recordRun(source: string, startedAt: string, summary: IngestSummary, failure: string | null): Promise<void> {
    try {
      const { added, updated, unchanged, skipped } = summary;
      await deps.importRuns.record({
        source,
        startedAt,
        finishedAt: new Date().toISOString(),
        failure,
        added,
        updated,
        unchanged,
        skipped,
      });
    } catch (error) {
      deps.log.warn({ err: error }, 'could not record the import run');
    }
  }

  /** After a failure: index what was saved if the database still lets us; a second failure is logged, not thrown over the first. */
  async function indexQuietly(): Promise<void> {
    try {
      await deps.store.indexPending();
    } catch (error) {
      deps.log.warn({ err: error }, 'could not add the saved papers to the ranking index; the next run or start will');
    }
  }

  return {
    ingestFiles: (paths: string[], format: FileFormat | undefined, options: RunOptions = {}) =>
      runIngest('files', options, (summary) => ingestFiles(summary, paths, format, options)),
    ingestArxivApi: (query: string, max: number, options: RunOptions & { pageSize?: number } = {}) =>
      runIngest('arXiv API', options, (summary) => ingestArxivApi(summary, query, max, options)),
    ingestHfDaily: (date: string, options: RunOptions = {}) =>
      runIngest('Hugging Face daily papers', options, (summary) => ingestHfDaily(summary, date, options)),
    harvestArxivOai: (oai: OaiHarvestOptions, options: RunOptions = {}) =>
      runIngest('arXiv OAI-PMH', options, (summary) => harvestArxivOai(deps, oai, options, summary)),
    fillFromArxiv: (fill: FillOptions = {}, options: RunOptions = {}) =>
      runIngest('arXiv API (missing fields)', options, (summary) => fillFromArxiv(deps, fill, options, summary)),
    /** Papers shown here without a category: a category filter cannot find them yet. */
    countUncategorized: () => deps.missingFields.countUncategorized(),
    importDemoCorpus: (options: RunOptions = {}) =>
      runIngest('demo corpus', options, (summary) => ingestFiles(summary, DEMO_FILES, undefined, options)),
  };
}

export type Ingest = ReturnType<typeof createIngest>;

function savedSoFar(summary: IngestSummary): string {
  if (summary.dryRun) return 'this was a dry run, and nothing was written';
  const saved = summary.added + summary.updated;
  return `${saved.toLocaleString('en')} ${saved === 1 ? 'paper was' : 'papers were'} saved before it (${summary.added} added, ${summary.updated} updated); run the same command again to go on`;
}
