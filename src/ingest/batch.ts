// Writes parsed items in batches: each batch is one transaction, a record that
// cannot be read or stored is skipped with its location and reason, and the
// counts add up to a summary.
import { InvalidPaper, normalizePaper, type Paper } from '../domain/paper.ts';
import type { PaperStore, PaperTransaction } from '../db/papers-store.ts';
import { RecordRefused } from '../db/storage-errors.ts';
import { packAbstract } from '../db/abstract-packing.ts';
import { hashPaper, toStored } from '../domain/merge.ts';
import type { ParsedItem } from '../sources/parsed.ts';

/**
 * A parsed item after normalisation: a paper ready to store (less its malformed values) with its
 * content hash and, when asked, its abstract packed (computed where it was normalised, a worker thread
 * for files), or why it is not.
 */
export type ReadyItem =
  | { paper: Paper; hash: string; record?: string; packedAbstract?: string | Uint8Array; at: string; dropped?: string[] }
  | { error: string; at: string };

/**
 * The version of the rules that make a paper of a record (domain/paper.ts and the parsers): part
 * of every record hash kept, so that after a change of the rules the same file is applied again.
 */
const RECORD_RULES = 1;

/** The hash kept of a record as read: its own, under the rules that made its paper. */
export function recordHash(item: ParsedItem & { record?: string }): string | undefined {
  return item.record ? `${RECORD_RULES}:${item.record}` : undefined;
}

export function normalizeItem(item: ParsedItem): ReadyItem {
  if ('error' in item) return item;
  try {
    const dropped: string[] = [];
    const paper = normalizePaper(item.paper, dropped);
    const ready = { at: item.at, paper, hash: hashPaper(toStored(paper)), record: recordHash(item) };
    return dropped.length ? { ...ready, dropped } : ready;
  } catch (error) {
    if (error instanceof InvalidPaper) return { at: item.at, error: error.message };
    throw error;
  }
}

/** The item with its abstract packed as a store that packs them keeps it (PaperStore.packsAbstracts), where it was normalised. */
export function withPackedAbstract(item: ReadyItem): ReadyItem {
  return 'error' in item ? item : { ...item, packedAbstract: packAbstract(item.paper.abstract) };
}

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
  /** Malformed values (a category, a DOI) left out of papers that were stored. */
  leftOut: number;
  leftOutValues: Skipped[];
  dryRun: boolean;
}

/** The summary keeps the first reasons only; the count is always complete. */
const MAX_SKIPPED_KEPT = 1000;
export const BATCH_SIZE = 1000;

class RollBack extends Error {}

export function emptySummary(dryRun = false): IngestSummary {
  return { added: 0, updated: 0, unchanged: 0, skipped: 0, duplicates: 0, skippedRecords: [], leftOut: 0, leftOutValues: [], dryRun };
}

export function recordSkip(summary: IngestSummary, at: string, reason: string): void {
  summary.skipped++;
  if (summary.skippedRecords.length < MAX_SKIPPED_KEPT) summary.skippedRecords.push({ at, reason });
}

function recordLeftOut(summary: IngestSummary, at: string, reason: string): void {
  summary.leftOut++;
  if (summary.leftOutValues.length < MAX_SKIPPED_KEPT) summary.leftOutValues.push({ at, reason });
}

/**
 * Writes one batch in one transaction. `alsoInTransaction` runs inside it too
 * (a harvest saves where it stands there). In a dry run everything is rolled back.
 * If the database refuses a record for its content, the batch is written again with
 * a savepoint per record, so that record alone is skipped; the fast path needs none.
 * A failure of the database itself (StorageFailure) stops the run: nothing is skipped.
 */
export async function writeBatch(
  store: PaperStore,
  items: ReadyItem[],
  summary: IngestSummary,
  alsoInTransaction?: (tx: PaperTransaction) => Promise<void>,
): Promise<void> {
  let counts: IngestSummary;
  try {
    counts = await attemptBatch(store, items, summary.dryRun, false, alsoInTransaction);
  } catch (error) {
    if (!(error instanceof RecordRefused)) throw error;
    counts = await attemptBatch(store, items, summary.dryRun, true, alsoInTransaction);
  }
  addSummary(summary, counts);
}

async function attemptBatch(
  store: PaperStore,
  items: ReadyItem[],
  dryRun: boolean,
  savepoints: boolean,
  alsoInTransaction?: (tx: PaperTransaction) => Promise<void>,
): Promise<IngestSummary> {
  const counts = emptySummary(dryRun);
  const now = new Date().toISOString();
  const seen = new Set<string>();
  try {
    await store.transaction(async (tx) => {
      await tx.readAhead(items.flatMap((item) => ('error' in item ? [] : [item.paper.id])));
      for (const item of items) await writeItem(tx, item, counts, seen, now, savepoints);
      await alsoInTransaction?.(tx);
      if (dryRun) throw new RollBack();
    });
  } catch (error) {
    if (!(error instanceof RollBack)) throw error;
  }
  return counts;
}

async function writeItem(
  tx: PaperTransaction,
  item: ReadyItem,
  counts: IngestSummary,
  seen: Set<string>,
  now: string,
  savepoints: boolean,
): Promise<void> {
  if ('error' in item) return recordSkip(counts, item.at, item.error);
  const { paper, hash, record, packedAbstract } = item;
  for (const reason of item.dropped ?? []) recordLeftOut(counts, item.at, reason);
  if (seen.has(paper.id)) counts.duplicates++;
  seen.add(paper.id);
  if (!savepoints) {
    counts[await tx.upsertPaper(paper, now, { hash, record, packedAbstract })]++;
    return;
  }
  try {
    counts[await tx.savepoint((inner) => inner.upsertPaper(paper, now, { hash, record, packedAbstract }))]++;
  } catch (error) {
    if (!(error instanceof RecordRefused)) throw error;
    recordSkip(counts, item.at, `not stored: ${error.message}`);
  }
}

export function addSummary(total: IngestSummary, part: IngestSummary): void {
  total.added += part.added;
  total.updated += part.updated;
  total.unchanged += part.unchanged;
  total.duplicates += part.duplicates;
  for (const skip of part.skippedRecords) recordSkip(total, skip.at, skip.reason);
  total.skipped += part.skipped - part.skippedRecords.length;
  for (const value of part.leftOutValues) recordLeftOut(total, value.at, value.reason);
  total.leftOut += part.leftOut - part.leftOutValues.length;
}
