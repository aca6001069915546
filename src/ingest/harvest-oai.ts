// Incremental OAI-PMH harvest of arXiv by date and set. Each page and the
// position reached are written in one transaction, so an interrupted harvest
// resumes from its resumption token; a finished one remembers the next date.
import { OaiError, type OaiFormat } from '../sources/oai-pmh.ts';
import { fetchOaiPage } from '../sources/clients.ts';
import { emptySummary, normalizeItem, writeBatch, type IngestSummary } from './batch.ts';
import type { IngestDeps, RunOptions } from './ingest.ts';

export interface OaiHarvestOptions {
  metadataPrefix: OaiFormat;
  set?: string;
  from?: string;
  until?: string;
}

interface HarvestRequest {
  metadataPrefix: OaiFormat;
  set?: string;
  from?: string;
  until?: string;
  startedOn: string;
}

export async function harvestArxivOai(
  deps: IngestDeps,
  options: OaiHarvestOptions,
  run: RunOptions,
  summary: IngestSummary = emptySummary(run.dryRun),
): Promise<IngestSummary & { resumed: boolean; nextFrom: string | null }> {
  const name = `arxiv-oai:${options.metadataPrefix}:${options.set ?? '*'}`;
  const state = await deps.harvestStates.get(name);
  const saved = state?.request ? (JSON.parse(state.request) as HarvestRequest) : null;
  const resumable =
    !!state?.resumptionToken &&
    saved &&
    (!options.from || options.from === saved.from) &&
    (!options.until || options.until === saved.until);
  const request: HarvestRequest =
    resumable && saved ? saved : { ...options, from: options.from ?? state?.nextFrom ?? undefined, startedOn: today() };
  let token = resumable ? state!.resumptionToken : null;
  let records = 0;
  deps.log.info({ name, from: request.from, resumed: !!token }, 'OAI-PMH harvest');
  for (;;) {
    let page;
    try {
      page = await fetchOaiPage(
        deps.arxivHttp,
        deps.urls.arxivOai,
        token ? { metadataPrefix: request.metadataPrefix, resumptionToken: token } : request,
      );
    } catch (error) {
      // Tokens expire; start the same list again from its date rather than fail.
      if (error instanceof OaiError && error.code === 'badResumptionToken' && token) {
        deps.log.warn({ name, token }, 'resumption token expired; restarting the list');
        token = null;
        continue;
      }
      throw error;
    }
    token = page.resumptionToken;
    const position = {
      name,
      nextFrom: token ? (state?.nextFrom ?? null) : (request.until ?? request.startedOn),
      resumptionToken: token,
      request: JSON.stringify(request),
    };
    await writeBatch(deps.store, page.items.map(normalizeItem), summary, (tx) => tx.harvestStates.save(position));
    records += page.items.length;
    run.onProgress?.({ label: name, records, done: records, total: page.completeListSize ?? undefined });
    if (page.deletedIds.length) deps.log.info({ count: page.deletedIds.length }, 'records deleted upstream (kept here)');
    if (!token) return { ...summary, resumed: resumable === true, nextFrom: position.nextFrom };
  }
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}
