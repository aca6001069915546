// The status feature: what the hub holds and how fresh it is (papers, the
// last import, each trending source's newest data, search by meaning, the
// digest's readers and last run), the same for the status page, /api/status,
// `paperboy stats` and the line atop every page.
import type { ImportRun } from '../db/import-runs.ts';
import type { EmbeddingStatus } from '../embeddings/background.ts';

export type { ImportRun } from '../db/import-runs.ts';
export type { EmbeddingStatus } from '../embeddings/background.ts';

export interface DigestStatus {
  /** Whether digests go out (an SMTP server is set). */
  delivers: boolean;
  /** Readers: asked and not confirmed yet, confirmed (getting digests), unsubscribed, suspended after bounces. */
  waiting: number;
  confirmed: number;
  unsubscribed: number;
  suspended: number;
  /** Digests: sent, failed, skipped (nothing new, as the reader chose), pending (being sent or waiting to retry). */
  sent: number;
  failed: number;
  skipped: number;
  pending: number;
  lastRun: {
    startedAt: string;
    finishedAt: string | null;
    audience: number;
    sent: number;
    failed: number;
    skipped: number;
    pending: number;
  } | null;
}

export interface HubStatus {
  papers: number;
  lastImport: ImportRun | null;
  /** Each source's newest data, as trending last counted it. */
  trendingSources: { source: string; asOf: string }[];
  embeddings: EmbeddingStatus | null;
  digest: DigestStatus;
}

export interface StatusDeps {
  countPapers: () => Promise<number>;
  lastImport: () => Promise<ImportRun | null>;
  trendingSources: () => Promise<{ source: string; asOf: string }[]>;
  /** Null when search by meaning is off. */
  embeddings: () => Promise<EmbeddingStatus | null>;
  digest: () => Promise<DigestStatus>;
}

/** Counting vectors is not free: the status line is read at most this often. */
const STATUS_LINE_TTL_MS = 5_000;

export function createStatus(deps: StatusDeps) {
  async function hubStatus(): Promise<HubStatus> {
    return {
      papers: await deps.countPapers(),
      lastImport: await deps.lastImport(),
      trendingSources: await deps.trendingSources(),
      embeddings: await deps.embeddings(),
      digest: await deps.digest(),
    };
  }

  /** A reader of the line atop every page (each web app keeps its own), read again every few seconds. */
  function statusLineReader(): () => Promise<string | null> {
    let line: string | null = null;
    let readAt = -Infinity;
    return async () => {
      if (Date.now() - readAt > STATUS_LINE_TTL_MS) {
        readAt = Date.now();
        line = statusLineOf(await deps.embeddings());
      }
      return line;
    };
  }

  return { hubStatus, statusLineReader };
}

/** One sentence for the top of every page while vectors are still being made; null once done or when off. */
export function statusLineOf(status: EmbeddingStatus | null): string | null {
  if (!status || status.pending === 0) return null;
  const percent = Math.floor((100 * status.embedded) / (status.embedded + status.pending));
  return `Search by meaning is still being built (${percent}% of papers done); until then the rest are found by keyword.`;
}

export type Status = ReturnType<typeof createStatus>;
