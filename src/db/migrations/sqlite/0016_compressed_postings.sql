-- The ranking index stores its postings compressed (text-index/postings.ts): the
-- index is emptied and every paper queued, to be indexed again at the next start
-- or import. FTS5 goes: paperboy's own index answers phrases, authors,
-- exclusions and newest-first lists, and FTS5's second copy of every word took
-- a third of each import's time and of the file.
DROP TRIGGER papers_fts_insert;
DROP TRIGGER papers_fts_delete;
DROP TRIGGER papers_fts_update;
DROP TABLE papers_fts;
DELETE FROM lexicon_postings;
-- A term is sought segment by segment through the primary key (segment, term): an
-- index by term took every new segment's rows in random places, the slowest write
-- of a large import.
DROP INDEX lexicon_postings_by_term;
DELETE FROM lexicon_papers;
DELETE FROM lexicon_segments;
INSERT INTO lexicon_pending (seq) SELECT seq FROM papers WHERE true ON CONFLICT (seq) DO UPDATE SET version = version + 1;
