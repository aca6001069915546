// The record of import runs that wrote (finished or stopped by a failure), so
// the status page can say when the hub last took in papers and how it went.
import type { Sql } from './sql.ts';

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

const SQL = {
  insert: `INSERT INTO import_runs (source, started_at, finished_at, failure, added, updated, unchanged, skipped)
    VALUES (@source, @startedAt, @finishedAt, @failure, @added, @updated, @unchanged, @skipped)`,
  latest: `SELECT source, started_at AS "startedAt", finished_at AS "finishedAt", failure, added, updated, unchanged, skipped
    FROM import_runs ORDER BY id DESC LIMIT 1`,
};

export function createImportRuns(sql: Sql) {
  return {
    record: async (run: ImportRun): Promise<void> => void (await sql.run(SQL.insert, { ...run })),
    latest: async (): Promise<ImportRun | null> => (await sql.get<ImportRun>(SQL.latest)) ?? null,
  };
}

export type ImportRuns = ReturnType<typeof createImportRuns>;
