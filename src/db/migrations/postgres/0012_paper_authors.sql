-- Each paper's authors, one row each, with the folded name and its last word, for author pages.
CREATE TABLE paper_authors (
  paper_id text COLLATE "C" NOT NULL REFERENCES papers (id) ON DELETE CASCADE,
  position integer NOT NULL,
  name text COLLATE "C" NOT NULL,
  name_key text COLLATE "C" NOT NULL,
  surname_key text COLLATE "C" NOT NULL,
  PRIMARY KEY (paper_id, position)
);
CREATE INDEX paper_authors_by_key ON paper_authors (name_key);
CREATE INDEX paper_authors_by_surname ON paper_authors (surname_key, name_key);
