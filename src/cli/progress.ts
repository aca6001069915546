// Progress of long work: a redrawn bar on a terminal, a log line every few
// seconds otherwise.
import type { Logger } from '../log.ts';
import type { Progress } from '../ingest/ingest.ts';

export interface ProgressReporter {
  update(progress: Progress): void;
  finish(): void;
}

export function createProgressReporter(
  stream: NodeJS.WritableStream & { isTTY?: boolean },
  log: Logger,
  intervalMs = 5000,
): ProgressReporter {
  let lastLogAt = Date.now();
  let drawn = false;
  return {
    update(progress) {
      if (stream.isTTY) {
        stream.write(`\r${renderBar(progress)}`);
        drawn = true;
      } else if (Date.now() - lastLogAt >= intervalMs) {
        lastLogAt = Date.now();
        log.info({ label: progress.label, records: progress.records, percent: percent(progress) }, 'progress');
      }
    },
    finish() {
      if (drawn) stream.write('\n');
      drawn = false;
    },
  };
}

export function renderBar(progress: Progress, width = 30): string {
  const share = percent(progress);
  const records = `${progress.records.toLocaleString('en')} records`;
  if (share === undefined) return `${records}  ${progress.label}`.slice(0, 100);
  const filled = Math.round((share / 100) * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${share.toFixed(0).padStart(3)}%  ${records}`;
}

function percent(progress: Progress): number | undefined {
  if (!progress.total || progress.done === undefined) return undefined;
  return Math.min(100, (progress.done / progress.total) * 100);
}
