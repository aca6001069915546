-- The ranking index stores its postings compressed (text-index/postings.ts): the
-- index is emptied and every paper queued, to be indexed again at the next start
-- or import (SQLite's migration of this number also drops FTS5).
DELETE FROM lexicon_postings;
-- A term is sought segment by segment through the primary key (segment, term): an
-- index by term took every new segment's rows in random places, the slowest write
-- of a large import.
DROP INDEX lexicon_postings_by_term;
DELETE FROM lexicon_papers;
DELETE FROM lexicon_segments;
INSERT INTO lexicon_pending (seq) SELECT seq FROM papers ON CONFLICT (seq) DO UPDATE SET version = lexicon_pending.version + 1;
