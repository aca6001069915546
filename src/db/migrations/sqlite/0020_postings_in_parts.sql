-- A term's postings in a segment are rows of parts that each fit in a page
-- (text-index/index-tables.ts): a longer row spilled onto overflow pages, the
-- last one half empty on average, 8 KB for each common term in each segment.
-- The index is emptied and every paper queued, to be indexed again at the next
-- start or import.
DROP TABLE lexicon_postings;
CREATE TABLE lexicon_postings (
  segment INTEGER NOT NULL,
  term TEXT NOT NULL,
  part INTEGER NOT NULL,
  postings BLOB NOT NULL,
  PRIMARY KEY (segment, term, part)
) WITHOUT ROWID;
DELETE FROM lexicon_papers;
DELETE FROM lexicon_segments;
INSERT INTO lexicon_pending (seq) SELECT seq FROM papers WHERE true ON CONFLICT (seq) DO UPDATE SET version = version + 1;
