-- Each paper's authors, one row each, with the folded name (domain/author-names.ts)
-- and its last word, for author pages. Written with the paper; papers stored
-- before this migration are added on the next start (db/paper-authors.ts).
CREATE TABLE paper_authors (
  paper_id TEXT NOT NULL REFERENCES papers (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  name_key TEXT NOT NULL,
  surname_key TEXT NOT NULL,
  PRIMARY KEY (paper_id, position)
) WITHOUT ROWID;
CREATE INDEX paper_authors_by_key ON paper_authors (name_key);
CREATE INDEX paper_authors_by_surname ON paper_authors (surname_key, name_key);
