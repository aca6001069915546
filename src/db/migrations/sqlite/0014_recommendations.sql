-- Recommendations per reader. A "not interested" mark keeps a paper out of the
-- reader's recommendations and pushes papers like it down; removing it undoes that.
CREATE TABLE not_interested (
  account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  paper_id TEXT NOT NULL REFERENCES papers (id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  PRIMARY KEY (account_id, paper_id)
) WITHOUT ROWID;

-- The digest's "For you" section, on unless the reader turns it off.
ALTER TABLE subscriptions ADD COLUMN for_you_on INTEGER NOT NULL DEFAULT 1;

-- The reader's private recommendations feed: its secret URL is signed over this
-- number, so resetting the URL (the number goes up) stops every older one working.
ALTER TABLE accounts ADD COLUMN feed_generation INTEGER NOT NULL DEFAULT 0;

-- A number that goes up whenever a paper is added, changed, hidden or deleted, and
-- not when a reader votes or saves: what is built from papers alone (the candidates
-- of recommendations) is kept until it moves.
CREATE TABLE papers_version (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  version INTEGER NOT NULL
);
INSERT INTO papers_version (id, version) VALUES (1, 0);
CREATE TRIGGER papers_version_on_insert AFTER INSERT ON papers BEGIN
  UPDATE papers_version SET version = version + 1;
END;
CREATE TRIGGER papers_version_on_update AFTER UPDATE OF title, abstract, authors, published_at, hidden_at ON papers BEGIN
  UPDATE papers_version SET version = version + 1;
END;
CREATE TRIGGER papers_version_on_delete AFTER DELETE ON papers BEGIN
  UPDATE papers_version SET version = version + 1;
END;
