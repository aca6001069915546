// Fills what a source left out (Hugging Face gives no categories) from the
// arXiv API, for papers with an arXiv id: their ids asked for in batches, one
// request at a time through the polite arXiv client. The records merge as any
// arXiv record does (domain/merge.ts). A paper arXiv does not answer for is
// asked again only after ASK_AGAIN_DAYS.
import { fetchArxivApiIds } from '../sources/clients.ts';
import { normalizeItem, writeBatch, type IngestSummary } from './batch.ts';
import type { IngestDeps, RunOptions } from './ingest.ts';

export interface FillOptions {
  /** At most this many papers per run (newest first). */
  limit?: number;
  /** Ids per request. */
  batchSize?: number;
}

export const FILL_DEFAULTS = { limit: 1_000, batchSize: 50 };
export const ASK_AGAIN_DAYS = 7;

export async function fillFromArxiv(
  deps: IngestDeps,
  options: FillOptions,
  run: RunOptions,
  summary: IngestSummary,
): Promise<IngestSummary & { asked: number }> {
  const { limit, batchSize } = { ...FILL_DEFAULTS, ...options };
  const askedAfter = new Date(Date.now() - ASK_AGAIN_DAYS * 86_400_000).toISOString();
  const ids = await deps.missingFields.dueForLookup(limit, askedAfter);
  deps.log.info({ papers: ids.length }, 'filling missing fields from the arXiv API');
  for (let start = 0; start < ids.length; start += batchSize) {
    const batch = ids.slice(start, start + batchSize);
    const page = await fetchArxivApiIds(deps.arxivHttp, deps.urls.arxivApi, batch);
    await writeBatch(deps.store, page.items.map(normalizeItem), summary);
    if (!summary.dryRun) await deps.missingFields.markAsked(batch, new Date().toISOString());
    run.onProgress?.({ label: 'arXiv API (missing fields)', records: start + batch.length, done: start + batch.length, total: ids.length });
  }
  return { ...summary, asked: ids.length };
}
