-- Each reader's library: a default reading list and named collections of papers.
CREATE TABLE collections (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  is_default INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  UNIQUE (account_id, name)
);
CREATE UNIQUE INDEX collections_one_default ON collections (account_id) WHERE is_default = 1;

CREATE TABLE collection_papers (
  collection_id INTEGER NOT NULL REFERENCES collections (id) ON DELETE CASCADE,
  paper_id TEXT NOT NULL REFERENCES papers (id) ON DELETE CASCADE,
  added_at TEXT NOT NULL,
  PRIMARY KEY (collection_id, paper_id)
) WITHOUT ROWID;
