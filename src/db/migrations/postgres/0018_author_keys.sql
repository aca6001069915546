-- Author pages read each paper's author name keys from the ranking index (key
-- terms, db/paper-text.ts) instead of a table of one row per author, which took
-- about 700 bytes a paper and the slowest writes of a large import. The index
-- is emptied and every paper queued, to be indexed again, with its keys, at the
-- next start or import.
DROP TABLE paper_authors;
DELETE FROM lexicon_postings;
DELETE FROM lexicon_papers;
DELETE FROM lexicon_segments;
INSERT INTO lexicon_pending (seq) SELECT seq FROM papers ON CONFLICT (seq) DO UPDATE SET version = lexicon_pending.version + 1;
