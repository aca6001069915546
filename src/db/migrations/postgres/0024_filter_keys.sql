-- Search filters on categories and code from the ranking index: each paper is
-- found under a key term for each of its categories and the archives they are
-- in, and under one for having code (db/paper-text.ts), where joining the
-- category table to papers took a second for a category of 1.4 million papers.
-- The index is emptied and every paper queued, to be indexed again, with these
-- keys, at the next start or import.
DELETE FROM lexicon_postings;
DELETE FROM lexicon_packs;
DELETE FROM lexicon_papers;
DELETE FROM lexicon_segments;
INSERT INTO lexicon_pending (seq) SELECT seq FROM papers ON CONFLICT (seq) DO UPDATE SET version = lexicon_pending.version + 1;
-- The papers without a category (whose primary category is none: a paper with
-- categories always has one), counted for a note under category filters, where
-- the count read every paper.
CREATE INDEX papers_uncategorized ON papers (seq) WHERE primary_category IS NULL;
-- Nothing reads papers by category or by code in SQL any more: their indexes go
-- (about 60 bytes a paper, and writes of every import).
DROP INDEX paper_categories_category;
DROP INDEX papers_with_code;
-- A change of a paper's code or categories (whose primary one is in its row,
-- and which are only written with it) queues it for the index, as one of its text does.
DROP TRIGGER lexicon_pending_update ON papers;
CREATE TRIGGER lexicon_pending_update AFTER UPDATE OF title, abstract, authors, has_code, primary_category ON papers
  FOR EACH ROW EXECUTE FUNCTION lexicon_queue();
