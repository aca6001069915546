// Writes parsed items in batches: each batch is one transaction, a record that
// cannot be read or stored is skipped with its location and reason, and the
// counts add up to a summary.
import { InvalidPaper, normalizePaper } from '../domain/paper.ts';
import type { PaperStore } from '../db/papers-store.ts';
import type { ParsedItem } from '../sources/parsed.ts';

export interface Skipped {
  at: string;
  reason: string;
}

export interface IngestSummary {
  added: number;
  updated: number;
  unchanged: number;
  skipped: number;
  duplicates: number;
  skippedRecords: Skipped[];
  dryRun: boolean;
}

/** The summary keeps the first reasons only; the count is always complete. */
const MAX_SKIPPED_KEPT = 1000;
export const BATCH_SIZE = 1000;

class RollBack extends Error {}

export function emptySummary(dryRun = false): IngestSummary {
  return { added: 0, updated: 0, unchanged: 0, skipped: 0, duplicates: 0, skippedRecords: [], dryRun };
}

export function recordSkip(summary: IngestSummary, at: string, reason: string): void {
  summary.skipped++;
  if (summary.skippedRecords.length < MAX_SKIPPED_KEPT) summary.skippedRecords.push({ at, reason });
}

/**
 * Writes one batch in one transaction. `alsoInTransaction` runs inside it too
 * (a harvest saves where it stands there). In a dry run everything is rolled back.
 */
export function writeBatch(store: PaperStore, items: ParsedItem[], summary: IngestSummary, alsoInTransaction?: () => void): void {
  const counts = emptySummary(summary.dryRun);
  const now = new Date().toISOString();
  const seen = new Set<string>();
  try {
    store.transaction(() => {
      for (const item of items) writeItem(store, item, counts, seen, now);
      alsoInTransaction?.();
      if (summary.dryRun) throw new RollBack();
    });
  } catch (error) {
    if (!(error instanceof RollBack)) throw error;
  }
  addSummary(summary, counts);
}

function writeItem(store: PaperStore, item: ParsedItem, counts: IngestSummary, seen: Set<string>, now: string): void {
  if ('error' in item) return recordSkip(counts, item.at, item.error);
  let paper;
  try {
    paper = normalizePaper(item.paper);
  } catch (error) {
    if (error instanceof InvalidPaper) return recordSkip(counts, item.at, error.message);
    throw error;
  }
  if (seen.has(paper.id)) counts.duplicates++;
  seen.add(paper.id);
  try {
    // A savepoint per record: a record the database refuses is skipped alone.
    counts[store.transaction(() => store.upsertPaper(paper, now))]++;
  } catch (error) {
    recordSkip(counts, item.at, `not stored: ${(error as Error).message}`);
  }
}

export function addSummary(total: IngestSummary, part: IngestSummary): void {
  total.added += part.added;
  total.updated += part.updated;
  total.unchanged += part.unchanged;
  total.duplicates += part.duplicates;
  for (const skip of part.skippedRecords) recordSkip(total, skip.at, skip.reason);
  total.skipped += part.skipped - part.skippedRecords.length;
}
