// The record of import runs that wrote (finished or stopped by a failure), so
// the status page can say when the hub last took in papers and how it went.
import type { Db } from './open.ts';

export interface ImportRun {
  source: string;
  startedAt: string;
  finishedAt: string;
  /** Why the run stopped early; null when it finished. */
  failure: string | null;
  added: number;
  updated: number;
  unchanged: number;
  skipped: number;
}

export function createImportRuns(db: Db) {
  const insert = db.prepare(
    'INSERT INTO import_runs (source, started_at, finished_at, failure, added, updated, unchanged, skipped) VALUES (@source, @startedAt, @finishedAt, @failure, @added, @updated, @unchanged, @skipped)',
  );
  const latest = db.prepare(
    'SELECT source, started_at AS startedAt, finished_at AS finishedAt, failure, added, updated, unchanged, skipped FROM import_runs ORDER BY id DESC LIMIT 1',
  );
  return {
    record: (run: ImportRun): void => void insert.run(run),
    latest: (): ImportRun | null => (latest.get() as ImportRun | undefined) ?? null,
  };
}

export type ImportRuns = ReturnType<typeof createImportRuns>;
