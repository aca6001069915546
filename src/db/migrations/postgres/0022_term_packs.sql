-- The small terms of a segment, many to a row (text-index/term-packs.ts): a
-- row for each term cost more to write, merge and keep than the postings of
-- most terms. A pack is keyed by its first term; a term not in a row of its
-- own is in the last pack starting at or before it (in code point order, as
-- every term). Segments written before have every term in its own row and are
-- read as they are.
CREATE TABLE lexicon_packs (
  segment integer NOT NULL,
  first_term text COLLATE "C" NOT NULL,
  terms bytea NOT NULL,
  PRIMARY KEY (segment, first_term)
);
