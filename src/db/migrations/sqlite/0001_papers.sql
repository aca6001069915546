-- Papers with their categories, provenance and signals, and the FTS5 index over
-- title, abstract and authors kept in step by triggers. Authors (names) and
-- links ({kind, url}) are JSON arrays in the paper row: always read whole, and
-- one row instead of ten per paper keeps bulk ingest fast.
CREATE TABLE papers (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  version INTEGER,
  title TEXT NOT NULL,
  abstract TEXT NOT NULL DEFAULT '',
  authors TEXT NOT NULL DEFAULT '[]',
  primary_category TEXT,
  published_at TEXT,
  updated_at TEXT,
  doi TEXT,
  journal_ref TEXT,
  comments TEXT,
  license TEXT,
  links TEXT NOT NULL DEFAULT '[]',
  has_code INTEGER NOT NULL DEFAULT 0,
  metadata_source TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  created_at TEXT NOT NULL,
  modified_at TEXT NOT NULL
);
CREATE INDEX papers_published_at ON papers (published_at DESC);
CREATE INDEX papers_with_code ON papers (seq) WHERE has_code = 1;

CREATE TABLE paper_categories (
  paper_id TEXT NOT NULL REFERENCES papers (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  category TEXT NOT NULL,
  PRIMARY KEY (paper_id, position)
) WITHOUT ROWID;
CREATE INDEX paper_categories_category ON paper_categories (category, paper_id);

-- Provenance: which source delivered the paper, which version, and when.
CREATE TABLE paper_sources (
  paper_id TEXT NOT NULL REFERENCES papers (id) ON DELETE CASCADE,
  source TEXT NOT NULL,
  source_id TEXT NOT NULL,
  version INTEGER,
  first_seen_at TEXT NOT NULL,
  changed_at TEXT NOT NULL,
  PRIMARY KEY (paper_id, source)
) WITHOUT ROWID;

-- Popularity observed upstream (upvotes, GitHub stars), one row per observation.
CREATE TABLE paper_signals (
  paper_id TEXT NOT NULL REFERENCES papers (id) ON DELETE CASCADE,
  source TEXT NOT NULL,
  name TEXT NOT NULL,
  observed_at TEXT NOT NULL,
  value REAL NOT NULL,
  PRIMARY KEY (paper_id, source, name, observed_at)
) WITHOUT ROWID;

-- Where an incremental harvest stands, so an interrupted one resumes.
CREATE TABLE harvest_state (
  name TEXT PRIMARY KEY,
  next_from TEXT,
  resumption_token TEXT,
  request TEXT,
  updated_at TEXT NOT NULL
);

CREATE VIRTUAL TABLE papers_fts USING fts5 (
  title, abstract, authors,
  content = 'papers', content_rowid = 'seq',
  tokenize = 'porter unicode61 remove_diacritics 2'
);

-- Document frequencies of index terms, for picking a paper's distinctive terms.
CREATE VIRTUAL TABLE papers_vocab USING fts5vocab (papers_fts, 'row');

CREATE TRIGGER papers_fts_insert AFTER INSERT ON papers BEGIN
  INSERT INTO papers_fts (rowid, title, abstract, authors) VALUES (new.seq, new.title, new.abstract, new.authors);
END;
CREATE TRIGGER papers_fts_delete AFTER DELETE ON papers BEGIN
  INSERT INTO papers_fts (papers_fts, rowid, title, abstract, authors) VALUES ('delete', old.seq, old.title, old.abstract, old.authors);
END;
CREATE TRIGGER papers_fts_update AFTER UPDATE OF title, abstract, authors ON papers BEGIN
  INSERT INTO papers_fts (papers_fts, rowid, title, abstract, authors) VALUES ('delete', old.seq, old.title, old.abstract, old.authors);
  INSERT INTO papers_fts (rowid, title, abstract, authors) VALUES (new.seq, new.title, new.abstract, new.authors);
END;
