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
CREATE TABLE lexicon_postings (
  id INTEGER PRIMARY KEY,
  term TEXT NOT NULL,
  segment INTEGER NOT NULL,
  postings BLOB NOT NULL
);
CREATE UNIQUE INDEX lexicon_postings_by_term ON lexicon_postings (term, segment);
CREATE INDEX lexicon_postings_by_segment ON lexicon_postings (segment, term);

-- Each indexed paper: its current segment and its length in words (0: removed).
CREATE TABLE lexicon_papers (
  seq INTEGER PRIMARY KEY,
  segment INTEGER NOT NULL,
  length INTEGER NOT NULL
);
CREATE INDEX lexicon_papers_by_segment ON lexicon_papers (segment);

-- Papers written since the last segment, indexed when their transaction ends.
CREATE TABLE lexicon_pending (seq INTEGER PRIMARY KEY);
INSERT INTO lexicon_pending (seq) SELECT seq FROM papers;

CREATE TRIGGER lexicon_pending_insert AFTER INSERT ON papers BEGIN
  INSERT OR IGNORE INTO lexicon_pending (seq) VALUES (new.seq);
END;
CREATE TRIGGER lexicon_pending_update AFTER UPDATE OF title, abstract, authors ON papers BEGIN
  INSERT OR IGNORE INTO lexicon_pending (seq) VALUES (new.seq);
END;
CREATE TRIGGER lexicon_pending_delete AFTER DELETE ON papers BEGIN
  INSERT OR IGNORE INTO lexicon_pending (seq) VALUES (old.seq);
END;
