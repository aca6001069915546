-- paperboy's own inverted index, for relevance ranking (see docs/ARCHITECTURE.md,
-- "Ranking index"). Papers are indexed in segments; each term of a segment has
-- one row holding its postings. A paper belongs to the segment that indexed it
-- last: its postings in older segments are stale and skipped.
-- indexed: the papers the segment was written with; papers: those of them no
-- later segment replaced (while equal, every posting in the segment counts).
-- Ids only grow (AUTOINCREMENT): readers catch up on segments above the last they saw.
CREATE TABLE lexicon_segments (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  indexed INTEGER NOT NULL,
  papers INTEGER NOT NULL
);
-- Keyed by segment first: a new segment's rows are written side by side, not
-- spread over the whole table; lookups by term go through the second index.
CREATE TABLE lexicon_postings (
  segment INTEGER NOT NULL,
  term TEXT NOT NULL,
  postings BLOB NOT NULL,
  PRIMARY KEY (segment, term)
) WITHOUT ROWID;
CREATE INDEX lexicon_postings_by_term ON lexicon_postings (term, segment);

-- Each indexed paper: its current segment and its length in words (0: removed).
CREATE TABLE lexicon_papers (
  seq INTEGER PRIMARY KEY,
  segment INTEGER NOT NULL,
  length INTEGER NOT NULL
);
CREATE INDEX lexicon_papers_by_segment ON lexicon_papers (segment);

-- Papers written since they were last indexed. version grows with each write,
-- so a paper written again while its segment was being built stays queued.
CREATE TABLE lexicon_pending (
  seq INTEGER PRIMARY KEY,
  version INTEGER NOT NULL DEFAULT 0
);
INSERT INTO lexicon_pending (seq) SELECT seq FROM papers;

CREATE TRIGGER lexicon_pending_insert AFTER INSERT ON papers BEGIN
  INSERT INTO lexicon_pending (seq) VALUES (new.seq) ON CONFLICT (seq) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER lexicon_pending_update AFTER UPDATE OF title, abstract, authors ON papers BEGIN
  INSERT INTO lexicon_pending (seq) VALUES (new.seq) ON CONFLICT (seq) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER lexicon_pending_delete AFTER DELETE ON papers BEGIN
  INSERT INTO lexicon_pending (seq) VALUES (old.seq) ON CONFLICT (seq) DO UPDATE SET version = version + 1;
END;

-- FTS5 no longer ranks (it answers phrases, authors, exclusions and newest-first
-- lists): its vocabulary table goes, and it merges its segments less eagerly
-- while papers are written, which speeds up ingest.
DROP TABLE papers_vocab;
INSERT INTO papers_fts (papers_fts, rank) VALUES ('automerge', 16);
INSERT INTO papers_fts (papers_fts, rank) VALUES ('crisismerge', 64);
