-- Postings rows get a part number: SQLite keeps a term's postings as parts that
-- each fit in a page (text-index/index-tables.ts). PostgreSQL keeps long values
-- out of line itself, so here a term's postings stay one row, part 0.
ALTER TABLE lexicon_postings ADD COLUMN part integer NOT NULL DEFAULT 0;
ALTER TABLE lexicon_postings DROP CONSTRAINT lexicon_postings_pkey;
ALTER TABLE lexicon_postings ADD PRIMARY KEY (segment, term, part);
