// The summary every ingest run ends with.
import type { IngestSummary } from '../ingest/batch.ts';

const SHOWN_SKIPS = 20;

export function formatSummary(summary: IngestSummary): string {
  const lines = [
    `${summary.dryRun ? 'dry run (nothing written): ' : ''}added ${summary.added}, updated ${summary.updated}, unchanged ${summary.unchanged}, skipped ${summary.skipped}`,
  ];
  if (summary.duplicates) lines.push(`${summary.duplicates} records repeated an id already in their batch and were merged into it`);
  for (const skip of summary.skippedRecords.slice(0, SHOWN_SKIPS)) lines.push(`skipped ${skip.at}: ${skip.reason}`);
  if (summary.skipped > SHOWN_SKIPS) lines.push(`… and ${summary.skipped - SHOWN_SKIPS} more skipped (see the log)`);
  for (const value of summary.leftOutValues.slice(0, SHOWN_SKIPS)) lines.push(`at ${value.at}: ${value.reason}`);
  if (summary.leftOut > SHOWN_SKIPS) lines.push(`… and ${summary.leftOut - SHOWN_SKIPS} more malformed values left out`);
  return `${lines.join('\n')}\n`;
}

export function exitCodeFor(summary: IngestSummary): number {
  return summary.skipped > 0 ? 1 : 0;
}
