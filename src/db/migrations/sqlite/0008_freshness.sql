-- How fresh the hub is. Trending: the newest data of each source when the lists
-- were computed (JSON, source name to time). Imports: every run that wrote
-- (dry runs write nothing), finished or failed, for the status page.
ALTER TABLE trending_runs ADD COLUMN sources TEXT;

CREATE TABLE import_runs (
  id INTEGER PRIMARY KEY,
  source TEXT NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT NOT NULL,
  -- NULL when it finished; why it stopped when it did not.
  failure TEXT,
  added INTEGER NOT NULL,
  updated INTEGER NOT NULL,
  unchanged INTEGER NOT NULL,
  skipped INTEGER NOT NULL
);
